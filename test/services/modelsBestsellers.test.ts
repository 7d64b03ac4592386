import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_PERSONAL_SETTINGS } from "~/domain/models/bestsellers/personalBestsellers";
import { recipientBestsellers, shopBestsellers } from "~/services/models/bestsellers.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { installShop } from "./support/inboxScenario";

const DAY = 86_400_000;
const NOW = new Date("2026-06-30T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const SETTINGS = { windowDays: 60, halfLifeDays: 30 };

type ProductRow = { id: string; category: string; status?: string; deleted?: boolean; stock?: [number | null, string][] };

describe.each(DATABASE_KINDS)("bestsellers on %s", (kind) => {
  let t: TestDatabase;
  let shop: string;
  let counter = 0;
  let orders = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());
  beforeEach(async () => {
    shop = `bestsellers-${++counter}.myshopify.com`;
    await installShop(t.db, shop);
    await catalog(
      { id: "tea-1", category: "Tea" },
      { id: "tea-2", category: "Tea" },
      { id: "tea-3", category: "Tea", stock: [[0, "deny"], [-1, "deny"]] },
      { id: "tea-4", category: "Tea", status: "draft" },
      { id: "tea-5", category: "Tea", deleted: true },
      { id: "tea-6", category: "Tea", stock: [[0, "continue"]] },
      { id: "mug-1", category: "Cups" },
      { id: "mug-2", category: "Cups" },
    );
  });

  async function catalog(...products: ProductRow[]) {
    for (const p of products) {
      await t.db.product.create({ data: { shopId: shop, id: p.id, title: p.id, handle: p.id, status: p.status ?? "active", categoryPath: p.category, deletedAt: p.deleted ? daysAgo(1) : null } });
      const stock = p.stock ?? [[5, "deny"]];
      await t.db.productVariant.createMany({
        data: stock.map(([inventoryQuantity, inventoryPolicy], i) => ({ shopId: shop, id: `${p.id}-v${i}`, productId: p.id, title: "Default", priceMinor: 900, currencyCode: "USD", inventoryQuantity, inventoryPolicy })),
      });
    }
  }

  async function order(customerId: string | null, days: number, lines: [productId: string, quantity: number][], cancelled = false) {
    const id = `${counter}-${++orders}`;
    const at = daysAgo(days);
    await t.db.order.create({ data: { shopId: shop, id, name: `#${id}`, customerId, processedAt: at, shopifyCreatedAt: at, sourceUpdatedAt: at, cancelledAt: cancelled ? at : null, currencyCode: "USD", totalMinor: 900, subtotalMinor: 900, discountMinor: 0 } });
    await t.db.orderLineItem.createMany({ data: lines.map(([productId, quantity], i) => ({ shopId: shop, id: `${id}-${i}`, orderId: id, productId, title: productId, quantity, priceMinor: 900, discountMinor: 0, categoryPath: null })) });
  }

  async function views(clientId: string, customerId: string | null, productIds: string[]) {
    await t.db.browseEvent.createMany({
      data: productIds.map((productId, i) => ({ shopId: shop, id: `${clientId}-${productId}-${i}`, clientId, customerId, name: "product_viewed", occurredAt: daysAgo(2), productId })),
    });
  }

  it("ranks each category by recent units, leaving out the sold-out, the drafts, the deleted, cancelled orders and sales before the window", async () => {
    await order(null, 1, [["tea-2", 2], ["tea-3", 9], ["tea-4", 9], ["tea-5", 9], ["mug-1", 1]]);
    await order(null, 20, [["tea-1", 1], ["tea-6", 1]]);
    await order(null, 40, [["tea-1", 1]]);
    await order(null, 5, [["mug-2", 50]], true);
    await order(null, 90, [["mug-2", 50]]);
    const { ranking } = await shopBestsellers(t.db, shop, NOW, SETTINGS);
    expect(ranking.categories.map((c) => [c.categoryPath, c.products.map((p) => p.productId)])).toEqual([
      ["Cups", ["mug-1"]],
      ["Tea", ["tea-2", "tea-1", "tea-6"]],
    ]);
    expect(ranking.excluded).toEqual([
      { productId: "tea-3", reason: "out-of-stock" },
      { productId: "tea-4", reason: "inactive" },
      { productId: "tea-5", reason: "deleted" },
    ]);
  });

  it("counts every order when the window holds more orders than SQLite binds in one query (999)", async () => {
    const many = 1_500;
    const at = daysAgo(3);
    await t.db.order.createMany({
      data: Array.from({ length: many }, (_, i) => ({ shopId: shop, id: `bulk-${counter}-${i}`, name: `#b${i}`, customerId: "regular", processedAt: at, shopifyCreatedAt: at, sourceUpdatedAt: at, currencyCode: "USD", totalMinor: 900, subtotalMinor: 900, discountMinor: 0 })),
    });
    await t.db.orderLineItem.createMany({
      data: Array.from({ length: many }, (_, i) => ({ shopId: shop, id: `bulk-${counter}-${i}-0`, orderId: `bulk-${counter}-${i}`, productId: i % 3 === 0 ? "tea-2" : "tea-1", title: "tea", quantity: 1, priceMinor: 900, discountMinor: 0, categoryPath: null })),
    });
    const { ranking } = await shopBestsellers(t.db, shop, NOW, SETTINGS);
    const tea = ranking.categories.find((c) => c.categoryPath === "Tea");
    expect(tea?.products.map((p) => p.productId)).toEqual(["tea-1", "tea-2"]);
    const personal = await recipientBestsellers(t.db, shop, "regular", NOW, SETTINGS, DEFAULT_PERSONAL_SETTINGS);
    expect(personal.orders).toBe(many);
  });

  it("personalises by what the recipient bought, without repeating it", async () => {
    await order(null, 1, [["tea-1", 5], ["tea-2", 3], ["mug-1", 4], ["mug-2", 1]]);
    await order("ana", 10, [["tea-1", 1]]);
    await order("ana", 30, [["tea-1", 1]]);
    const result = await recipientBestsellers(t.db, shop, "ana", NOW, SETTINGS, DEFAULT_PERSONAL_SETTINGS);
    expect(result).toMatchObject({ basis: "purchases", orders: 2, affinities: [{ categoryPath: "Tea", share: 1 }] });
    expect(result.picks.map((p) => p.productId)).toEqual(["tea-2"]);
  });

  it("falls back to the most-browsed categories, counting browsers linked to the recipient", async () => {
    await order(null, 1, [["tea-1", 5], ["tea-2", 3], ["mug-1", 4], ["mug-2", 1]]);
    await order("bo", 10, [["mug-2", 1]]);
    await t.db.pixelClient.create({ data: { shopId: shop, clientId: "bo-phone", customerId: "bo", firstSeenAt: daysAgo(30), lastSeenAt: daysAgo(2), linkedAt: daysAgo(2) } });
    await views("bo-phone", null, ["tea-1", "tea-2", "tea-1"]);
    await views("bo-laptop", "bo", ["mug-1"]);
    await views("someone-else", null, ["mug-1", "mug-1", "mug-1", "mug-1"]);
    const result = await recipientBestsellers(t.db, shop, "bo", NOW, SETTINGS, DEFAULT_PERSONAL_SETTINGS);
    expect(result).toMatchObject({ basis: "browsing", orders: 1 });
    expect(result.affinities.map((a) => [a.categoryPath, a.share])).toEqual([
      ["Tea", 0.75],
      ["Cups", 0.25],
    ]);
    expect(result.picks.map((p) => p.productId)).toEqual(["tea-1", "tea-2", "mug-1"]);
  });
});
