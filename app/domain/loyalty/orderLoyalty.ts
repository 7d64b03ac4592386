import { addDays } from "../shared/time";
import { pointsForSpend, pointsRedeemedByCode, type LoyaltyRule } from "./loyaltyRule";

/**
 * The loyalty ledger entries one order produces. Points are earned on what the shopper paid for
 * goods (the subtotal after discounts, before tax and shipping) and expire `expiryDays` later;
 * a `LOYALTY-<points>` code that matches a reward tier redeems that many points. A cancelled order
 * earns and spends nothing (the points and the reward are returned), so entries are a function of
 * the order's current state and re-applying an updated order replaces them.
 */
export type LoyaltyEntryRecord = {
  id: string;
  customerId: string;
  kind: "earn" | "redeem";
  /** Positive when earned, negative when redeemed. */
  points: number;
  occurredAt: Date;
  expiresAt: Date | null;
  orderId: string;
};

export type LoyaltyOrderFacts = {
  id: string;
  customerId: string | null;
  processedAt: Date;
  cancelledAt: Date | null;
  currencyCode: string;
  subtotalMinor: number;
  /** JSON array of the codes applied, as stored on the order row. */
  discountCodes: readonly string[];
};

export function loyaltyEntriesForOrder(rule: LoyaltyRule, order: LoyaltyOrderFacts): LoyaltyEntryRecord[] {
  if (!order.customerId || order.cancelledAt) return [];
  const entries: LoyaltyEntryRecord[] = [];
  const redeemed = order.discountCodes.reduce((sum, code) => sum + (pointsRedeemedByCode(rule, code) ?? 0), 0);
  if (redeemed > 0) {
    entries.push({
      id: `${order.id}:redeem`,
      customerId: order.customerId,
      kind: "redeem",
      points: -redeemed,
      occurredAt: order.processedAt,
      expiresAt: null,
      orderId: order.id,
    });
  }
  const earned = pointsForSpend(rule, order.subtotalMinor, order.currencyCode);
  if (earned > 0) {
    entries.push({
      id: `${order.id}:earn`,
      customerId: order.customerId,
      kind: "earn",
      points: earned,
      occurredAt: order.processedAt,
      expiresAt: rule.expiryDays === null ? null : addDays(order.processedAt, rule.expiryDays),
      orderId: order.id,
    });
  }
  return entries;
}
