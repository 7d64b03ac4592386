import { describe, expect, it } from "vitest";
import { DEFAULT_LOYALTY_RULE, LoyaltyRule, pointsForSpend, pointsRedeemedByCode } from "~/domain/loyalty/loyaltyRule";
import { toMinorUnits } from "~/domain/money/money";
import { generateDemoStore, type CustomerHistory } from "~/demo/generator";
import { LoyaltyLedger } from "~/domain/loyalty/loyaltyLedger";
import { DAY, NOW } from "./support/demoStore";

/**
 * An independent reading of the rule, written from its documentation rather than from the
 * generator: each order earns points on its subtotal (after discounts) unless cancelled; points
 * lapse `expiryDays` after they were earned; a redemption spends the oldest live points first.
 * Returns the redemptions that exceeded the balance at the time.
 */
function overdrawnRedemptions(history: CustomerHistory, rule: LoyaltyRule): string[] {
  const lots: { at: number; left: number }[] = [];
  const overdrawn: string[] = [];
  const expiry = rule.expiryDays === null ? Infinity : rule.expiryDays * DAY;
  for (const order of [...history.orders].sort((a, b) => Date.parse(a.processed_at) - Date.parse(b.processed_at))) {
    const at = Date.parse(order.processed_at);
    const live = lots.filter((lot) => lot.left > 0 && at < lot.at + expiry);
    let wanted = order.discount_codes.reduce((sum, code) => sum + (pointsRedeemedByCode(rule, code.code) ?? 0), 0);
    if (wanted > live.reduce((sum, lot) => sum + lot.left, 0)) overdrawn.push(`${order.name} redeems ${wanted}`);
    for (const lot of live) {
      const used = Math.min(lot.left, wanted);
      lot.left -= used;
      wanted -= used;
    }
    if (!order.cancelled_at) lots.push({ at, left: pointsForSpend(rule, toMinorUnits(order.subtotal_price, order.currency), order.currency) });
  }
  return overdrawn;
}

const STINGY_RULE = LoyaltyRule.parse({
  pointsPerCurrencyUnit: 2,
  rewardTiers: [
    { name: "Small", points: 100, rewardMinor: 300 },
    { name: "Large", points: 400, rewardMinor: 1500 },
  ],
  expiryDays: 60,
});

describe("loyalty redemptions in generated orders", () => {
  it.each([
    { rule: DEFAULT_LOYALTY_RULE, label: "the default rule" },
    { rule: STINGY_RULE, label: "a rule with 60-day expiry and other tiers" },
  ])("never exceed the balance under $label", ({ rule }) => {
    const store = generateDemoStore({ seed: "loyalty", customers: 1500, now: NOW, loyaltyRule: rule });
    const histories = [...store.customers()];
    const codes = histories.flatMap((h) => h.orders.flatMap((o) => o.discount_codes.map((c) => c.code)));
    const loyaltyCodes = codes.filter((code) => pointsRedeemedByCode(rule, code) !== null);
    expect(loyaltyCodes.length).toBeGreaterThan(30);
    expect(codes.filter((code) => /^LOYALTY-/.test(code)).length).toBe(loyaltyCodes.length);
    expect(histories.flatMap((h) => overdrawnRedemptions(h, rule))).toEqual([]);
  });

  it("marks a redemption as a fixed-amount discount worth the tier's reward", () => {
    const store = generateDemoStore({ seed: "loyalty", customers: 600, now: NOW });
    const redemptions = [...store.customers()].flatMap((h) => h.orders.flatMap((o) => o.discount_codes.filter((c) => c.code.startsWith("LOYALTY-"))));
    expect(redemptions.length).toBeGreaterThan(0);
    for (const code of redemptions) {
      const tier = DEFAULT_LOYALTY_RULE.rewardTiers.find((t) => `LOYALTY-${t.points}` === code.code);
      expect(code.type).toBe("fixed_amount");
      expect(toMinorUnits(code.amount, "USD")).toBe(tier?.rewardMinor);
    }
  });
});

describe("LoyaltyLedger", () => {
  const rule = LoyaltyRule.parse({ expiryDays: 30 });
  const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * DAY);

  it.each([
    { scenario: "earned points count until they expire", steps: [["earn", 300, 0]] as const, at: 29, balance: 300 },
    { scenario: "expired points are gone", steps: [["earn", 300, 0]] as const, at: 30, balance: 0 },
    { scenario: "redemptions spend the oldest points first", steps: [["earn", 200, 0], ["earn", 200, 20], ["redeem", 250, 21]] as const, at: 35, balance: 150 },
    { scenario: "future earnings do not count yet", steps: [["earn", 200, 10]] as const, at: 5, balance: 0 },
  ])("$scenario", ({ steps, at, balance }) => {
    const ledger = new LoyaltyLedger(rule);
    for (const [kind, points, when] of steps) {
      if (kind === "earn") ledger.earn(points, day(when));
      else ledger.redeem(points, day(when));
    }
    expect(ledger.balance(day(at))).toBe(balance);
  });

  it("refuses to redeem more than the balance and names the best affordable tier", () => {
    const ledger = new LoyaltyLedger(DEFAULT_LOYALTY_RULE);
    ledger.earn(600, day(0));
    expect(ledger.bestAffordableTier(day(1))?.points).toBe(500);
    expect(() => ledger.redeem(700, day(1))).toThrow(/balance/);
  });
});
