// Run in a zone with daylight saving time, so any local-time conversion on the way to or from the
// database shows up as a shifted timestamp (set before any Date is made in this process).
process.env.TZ = "America/New_York";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { rawQuery } from "./support/sql";

const SHOP_A = "roundtrip-a.myshopify.com";
const SHOP_B = "roundtrip-b.myshopify.com";

// Ids beyond Number.MAX_SAFE_INTEGER (2^53 - 1) that a JavaScript number would round.
const BIG_ID = "9007199254740993"; // 2^53 + 1
const MAX_INT64_ID = "9223372036854775807";

// 01:30 on the night clocks fall back in New York exists twice locally; 02:30 on the spring-forward
// night does not exist locally at all. Both must survive exactly, to the millisecond.
const AMBIGUOUS_LOCAL = new Date("2026-11-01T05:30:00.123Z");
const MISSING_LOCAL = new Date("2026-03-08T07:30:00.999Z");
const LEAP_DAY = new Date("2028-02-29T23:59:59.001Z");

describe("the test runs in a zone that is not UTC", () => {
  it("has a non-zero offset, so UTC handling is actually exercised", () => {
    expect(new Date("2026-07-01T12:00:00Z").getTimezoneOffset()).toBe(240);
  });
});

describe.each(DATABASE_KINDS)("records round-trip on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("Shop: profile, defaults and UTC timestamps", async () => {
    await t.db.shop.create({
      data: { id: SHOP_A, name: "Ünïcödé Store ✓", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo", installedAt: AMBIGUOUS_LOCAL },
    });
    const shop = await t.db.shop.findUniqueOrThrow({ where: { id: SHOP_A } });
    expect(shop).toMatchObject({ id: SHOP_A, name: "Ünïcödé Store ✓", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo", status: "installed", settings: "{}" });
    expect(shop.installedAt.toISOString()).toBe(AMBIGUOUS_LOCAL.toISOString());
    expect(shop.uninstalledAt).toBeNull();
    expect(shop.updatedAt).toBeInstanceOf(Date);
    // The database holds the UTC wall time, not New York's.
    expect(await storedUtc(t, "Shop", "installedAt", SHOP_A)).toBe("2026-11-01 05:30:00.123");
  });

  it("Customer: 64-bit id as text, nullable fields, consent timestamp", async () => {
    await t.db.customer.create({
      data: {
        shopId: SHOP_A,
        id: MAX_INT64_ID,
        email: "ada@example.com",
        firstName: "Ada",
        tags: JSON.stringify(["vip", "wholesale"]),
        emailMarketingState: "SUBSCRIBED",
        emailConsentUpdatedAt: MISSING_LOCAL,
        shopifyCreatedAt: LEAP_DAY,
      },
    });
    const customer = await t.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP_A, id: MAX_INT64_ID } } });
    expect(customer.id).toBe(MAX_INT64_ID);
    expect(customer.lastName).toBeNull();
    expect(JSON.parse(customer.tags)).toEqual(["vip", "wholesale"]);
    expect(customer.emailConsentUpdatedAt?.toISOString()).toBe(MISSING_LOCAL.toISOString());
    expect(customer.shopifyCreatedAt?.toISOString()).toBe(LEAP_DAY.toISOString());
    expect(await storedUtc(t, "Customer", "emailConsentUpdatedAt", SHOP_A, MAX_INT64_ID)).toBe("2026-03-08 07:30:00.999");
    // Ordering by the text id stays exact even where numbers would collide.
    await t.db.customer.create({ data: { shopId: SHOP_A, id: "9007199254740992" } });
    await t.db.customer.create({ data: { shopId: SHOP_A, id: BIG_ID } });
    const ids = (await t.db.customer.findMany({ where: { shopId: SHOP_A, id: { in: ["9007199254740992", BIG_ID] } }, orderBy: { id: "asc" } })).map((c) => c.id);
    expect(ids).toEqual(["9007199254740992", BIG_ID]);
  });

  it("Product and ProductVariant: prices in minor units with their currency", async () => {
    await t.db.product.create({
      data: { shopId: SHOP_A, id: BIG_ID, title: "Cleanser", handle: "cleanser", status: "active", categoryPath: "Skin care > Cleansers", publishedAt: LEAP_DAY },
    });
    await t.db.productVariant.createMany({
      data: [
        { shopId: SHOP_A, id: "44000000000000001", productId: BIG_ID, title: "100 ml", priceMinor: 1999, compareAtPriceMinor: 2499, currencyCode: "USD" },
        { shopId: SHOP_A, id: "44000000000000002", productId: BIG_ID, title: "Refill", priceMinor: 1500, currencyCode: "JPY", inventoryQuantity: -3 },
        { shopId: SHOP_A, id: "44000000000000003", productId: BIG_ID, title: "Gift", priceMinor: 12345, currencyCode: "KWD" },
        { shopId: SHOP_A, id: "44000000000000004", productId: BIG_ID, title: "Max", priceMinor: 2_147_483_647, currencyCode: "IDR" },
      ],
    });
    const product = await t.db.product.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP_A, id: BIG_ID } } });
    expect(product).toMatchObject({ title: "Cleanser", categoryPath: "Skin care > Cleansers", tags: "[]", collections: "[]", attributes: "{}" });
    expect(product.publishedAt?.toISOString()).toBe(LEAP_DAY.toISOString());
    const variants = await t.db.productVariant.findMany({ where: { shopId: SHOP_A, productId: BIG_ID }, orderBy: { id: "asc" } });
    expect(variants.map((v) => [v.id, v.priceMinor, v.compareAtPriceMinor, v.currencyCode, v.inventoryQuantity])).toEqual([
      ["44000000000000001", 1999, 2499, "USD", null],
      ["44000000000000002", 1500, null, "JPY", -3],
      ["44000000000000003", 12345, null, "KWD", null],
      ["44000000000000004", 2_147_483_647, null, "IDR", null],
    ]);
    for (const v of variants) expect(Number.isInteger(v.priceMinor)).toBe(true);
  });

  it("Order and OrderLineItem: money, currency, UTC timestamps and 64-bit ids", async () => {
    const orderId = "5800000000000000123";
    await t.db.order.create({
      data: {
        shopId: SHOP_A,
        id: orderId,
        name: "#1001",
        customerId: MAX_INT64_ID,
        email: "ada@example.com",
        processedAt: AMBIGUOUS_LOCAL,
        shopifyCreatedAt: MISSING_LOCAL,
        sourceUpdatedAt: LEAP_DAY,
        cancelledAt: null,
        currencyCode: "EUR",
        totalMinor: 4_998,
        subtotalMinor: 5_498,
        discountMinor: 500,
        discountCodes: JSON.stringify(["WELCOME5"]),
        utmSource: "newsletter",
      },
    });
    await t.db.orderLineItem.createMany({
      data: [
        { shopId: SHOP_A, id: "13000000000000000001", orderId, productId: BIG_ID, variantId: "44000000000000001", title: "Cleanser", quantity: 2, priceMinor: 1999, discountMinor: 500 },
        { shopId: SHOP_A, id: "13000000000000000002", orderId, productId: null, variantId: null, title: "Custom item", quantity: 1, priceMinor: 1500, discountMinor: 0 },
      ],
    });

    const order = await t.db.order.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP_A, id: orderId } } });
    expect(order).toMatchObject({ id: orderId, customerId: MAX_INT64_ID, currencyCode: "EUR", totalMinor: 4_998, subtotalMinor: 5_498, discountMinor: 500, cancelledAt: null });
    expect(order.processedAt.toISOString()).toBe(AMBIGUOUS_LOCAL.toISOString());
    expect(order.shopifyCreatedAt.toISOString()).toBe(MISSING_LOCAL.toISOString());
    expect(order.sourceUpdatedAt.toISOString()).toBe(LEAP_DAY.toISOString());
    expect(await storedUtc(t, "Order", "processedAt", SHOP_A, orderId)).toBe("2026-11-01 05:30:00.123");

    const lines = await t.db.orderLineItem.findMany({ where: { shopId: SHOP_A, orderId }, orderBy: { id: "asc" } });
    expect(lines.map((l) => [l.id, l.productId, l.quantity, l.priceMinor, l.discountMinor])).toEqual([
      ["13000000000000000001", BIG_ID, 2, 1999, 500],
      ["13000000000000000002", null, 1, 1500, 0],
    ]);
    const sum = lines.reduce((total, l) => total + l.quantity * l.priceMinor, 0);
    expect(sum).toBe(order.subtotalMinor);

    // Range queries on UTC timestamps see the instant, not a local wall time.
    const inWindow = await t.db.order.count({
      where: { shopId: SHOP_A, processedAt: { gte: new Date("2026-11-01T05:30:00.123Z"), lt: new Date("2026-11-01T05:30:00.124Z") } },
    });
    expect(inWindow).toBe(1);
  });

  describe("composite keys per shop isolate tenants", () => {
    const SAME_ID = "7000000000000000001";

    beforeAll(async () => {
      for (const [shopId, email, total] of [
        [SHOP_A, "a@example.com", 1000],
        [SHOP_B, "b@example.com", 2000],
      ] as const) {
        await t.db.customer.create({ data: { shopId, id: SAME_ID, email } });
        await t.db.product.create({ data: { shopId, id: SAME_ID, title: `P ${shopId}`, handle: "p", status: "active" } });
        await t.db.productVariant.create({ data: { shopId, id: SAME_ID, productId: SAME_ID, title: "v", priceMinor: total, currencyCode: "USD" } });
        await t.db.order.create({
          data: { shopId, id: SAME_ID, name: "#1", customerId: SAME_ID, processedAt: LEAP_DAY, shopifyCreatedAt: LEAP_DAY, sourceUpdatedAt: LEAP_DAY, currencyCode: "USD", totalMinor: total, subtotalMinor: total, discountMinor: 0 },
        });
        await t.db.orderLineItem.create({ data: { shopId, id: SAME_ID, orderId: SAME_ID, title: "l", quantity: 1, priceMinor: total, discountMinor: 0 } });
      }
    });

    it("stores the same Shopify id in two shops as two rows", async () => {
      expect(await t.db.customer.count({ where: { id: SAME_ID } })).toBe(2);
      expect(await t.db.product.count({ where: { id: SAME_ID } })).toBe(2);
      expect(await t.db.productVariant.count({ where: { id: SAME_ID } })).toBe(2);
      expect(await t.db.order.count({ where: { id: SAME_ID } })).toBe(2);
      expect(await t.db.orderLineItem.count({ where: { id: SAME_ID } })).toBe(2);
    });

    it("a query scoped by shopId sees only that shop's rows", async () => {
      const a = await t.db.customer.findMany({ where: { shopId: SHOP_A, id: SAME_ID } });
      const b = await t.db.customer.findMany({ where: { shopId: SHOP_B, id: SAME_ID } });
      expect(a.map((c) => c.email)).toEqual(["a@example.com"]);
      expect(b.map((c) => c.email)).toEqual(["b@example.com"]);
      const ordersB = await t.db.order.findMany({ where: { shopId: SHOP_B, customerId: SAME_ID } });
      expect(ordersB.map((o) => [o.shopId, o.totalMinor])).toEqual([[SHOP_B, 2000]]);
      const linesA = await t.db.orderLineItem.findMany({ where: { shopId: SHOP_A, orderId: SAME_ID } });
      expect(linesA.map((l) => l.priceMinor)).toEqual([1000]);
    });

    it("writes through one shop's key leave the other shop's row alone", async () => {
      await t.db.customer.update({ where: { shopId_id: { shopId: SHOP_A, id: SAME_ID } }, data: { email: "changed@example.com" } });
      await t.db.productVariant.delete({ where: { shopId_id: { shopId: SHOP_A, id: SAME_ID } } });
      expect((await t.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP_B, id: SAME_ID } } })).email).toBe("b@example.com");
      expect(await t.db.productVariant.findUnique({ where: { shopId_id: { shopId: SHOP_B, id: SAME_ID } } })).not.toBeNull();
      expect(await t.db.productVariant.findUnique({ where: { shopId_id: { shopId: SHOP_A, id: SAME_ID } } })).toBeNull();
    });

    it("the same (shopId, id) twice is rejected as a unique violation", async () => {
      await expect(t.db.customer.create({ data: { shopId: SHOP_B, id: SAME_ID } })).rejects.toMatchObject({ code: "P2002" });
    });
  });
});

/** The stored UTC wall time of a timestamp column, read with raw SQL (not through Prisma). */
async function storedUtc(t: TestDatabase, table: string, column: string, shopOrId: string, id?: string): Promise<string> {
  const where = id === undefined ? `"id" = ?` : `"shopId" = ? AND "id" = ?`;
  const params = id === undefined ? [shopOrId] : [shopOrId, id];
  if (t.kind === "sqlite") {
    // Prisma's SQLite adapter stores DateTime as ISO-8601 text or integer milliseconds; normalise both.
    const rows = await rawQuery<{ v: string | number }>(t.url, `SELECT "${column}" AS v FROM "${table}" WHERE ${where}`, params);
    const value = rows[0]?.v;
    const iso = typeof value === "number" ? new Date(value).toISOString() : String(value);
    return iso.replace("T", " ").replace(/(Z|\+00:00)$/, "");
  }
  const rows = await rawQuery<{ v: string }>(t.url, `SELECT to_char("${column}", 'YYYY-MM-DD HH24:MI:SS.MS') AS v FROM "${table}" WHERE ${where}`, params);
  return rows[0]?.v ?? "";
}
