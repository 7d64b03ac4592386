import { describe, expect, it } from "vitest";
import type { ShopperSnapshot } from "~/domain/agents/contract";
import { loyaltyAgent } from "~/domain/agents/loyaltyAgent";
import { catalog, category, CLEANSERS, context, daysAgo, product, PRODUCTS, shopper, TOOLS, type SettingsChanges } from "./fixtures";

const BRONZE = { name: "Bronze reward", points: 250, rewardMinor: 500 };
const SILVER = { name: "Silver reward", points: 500, rewardMinor: 1200 };
const inDays = (days: number) => daysAgo(-days);

/** Buys cleansers often and has bought one tool (the brush): those are the preferred categories. */
function member(loyalty: ShopperSnapshot["loyalty"], owned: string[] = ["p-cleanser", "p-brush"]): ShopperSnapshot {
  return shopper({
    loyalty,
    categories: [category(CLEANSERS, [100, 70, 40], { lastProductId: "p-cleanser" }), category(TOOLS, [90], { lastProductId: "p-brush" })],
    orders: { count: 4, lastAt: daysAgo(40), ownedProductIds: new Set(owned), averageOrderMinor: 3000 },
    pAlive: 0.9,
  });
}

describe("loyalty: near a tier or with points expiring", () => {
  it.each([
    {
      name: "30 points from Bronze: the gua sha closes it; the owned brush is left out (a durable)",
      loyalty: { balance: 220, nextTier: BRONZE, nextExpiry: null },
      expected: { messageType: "loyalty-tier-gap", pointsNeeded: 30, products: ["p-guasha"], deadline: undefined },
    },
    {
      name: "at 2 points per dollar the cleansers close the gap too: refills of an owned consumable are fine",
      loyalty: { balance: 220, nextTier: BRONZE, nextExpiry: null },
      settings: { pointsPerCurrencyUnit: 2 },
      expected: { messageType: "loyalty-tier-gap", pointsNeeded: 30, products: ["p-cleanser", "p-cleanser-2", "p-guasha"], deadline: undefined },
    },
    {
      name: "near the tier with points expiring in 10 days: the expiry is the deadline",
      loyalty: { balance: 220, nextTier: BRONZE, nextExpiry: { points: 40, at: inDays(10) } },
      expected: { messageType: "loyalty-tier-gap", pointsNeeded: 30, products: ["p-guasha"], deadline: inDays(10) },
    },
    {
      name: "a gap no in-stock product can close (80 points, nothing above $80), points expiring: the expiry reminder alone",
      loyalty: { balance: 420, nextTier: SILVER, nextExpiry: { points: 60, at: inDays(5) } },
      expected: { messageType: "loyalty-points-expiry", pointsNeeded: 80, products: [], deadline: inDays(5) },
    },
    {
      name: "far from any tier, points expiring: the expiry reminder",
      loyalty: { balance: 100, nextTier: BRONZE, nextExpiry: { points: 100, at: inDays(3) } },
      expected: { messageType: "loyalty-points-expiry", pointsNeeded: 150, products: [], deadline: inDays(3) },
    },
  ])("$name", ({ loyalty, settings, expected }: { loyalty: ShopperSnapshot["loyalty"]; settings?: SettingsChanges; expected: { messageType: string; pointsNeeded: number; products: string[]; deadline: Date | undefined } }) => {
    const proposals = loyaltyAgent(member(loyalty), context({ settings }));
    expect(proposals).toHaveLength(1);
    const [proposal] = proposals;
    expect(proposal?.action.messageType).toBe(expected.messageType);
    expect(proposal?.brief.numbers.pointsNeeded).toBe(expected.pointsNeeded);
    expect(proposal?.brief.products.map((p) => p.productId)).toEqual(expected.products);
    expect(proposal?.brief.deadlines.pointsExpireAt).toEqual(expected.deadline);
    if (expected.deadline) expect(proposal?.action.latestSendAt.getTime()).toBeLessThanOrEqual(expected.deadline.getTime());
  });

  it.each([
    { name: "a gap no in-stock product can close, nothing expiring", loyalty: { balance: 420, nextTier: SILVER, nextExpiry: null } },
    { name: "far from the tier (150 of 250 points missing), nothing expiring", loyalty: { balance: 100, nextTier: BRONZE, nextExpiry: null } },
    { name: "points expiring in 20 days, beyond the 14-day warning", loyalty: { balance: 100, nextTier: BRONZE, nextExpiry: { points: 100, at: inDays(20) } } },
    { name: "past the top tier, nothing expiring", loyalty: { balance: 1500, nextTier: null, nextExpiry: null } },
  ])("nothing for $name", ({ loyalty }) => {
    expect(loyaltyAgent(member(loyalty), context())).toEqual([]);
  });

  it("the only product that would close the gap is sold out: no tier-gap message", () => {
    const soldOut = catalog({ outOfStock: ["p-guasha", "p-brush"] });
    expect(loyaltyAgent(member({ balance: 220, nextTier: BRONZE, nextExpiry: null }), context({ catalog: soldOut }))).toEqual([]);
  });

  it("points are counted in the shop currency's units (JPY has no minor unit)", () => {
    const yen = { ...catalog({ products: [product("p-jp", "Hinoki Bath Salts", CLEANSERS, 3000)] }), currencyCode: "JPY" };
    const [proposal] = loyaltyAgent(member({ balance: 2000, nextTier: { name: "Gold", points: 4000, rewardMinor: 1000 }, nextExpiry: null }), context({ catalog: yen, settings: { loyaltyNearTierShare: 0.5 } }));
    expect(proposal?.brief.numbers["pointsEarned:p-jp"]).toBe(3000);
    expect(proposal?.brief.numbers.pointsNeeded).toBe(2000);
  });

  it("states exact points, the tier, the products and the deadline in plain words", () => {
    const [proposal] = loyaltyAgent(member({ balance: 220, nextTier: BRONZE, nextExpiry: { points: 40, at: inDays(10) } }), context());
    expect(proposal?.brief.numbers).toMatchObject({ balance: 220, tierPoints: 250, pointsNeeded: 30, rewardMinor: 500, expiringPoints: 40, daysUntilExpiry: 10, "pointsEarned:p-guasha": 34 });
    expect(proposal?.trace.reasoning).toContain("30 points short of the Bronze reward (250 points, worth $5.00): within 25% of the tier, so they count as near it.");
    expect(proposal?.trace.action).toBe("Email: 30 points to the Bronze reward before 20 June 2026, with Rose Quartz Gua Sha; send between 10 June 2026 and 13 June 2026.");
    // 8% x 0.9 x $34.00
    expect(proposal?.expectedValue).toMatchObject({ probabilityUplift: 0.072, orderValueMinor: 3400, incrementalRevenueMinor: 245 });
  });

  it("an expiry reminder is valued on the customer's average order", () => {
    const [proposal] = loyaltyAgent(member({ balance: 420, nextTier: SILVER, nextExpiry: { points: 60, at: inDays(5) } }), context());
    expect(proposal?.expectedValue).toMatchObject({ orderValueMinor: 3000, probabilityUplift: 0.036 });
    expect(proposal?.trace.reasoning.join(" ")).toContain("No single in-stock product");
    expect(PRODUCTS.every((p) => p.priceMinor < 8000)).toBe(true);
  });
});
