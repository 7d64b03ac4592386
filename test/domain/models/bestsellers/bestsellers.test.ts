import { describe, expect, it } from "vitest";
import { availability, BestsellerSettings, rankBestsellers, type CatalogProduct, type SaleLine } from "~/domain/models/bestsellers/bestsellers";

const NOW = new Date("2026-06-30T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const SETTINGS = { windowDays: 90, halfLifeDays: 30 };

function product(productId: string, categoryPath: string | null, extra: Partial<CatalogProduct> = {}): CatalogProduct {
  return { productId, categoryPath, status: "active", deletedAt: null, variants: [{ inventoryQuantity: 10, inventoryPolicy: "deny" }], ...extra };
}

describe("availability", () => {
  it.each([
    { name: "in stock", extra: {}, expected: "available" },
    { name: "every variant at zero and refusing to oversell", extra: { variants: [{ inventoryQuantity: 0, inventoryPolicy: "deny" }, { inventoryQuantity: -2, inventoryPolicy: "DENY" }] }, expected: "out-of-stock" },
    { name: "one variant still in stock", extra: { variants: [{ inventoryQuantity: 0, inventoryPolicy: "deny" }, { inventoryQuantity: 3, inventoryPolicy: "deny" }] }, expected: "available" },
    { name: "at zero but allowed to oversell", extra: { variants: [{ inventoryQuantity: 0, inventoryPolicy: "continue" }] }, expected: "available" },
    { name: "inventory not tracked", extra: { variants: [{ inventoryQuantity: null, inventoryPolicy: "deny" }] }, expected: "available" },
    { name: "variants not arrived yet", extra: { variants: [] }, expected: "available" },
    { name: "a draft", extra: { status: "draft" }, expected: "inactive" },
    { name: "archived", extra: { status: "archived" }, expected: "inactive" },
    { name: "deleted", extra: { deletedAt: daysAgo(1) }, expected: "deleted" },
  ])("$name: $expected", ({ extra, expected }) => {
    expect(availability(product("p", "Tea", extra))).toBe(expected);
  });
});

describe("rankBestsellers", () => {
  const products = [
    product("steady", "Tea"),
    product("fresh", "Tea"),
    product("old-hit", "Tea"),
    product("sold-out", "Tea", { variants: [{ inventoryQuantity: 0, inventoryPolicy: "deny" }] }),
    product("gone", "Tea", { deletedAt: daysAgo(3) }),
    product("mug", "Cups"),
    product("loose", null),
  ];
  const sales: SaleLine[] = [
    { productId: "steady", quantity: 1, at: daysAgo(5) },
    { productId: "steady", quantity: 1, at: daysAgo(35) },
    { productId: "steady", quantity: 1, at: daysAgo(65) },
    { productId: "fresh", quantity: 2, at: daysAgo(1) },
    { productId: "old-hit", quantity: 50, at: daysAgo(120) },
    { productId: "old-hit", quantity: 1, at: daysAgo(80) },
    { productId: "sold-out", quantity: 9, at: daysAgo(2) },
    { productId: "gone", quantity: 9, at: daysAgo(2) },
    { productId: "mug", quantity: 1, at: daysAgo(10) },
    { productId: "loose", quantity: 4, at: daysAgo(10) },
    { productId: "unknown", quantity: 4, at: daysAgo(10) },
    { productId: "mug", quantity: 5, at: new Date(NOW.getTime() + 86_400_000) },
  ];
  const ranking = rankBestsellers(products, sales, SETTINGS, NOW);

  it("ranks by recency-weighted units within the window: two units yesterday beat three spread over two months", () => {
    const tea = ranking.categories.find((c) => c.categoryPath === "Tea");
    expect(tea?.products.map((p) => [p.productId, p.units])).toEqual([
      ["fresh", 2],
      ["steady", 3],
      ["old-hit", 1],
    ]);
    // 1 x 0.5^(5/30) + 1 x 0.5^(35/30) + 1 x 0.5^(65/30)
    expect(tea?.products[1]?.score).toBeCloseTo(0.891 + 0.445 + 0.222, 2);
  });

  it("leaves out what cannot be bought or placed, and says why; future sales do not count", () => {
    expect(ranking.excluded).toEqual([
      { productId: "gone", reason: "deleted" },
      { productId: "loose", reason: "no-category" },
      { productId: "sold-out", reason: "out-of-stock" },
      { productId: "unknown", reason: "unknown-product" },
    ]);
    expect(ranking.categories.find((c) => c.categoryPath === "Cups")?.products).toMatchObject([{ productId: "mug", units: 1 }]);
  });

  it("the merchant's window is validated", () => {
    expect(BestsellerSettings.safeParse({ windowDays: 0, halfLifeDays: 30 }).success).toBe(false);
    expect(BestsellerSettings.safeParse(SETTINGS).success).toBe(true);
  });
});
