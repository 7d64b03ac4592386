import { DAY_MS } from "../../shared/time";

/**
 * When a shop's cached BTYD fit is refreshed: the parameters describe the customer base, which moves
 * slowly, so a refit waits until enough orders have arrived (a share of those the fit saw, or a fixed
 * number, whichever comes first) or the fit has grown old.
 */

export type RefitPolicy = {
  /** Refit when the order count has changed by this share of the orders the fit saw (0.1 = 10%). */
  growthShare: number;
  /** ... or by this many orders, whichever is reached first. */
  newOrders: number;
  /** Refit a fit older than this many days even without new orders; null never. */
  maxAgeDays: number | null;
};

export const DEFAULT_REFIT_POLICY: RefitPolicy = { growthShare: 0.1, newOrders: 500, maxAgeDays: 30 };

export type RefitReason = "no-fit" | "orders-changed" | "stale";

export function refitReason(previous: { ordersSeen: number; fittedAt: Date } | null, current: { orders: number; now: Date }, policy: RefitPolicy = DEFAULT_REFIT_POLICY): RefitReason | null {
  if (!previous) return "no-fit";
  const change = Math.abs(current.orders - previous.ordersSeen);
  if (change > 0 && change >= Math.min(policy.newOrders, Math.max(1, policy.growthShare * previous.ordersSeen))) return "orders-changed";
  if (policy.maxAgeDays !== null && current.now.getTime() - previous.fittedAt.getTime() >= policy.maxAgeDays * DAY_MS) return "stale";
  return null;
}
