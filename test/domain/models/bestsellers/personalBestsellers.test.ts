import { describe, expect, it } from "vitest";
import { rankBestsellers, type CatalogProduct } from "~/domain/models/bestsellers/bestsellers";
import { DEFAULT_PERSONAL_SETTINGS, personalBestsellers, type RecipientHistory } from "~/domain/models/bestsellers/personalBestsellers";

const NOW = new Date("2026-06-30T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const CATALOG: [string, string][] = [
  ["tea-1", "Tea"],
  ["tea-2", "Tea"],
  ["tea-3", "Tea"],
  ["mug-1", "Cups"],
  ["mug-2", "Cups"],
  ["bag-1", "Bags"],
];
const products: CatalogProduct[] = CATALOG.map(([productId, categoryPath]) => ({ productId, categoryPath, status: "active", deletedAt: null, variants: [] }));
// Store-wide: tea-1 (9), bag-1 (8), mug-1 (6), tea-2 (5), mug-2 (3), tea-3 (2)
const sales = [
  ["tea-1", 9],
  ["bag-1", 8],
  ["mug-1", 6],
  ["tea-2", 5],
  ["mug-2", 3],
  ["tea-3", 2],
].map(([productId, quantity]) => ({ productId: productId as string, quantity: quantity as number, at: daysAgo(1) }));
const ranking = rankBestsellers(products, sales, { windowDays: 90, halfLifeDays: 30 }, NOW);
const categoryOf = new Map(CATALOG);

const bought = (orderId: string, productId: string, days: number) => ({ orderId, productId, categoryPath: categoryOf.get(productId) ?? null, quantity: 1, at: daysAgo(days) });
const viewed = (productId: string, days: number) => ({ productId, at: daysAgo(days) });

describe("personalBestsellers", () => {
  it.each([
    {
      name: "a regular tea buyer gets the tea bestsellers they have not bought, ahead of other categories",
      history: { purchases: [bought("o1", "tea-1", 10), bought("o2", "tea-1", 40), bought("o3", "mug-1", 300)], productViews: [viewed("bag-1", 1), viewed("bag-1", 2)] },
      basis: "purchases",
      first: ["tea-2", "tea-3"],
      absent: ["tea-1", "mug-1", "bag-1"],
    },
    {
      name: "one order is thin: the most-browsed category leads",
      history: { purchases: [bought("o1", "tea-1", 10)], productViews: [viewed("bag-1", 1), viewed("bag-1", 2), viewed("mug-2", 3)] },
      basis: "browsing",
      first: ["bag-1", "mug-1"],
      absent: ["tea-1", "tea-2"],
    },
    {
      name: "a stranger gets the store-wide bestsellers",
      history: { purchases: [], productViews: [] },
      basis: "store-wide",
      first: ["tea-1", "bag-1", "mug-1", "tea-2"],
      absent: [],
    },
    {
      name: "a thin buyer who never browsed still leans on what they bought",
      history: { purchases: [bought("o1", "mug-2", 10)], productViews: [] },
      basis: "purchases",
      first: ["mug-1"],
      absent: ["mug-2", "tea-1"],
    },
  ])("$name", ({ history, basis, first, absent }) => {
    const result = personalBestsellers(ranking, history as RecipientHistory, categoryOf, DEFAULT_PERSONAL_SETTINGS, NOW);
    expect(result.basis).toBe(basis);
    expect(result.picks.slice(0, first.length).map((pick) => pick.productId)).toEqual(first);
    for (const id of absent) expect(result.picks.map((pick) => pick.productId)).not.toContain(id);
  });

  it("explains itself: affinity shares add to one, each pick carries its category share and rank", () => {
    const history = { purchases: [bought("o1", "tea-1", 10), bought("o2", "mug-1", 10)], productViews: [] };
    const result = personalBestsellers(ranking, history, categoryOf, DEFAULT_PERSONAL_SETTINGS, NOW);
    expect(result.affinities.reduce((sum, a) => sum + a.share, 0)).toBeCloseTo(1, 3);
    expect(result.affinities.map((a) => a.categoryPath)).toEqual(["Cups", "Tea"]);
    expect(result.picks[0]).toMatchObject({ productId: "tea-2", categoryPath: "Tea", categoryShare: 0.5, rankInCategory: 2 });
    expect(result.picks[0]?.score).toBeCloseTo((0.5 * 5) / 9, 3);
  });

  it("stops at the limit and ignores purchases and views after now", () => {
    const history = { purchases: [bought("late", "tea-2", -5)], productViews: [viewed("bag-1", -1)] };
    const result = personalBestsellers(ranking, history, categoryOf, { ...DEFAULT_PERSONAL_SETTINGS, limit: 2 }, NOW);
    expect(result).toMatchObject({ basis: "store-wide", orders: 0 });
    expect(result.picks.map((pick) => pick.productId)).toEqual(["tea-1", "bag-1"]);
  });
});
