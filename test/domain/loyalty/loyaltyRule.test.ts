import { describe, expect, it } from "vitest";
import { DEFAULT_LOYALTY_RULE, LoyaltyRule, pointsForSpend, pointsRedeemedByCode, redemptionCode } from "~/domain/loyalty/loyaltyRule";

const rule = (pointsPerCurrencyUnit: number): LoyaltyRule => LoyaltyRule.parse({ pointsPerCurrencyUnit });

describe("LoyaltyRule", () => {
  it("defaults to 1 point per unit, three tiers and a one-year expiry", () => {
    expect(DEFAULT_LOYALTY_RULE).toEqual({
      pointsPerCurrencyUnit: 1,
      rewardTiers: [
        { name: "Bronze reward", points: 250, rewardMinor: 500 },
        { name: "Silver reward", points: 500, rewardMinor: 1200 },
        { name: "Gold reward", points: 1000, rewardMinor: 3000 },
      ],
      expiryDays: 365,
    });
  });

  it("accepts points that never expire", () => {
    expect(LoyaltyRule.parse({ expiryDays: null }).expiryDays).toBeNull();
  });

  it.each([
    { name: "zero points per unit", input: { pointsPerCurrencyUnit: 0 }, path: "pointsPerCurrencyUnit" },
    { name: "more than 1000 points per unit", input: { pointsPerCurrencyUnit: 1001 }, path: "pointsPerCurrencyUnit" },
    { name: "no tiers", input: { rewardTiers: [] }, path: "rewardTiers" },
    { name: "a tier without a name", input: { rewardTiers: [{ name: "", points: 10, rewardMinor: 100 }] }, path: "rewardTiers.0.name" },
    { name: "fractional tier points", input: { rewardTiers: [{ name: "A", points: 10.5, rewardMinor: 100 }] }, path: "rewardTiers.0.points" },
    { name: "a zero reward", input: { rewardTiers: [{ name: "A", points: 10, rewardMinor: 0 }] }, path: "rewardTiers.0.rewardMinor" },
    { name: "zero expiry days", input: { expiryDays: 0 }, path: "expiryDays" },
    { name: "fractional expiry days", input: { expiryDays: 1.5 }, path: "expiryDays" },
  ])("rejects $name at $path", ({ input, path }) => {
    const result = LoyaltyRule.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([path]);
  });

  it("rejects tiers sharing a threshold", () => {
    const result = LoyaltyRule.safeParse({ rewardTiers: [{ name: "A", points: 100, rewardMinor: 100 }, { name: "B", points: 100, rewardMinor: 200 }] });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["reward tiers must have distinct point thresholds"]);
  });
});

describe("pointsForSpend", () => {
  it.each([
    { ppu: 1, spent: 1999, currency: "USD", points: 19 },
    { ppu: 1, spent: 2000, currency: "USD", points: 20 },
    { ppu: 1, spent: 99, currency: "USD", points: 0 },
    { ppu: 2, spent: 1250, currency: "EUR", points: 25 },
    { ppu: 1.5, spent: 1000, currency: "USD", points: 15 },
    { ppu: 0.1, spent: 1999, currency: "USD", points: 1 },
    { ppu: 1, spent: 1999, currency: "JPY", points: 1999 },
    { ppu: 0.01, spent: 5000, currency: "JPY", points: 50 },
    { ppu: 1, spent: 12345, currency: "KWD", points: 12 },
    // decimal points-per-unit must not lose a point to float error
    { ppu: 100, spent: 57, currency: "USD", points: 57 },
    { ppu: 100, spent: 29, currency: "USD", points: 29 },
    { ppu: 0.7, spent: 1000, currency: "USD", points: 7 },
    { ppu: 1.1, spent: 1000, currency: "USD", points: 11 },
    { ppu: 3, spent: 0, currency: "USD", points: 0 },
    { ppu: 3, spent: -500, currency: "USD", points: 0 },
  ])("$spent minor $currency at $ppu per unit -> $points", ({ ppu, spent, currency, points }) => {
    expect(pointsForSpend(rule(ppu), spent, currency)).toBe(points);
  });

  it("never rounds up and is exact for every cent amount at 100 points per dollar", () => {
    const hundred = rule(100);
    for (let spent = 1; spent <= 10_000; spent++) expect(pointsForSpend(hundred, spent, "USD")).toBe(spent);
  });
});

describe("redemption codes", () => {
  it.each(DEFAULT_LOYALTY_RULE.rewardTiers)("$name round-trips through its code", (tier) => {
    const code = redemptionCode(tier);
    expect(code).toBe(`LOYALTY-${tier.points}`);
    expect(pointsRedeemedByCode(DEFAULT_LOYALTY_RULE, code)).toBe(tier.points);
  });

  it.each([
    ["LOYALTY-500", 500],
    ["loyalty-250", 250],
    ["  LOYALTY-1000 ", 1000],
    ["LOYALTY-300", null],
    ["LOYALTY-", null],
    ["LOYALTY-abc", null],
    ["LOYALTY--250", null],
    ["WELCOME10", null],
    ["XLOYALTY-250", null],
    ["LOYALTY-250-EXTRA", null],
    ["", null],
  ])("%j redeems %j points", (code, points) => {
    expect(pointsRedeemedByCode(DEFAULT_LOYALTY_RULE, code)).toBe(points);
  });
});
