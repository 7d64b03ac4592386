import { describe, expect, it } from "vitest";
import { DEFAULT_LOYALTY_RULE, LoyaltyRule } from "~/domain/loyalty/loyaltyRule";
import { summariseLoyalty, type LoyaltyEntryFact } from "~/domain/profiles/loyaltySummary";

const d = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000);
let seq = 0;
const entry = (kind: string, points: number, day: number): LoyaltyEntryFact => ({ id: `e${++seq}`, kind, points, occurredAt: d(day), expiresAt: null, orderId: null });

describe("summariseLoyalty (1 point per unit, tiers 250/500/1000, points expire after 365 days)", () => {
  it.each([
    {
      name: "redemptions spend the oldest points first",
      entries: [entry("earn", 100, 0), entry("earn", 200, 100), entry("redeem", -250, 200)],
      now: 300,
      expected: { balance: 50, earned: 300, redeemed: 250, expired: 0, uncoveredRedemptions: 0, nextExpiry: { points: 50, at: d(465) }, expiringWithin30Days: 0, tier: null },
    },
    {
      name: "unspent points lapse a year after they were earned",
      entries: [entry("earn", 300, 0)],
      now: 400,
      expected: { balance: 0, earned: 300, redeemed: 0, expired: 300, uncoveredRedemptions: 0, nextExpiry: null, expiringWithin30Days: 0, tier: null },
    },
    {
      name: "a redemption beyond the balance is reported, not thrown",
      entries: [entry("earn", 100, 0), entry("redeem", -250, 10)],
      now: 20,
      expected: { balance: 0, earned: 100, redeemed: 100, expired: 0, uncoveredRedemptions: 150, nextExpiry: null, expiringWithin30Days: 0, tier: null },
    },
    {
      name: "explicit expire rows are not counted twice",
      entries: [entry("earn", 100, 0), entry("expire", -100, 365)],
      now: 400,
      expected: { balance: 0, earned: 100, redeemed: 0, expired: 100, uncoveredRedemptions: 0, nextExpiry: null, expiringWithin30Days: 0, tier: null },
    },
    {
      name: "points about to lapse, and the tier they pay for",
      entries: [entry("adjust", 500, 0)],
      now: 340,
      expected: { balance: 500, earned: 500, redeemed: 0, expired: 0, uncoveredRedemptions: 0, nextExpiry: { points: 500, at: d(365) }, expiringWithin30Days: 500, tier: "Silver reward" },
    },
    {
      name: "entries dated after now are not counted yet",
      entries: [entry("earn", 100, 0), entry("earn", 900, 50)],
      now: 10,
      expected: { balance: 100, earned: 100, redeemed: 0, expired: 0, uncoveredRedemptions: 0, nextExpiry: { points: 100, at: d(365) }, expiringWithin30Days: 0, tier: null },
    },
  ])("$name", ({ entries, now, expected }) => {
    const summary = summariseLoyalty(DEFAULT_LOYALTY_RULE, entries, d(now));
    const { bestAffordableTier, history: _history, ...figures } = summary;
    const { tier, ...rest } = expected;
    expect(figures).toEqual(rest);
    expect(bestAffordableTier?.name ?? null).toBe(tier);
  });

  it("points never expire when the rule says so", () => {
    const rule = LoyaltyRule.parse({ expiryDays: null });
    expect(summariseLoyalty(rule, [entry("earn", 100, 0)], d(1000))).toMatchObject({ balance: 100, expired: 0, nextExpiry: null });
  });

  it("history is newest first with the balance after each entry", () => {
    const entries = [entry("earn", 100, 0), entry("earn", 200, 100), entry("redeem", -250, 200), entry("earn", 10, 400)];
    const { history } = summariseLoyalty(DEFAULT_LOYALTY_RULE, entries, d(401));
    expect(history.map((line) => [line.kind, line.points, line.balanceAfter])).toEqual([
      ["earn", 10, 60], // the 50 left of day 100's points last until day 465
      ["redeem", -250, 50],
      ["earn", 200, 300],
      ["earn", 100, 100],
    ]);
  });
});
