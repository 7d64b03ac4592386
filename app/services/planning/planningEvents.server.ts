import type { Db } from "~/db.server";
import { abandonedAt } from "~/domain/projections/abandonment";
import { DAY_MS } from "~/domain/shared/time";
import { parseShopSettings } from "~/domain/shop/shopSettings";
import { findInBatches } from "~/services/queryBatches";
import { withdrawMessages } from "~/services/governance/reviewMessages.server";
import { mootReason, type PlacedOrder } from "./mootDecisions";
import { planningRunId, runPlanning, type PlanningRunResult } from "./runPlanning.server";

/**
 * Event runs. A cart or checkout abandoned plans that one shopper at the moment it became
 * abandoned; an order placed cancels the pending nudges it makes moot (mootDecisions.ts). Both are
 * idempotent: the run id is derived from the event and its moment, and a cancelled decision is no
 * longer pending. `sweepPlanningEvents` finds recent events of every shop with an active objective,
 * so the worker needs one call, and nothing is lost if it was down when the event happened.
 */

/** Decision statuses not yet sent: an order can still cancel them. */
export const PENDING_STATUSES = ["planned", "awaiting-approval", "approved"] as const;
const CANCELLABLE_AGENTS = ["cart-intent", "replenishment", "post-purchase"];

export type BasketKind = "cart" | "checkout";

/** Plans the shopper of an abandoned cart or checkout; null when it has no known shopper or is not abandoned. */
export async function planAbandonedBasket(store: Db, shopId: string, basket: { kind: BasketKind; token: string; now: Date }): Promise<PlanningRunResult | null> {
  const shop = await store.shop.findUnique({ where: { id: shopId }, select: { settings: true } });
  if (!shop) return null;
  const delayMinutes = parseShopSettings(shop.settings).abandonmentDelayMinutes;
  const found =
    basket.kind === "cart"
      ? await store.cart.findUnique({ where: { shopId_token: { shopId, token: basket.token } }, select: { customerId: true, clientId: true, sourceUpdatedAt: true, convertedAt: true } })
      : await store.checkout.findUnique({ where: { shopId_token: { shopId, token: basket.token } }, select: { customerId: true, sourceUpdatedAt: true, completedAt: true } });
  if (!found) return null;
  const completedAt = "convertedAt" in found ? found.convertedAt : "completedAt" in found ? found.completedAt : null;
  const moment = abandonedAt({ lastActivityAt: found.sourceUpdatedAt, completedAt, now: basket.now, delayMinutes });
  if (!moment) return null;
  const customerId = found.customerId ?? (await cartShopper(store, shopId, basket.token, "clientId" in found ? found.clientId : null));
  if (!customerId) return null;
  return runPlanning(store, shopId, { now: moment, trigger: "event", event: `${basket.kind}-abandoned:${basket.token}`, customerIds: [customerId] });
}

/** A cart carries no customer until something links it: one of the shopper's checkouts, or their browser. */
async function cartShopper(store: Db, shopId: string, token: string, clientId: string | null): Promise<string | null> {
  const checkout = await store.checkout.findFirst({ where: { shopId, cartToken: token, customerId: { not: null } }, select: { customerId: true } });
  if (checkout?.customerId) return checkout.customerId;
  if (!clientId) return null;
  const client = await store.pixelClient.findUnique({ where: { shopId_clientId: { shopId, clientId } }, select: { customerId: true } });
  return client?.customerId ?? null;
}

export type Cancellation = { runId: string; cancelled: { id: string; agent: string; reason: string }[] };

/** Cancels the pending nudges an order makes moot, recording an event run when it cancelled any. */
export async function cancelMootNudges(store: Db, shopId: string, orderId: string, now: Date = new Date()): Promise<Cancellation | null> {
  const order = await store.order.findUnique({
    where: { shopId_id: { shopId, id: orderId } },
    select: { id: true, name: true, customerId: true, processedAt: true, cartToken: true, checkoutToken: true, cancelledAt: true },
  });
  if (!order?.customerId || order.cancelledAt) return null;
  const [pending, lines, checkout] = await Promise.all([
    store.decision.findMany({
      where: { shopId, customerId: order.customerId, status: { in: [...PENDING_STATUSES] }, agent: { in: CANCELLABLE_AGENTS }, moment: { lte: order.processedAt } },
      select: { id: true, agent: true, subject: true, moment: true },
      orderBy: { id: "asc" },
    }),
    store.orderLineItem.findMany({ where: { shopId, orderId }, select: { categoryPath: true } }),
    order.checkoutToken ? store.checkout.findUnique({ where: { shopId_token: { shopId, token: order.checkoutToken } }, select: { cartToken: true } }) : null,
  ]);
  const placed: PlacedOrder = {
    ...order,
    checkoutCartToken: checkout?.cartToken ?? null,
    categories: new Set(lines.flatMap((line) => (line.categoryPath ? [line.categoryPath] : []))),
  };
  const cancelled = pending.flatMap((decision) => {
    const reason = mootReason(decision, placed);
    return reason ? [{ id: decision.id, agent: decision.agent, reason }] : [];
  });
  const runId = planningRunId("event", order.processedAt, `order-placed:${order.id}`);
  if (cancelled.length === 0) return { runId, cancelled };
  await store.$transaction(async (tx) => {
    for (const decision of cancelled) {
      await tx.decision.updateMany({
        where: { shopId, id: decision.id, status: { in: [...PENDING_STATUSES] } },
        data: { status: "cancelled", cancelReason: decision.reason, cancelledAt: now },
      });
    }
    await withdrawMessages(tx, shopId, cancelled, now);
    const cancelledByAgent: Record<string, number> = {};
    for (const decision of cancelled) cancelledByAgent[decision.agent] = (cancelledByAgent[decision.agent] ?? 0) + 1;
    const run = {
      trigger: "event",
      event: `order-placed:${order.id}`,
      moment: order.processedAt,
      status: "finished",
      startedAt: now,
      finishedAt: now,
      counts: JSON.stringify({ shoppers: 1, cancelled: cancelled.length, cancelledByAgent }),
      error: null,
    };
    await tx.planningRun.upsert({ where: { shopId_id: { shopId, id: runId } }, create: { shopId, id: runId, ...run }, update: run });
  });
  return { runId, cancelled };
}

