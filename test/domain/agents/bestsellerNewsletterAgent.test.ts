import { describe, expect, it } from "vitest";
import { bestsellerNewsletterAgent } from "~/domain/agents/bestsellerNewsletterAgent";
import type { ShopperSnapshot } from "~/domain/agents/contract";
import { bestsellers, context, NOW, shopper } from "./fixtures";

function run(changes: Partial<ShopperSnapshot>, newsletterDue = true) {
  return bestsellerNewsletterAgent(shopper(changes), context({ settings: { newsletterDue } }));
}

const owns = (...ids: string[]) => ({ count: 3, lastAt: null, ownedProductIds: new Set(ids), averageOrderMinor: null });

describe("bestseller newsletter", () => {
  it.each([
    { name: "due: the best sellers of their own categories", changes: { bestsellers: bestsellers(["p-serum", "p-candle"]) }, products: ["p-serum", "p-candle"] },
    { name: "already-purchased products are left out", changes: { bestsellers: bestsellers(["p-serum", "p-brush", "p-candle"]), orders: owns("p-brush") }, products: ["p-serum", "p-candle"] },
    { name: "sold-out products are left out", changes: { bestsellers: bestsellers(["p-oos", "p-serum"]) }, products: ["p-serum"] },
    { name: "at most four products", changes: { bestsellers: bestsellers(["p-serum", "p-candle", "p-guasha", "p-brush", "p-cleanser"]) }, products: ["p-serum", "p-candle", "p-guasha", "p-brush"] },
    { name: "a thin purchase history falls back to browsed categories", changes: { bestsellers: bestsellers(["p-candle"], "browsing") }, products: ["p-candle"] },
  ])("$name", ({ changes, products }) => {
    const proposals = run(changes);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]?.brief.products.map((p) => p.productId)).toEqual(products);
    expect(proposals[0]?.subject).toBe("newsletter:2026-06-10");
  });

  it.each([
    { name: "the newsletter is not due", changes: { bestsellers: bestsellers(["p-serum"]) }, due: false },
    { name: "there are no picks", changes: { bestsellers: bestsellers([]) }, due: true },
    { name: "every pick is already owned", changes: { bestsellers: bestsellers(["p-serum"]), orders: owns("p-serum") }, due: true },
    { name: "no bestseller model for the shopper", changes: { bestsellers: null }, due: true },
    { name: "neither purchases nor browsing (only the store-wide ranking: not their categories)", changes: { bestsellers: bestsellers(["p-serum"], "store-wide") }, due: true },
  ])("nothing when $name", ({ changes, due }) => {
    expect(run(changes, due)).toEqual([]);
  });

  it("says where the categories came from and what was skipped, and values on the average order", () => {
    const [proposal] = run({ bestsellers: bestsellers(["p-brush", "p-serum"], "browsing"), orders: { ...owns("p-brush"), averageOrderMinor: 4000 }, pAlive: 0.5 });
    expect(proposal?.trace.reasoning.join(" ")).toContain("come from what they browsed most: Skin care > Serums (60%), Home > Candles (40%)");
    expect(proposal?.trace.inputs.skippedPicks).toEqual([{ productId: "p-brush", why: "already bought" }]);
    expect(proposal?.expectedValue).toMatchObject({ probabilityUplift: 0.0075, orderValueMinor: 4000, incrementalRevenueMinor: 30 });
    expect(proposal?.action.earliestSendAt).toEqual(NOW);
  });
});