export type SweepReport = { shops: number; basketsPlanned: number; ordersChecked: number; cancelled: number; deferred: number };

/** Events within this window are picked up; older ones are the nightly run's. */
const SWEEP_WINDOW_MS = DAY_MS;
/** A run that started this recently and has not finished holds the shop: event runs wait for it. */
const RUN_HOLD_MS = 15 * 60_000;

/**
 * For every installed shop with an active objective: plans the shoppers of baskets abandoned in the
 * last day that have no event run yet, and checks the last day's orders against pending nudges.
 * A shop where a run is in progress is left for the next sweep, so an event run always sees the
 * decisions of the run before it (budgets are never counted twice).
 */
export async function sweepPlanningEvents(store: Db, now: Date, options: { maxBaskets?: number } = {}): Promise<SweepReport> {
  const report: SweepReport = { shops: 0, basketsPlanned: 0, ordersChecked: 0, cancelled: 0, deferred: 0 };
  const objectives = await store.objective.findMany({ where: { active: true }, select: { shopId: true }, distinct: ["shopId"] });
  const from = new Date(now.getTime() - SWEEP_WINDOW_MS);
  for (const { shopId } of objectives) {
    const shop = await store.shop.findUnique({ where: { id: shopId }, select: { status: true } });
    if (shop?.status !== "installed") continue;
    const busy = await store.planningRun.findFirst({ where: { shopId, status: "running", startedAt: { gt: new Date(now.getTime() - RUN_HOLD_MS) } }, select: { id: true } });
    if (busy) {
      report.deferred++;
      continue;
    }
    report.shops++;
    const [orders, carts, checkouts] = await Promise.all([
      store.order.findMany({ where: { shopId, customerId: { not: null }, cancelledAt: null, processedAt: { gt: from, lte: now } }, select: { id: true, customerId: true } }),
      store.cart.findMany({ where: { shopId, customerId: { not: null }, convertedAt: null, abandonedAt: { gt: from, lte: now } }, select: { token: true, abandonedAt: true } }),
      store.checkout.findMany({ where: { shopId, completedAt: null, customerId: { not: null }, abandonedAt: { gt: from, lte: now } }, select: { token: true, abandonedAt: true } }),
    ]);
    const withPending = new Set(
      (
        await findInBatches([...new Set(orders.map((order) => order.customerId as string))], (ids) =>
          store.decision.findMany({ where: { shopId, customerId: { in: ids }, status: { in: [...PENDING_STATUSES] }, agent: { in: CANCELLABLE_AGENTS } }, select: { customerId: true } }),
        )
      ).map((row) => row.customerId),
    );
    for (const order of orders) {
      if (!withPending.has(order.customerId as string)) continue;
      report.ordersChecked++;
      report.cancelled += (await cancelMootNudges(store, shopId, order.id, now))?.cancelled.length ?? 0;
    }
    const baskets = [...carts.map((cart) => ({ kind: "cart" as const, ...cart })), ...checkouts.map((checkout) => ({ kind: "checkout" as const, ...checkout }))];
    const runIds = baskets.map((basket) => planningRunId("event", basket.abandonedAt as Date, `${basket.kind}-abandoned:${basket.token}`));
    const done = new Set((await findInBatches(runIds, (ids) => store.planningRun.findMany({ where: { shopId, id: { in: ids } }, select: { id: true } }))).map((run) => run.id));
    for (const [i, basket] of baskets.entries()) {
      if (done.has(runIds[i] as string) || report.basketsPlanned >= (options.maxBaskets ?? 200)) continue;
      if (await planAbandonedBasket(store, shopId, { kind: basket.kind, token: basket.token, now })) report.basketsPlanned++;
    }
  }
  return report;
}
