import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainInbox } from "~/jobs/inboxWorker.server";
import { pollBackfill } from "~/services/backfill/pollBackfill.server";
import { startBackfill } from "~/services/backfill/startBackfill.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { FakeShopify } from "../support/fakeShopify";
import { codeAllocation, gqlCollection, gqlCustomer, gqlLineItem, gqlOrder, gqlOrderCustomer, gqlProduct, gqlVariant, gqlVisit, jsonlLines } from "../support/fakeShopifyData";

/**
 * The backfill lands through the same projections as webhooks: a whole backfill against the fake
 * Shopify, then the inbox worker, then the profile and catalog tables read back.
 */
describe.each(DATABASE_KINDS)("a backfilled store in the projections on %s", (kind) => {
  let t: TestDatabase;
  let shopify: FakeShopify;
  const shopId = `projected-${kind}.myshopify.com`;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    shopify = await FakeShopify.start();
    await t.db.shop.create({ data: { id: shopId, name: "Projected", status: "installed", currencyCode: "USD" } });

    shopify.setExport("products", [
      ...jsonlLines(gqlProduct(1, { handle: "vitamin-c-serum" }), [gqlVariant(11), gqlCollection(5, "serums"), gqlCollection(6, "bestsellers")]),
      ...jsonlLines(gqlProduct(2, { title: "Night cream", handle: "night-cream", category: null, productType: "Moisturizer" }), [gqlVariant(21, { price: "45.00" })]),
    ]);
    shopify.setExport("customers", [
      ...jsonlLines(gqlCustomer(100)),
      ...jsonlLines(gqlCustomer(101, { emailMarketingConsent: { marketingState: "UNSUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", consentUpdatedAt: "2025-01-01T00:00:00Z" } })),
    ]);
    shopify.setExport("orders", [
      ...jsonlLines(
        gqlOrder(1000, {
          customer: gqlOrderCustomer(100),
          discountCodes: ["WELCOME10"],
          customerJourneySummary: { firstVisit: null, lastVisit: gqlVisit({ landingPage: "https://shop.example.com/products/vitamin-c-serum", utmParameters: { source: "instagram", medium: "social", campaign: "glow", content: null, term: null } }) },
        }),
        [gqlLineItem(10001, { product: { id: "gid://shopify/Product/1" }, variant: { id: "gid://shopify/ProductVariant/11" }, totalDiscountSet: { shopMoney: { amount: "6.00" } }, discountAllocations: [codeAllocation("WELCOME10", "6.00")] })],
      ),
      ...jsonlLines(gqlOrder(1001, { customer: gqlOrderCustomer(101), customerJourneySummary: null, sourceName: "pos" }), [
        gqlLineItem(10011, { product: null, variant: null, title: "Old balm" }),
      ]),
    ]);

    expect((await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "install" })).ok).toBe(true);
    for (let stage = 0; stage < 3; stage++) {
      await shopify.completeOperation(shopify.latest().id);
      await pollBackfill(t.db, shopify.adminGraphql(), { shopId });
    }
    const report = await drainInbox(t.db, { now: () => new Date("2026-07-01T00:00:00Z") });
    expect(report).toMatchObject({ invalid: 0, failed: 0, ignored: 0 });
    // 2 products, 2 customers and their 2 consents, 2 orders.
    expect(report.applied).toBe(8);
  });
  afterAll(async () => {
    await shopify?.close();
    await t?.drop();
  });

  it("customers, with their email consent", async () => {
    const customers = await t.db.customer.findMany({ where: { shopId }, orderBy: { id: "asc" } });
    expect(customers.map((c) => [c.id, c.email, c.emailMarketingState, c.emailMarketingOptInLevel, c.countryCode])).toEqual([
      ["100", "ada100@example.com", "SUBSCRIBED", "CONFIRMED_OPT_IN", "GB"],
      ["101", "ada101@example.com", "UNSUBSCRIBED", "SINGLE_OPT_IN", "GB"],
    ]);
  });

  it("products with variants, taxonomy category and collections", async () => {
    const product = await t.db.product.findUniqueOrThrow({ where: { shopId_id: { shopId, id: "1" } } });
    expect(product).toMatchObject({ handle: "vitamin-c-serum", taxonomyCategoryId: "gid://shopify/TaxonomyCategory/hb-3-2-7", status: "active" });
    expect(JSON.parse(product.collections)).toEqual(["serums", "bestsellers"]);
    expect(await t.db.productVariant.findMany({ where: { shopId }, orderBy: { id: "asc" }, select: { id: true, productId: true, priceMinor: true } })).toEqual([
      { id: "11", productId: "1", priceMinor: 2999 },
      { id: "21", productId: "2", priceMinor: 4500 },
    ]);
  });

  it("orders with their line items, discount codes and the UTM of the visit that led to them", async () => {
    const orders = await t.db.order.findMany({ where: { shopId }, orderBy: { id: "asc" } });
    expect(orders.map((o) => [o.id, o.customerId, o.landingSite, o.utmSource, o.utmMedium, o.utmCampaign, o.sourceName, JSON.parse(o.discountCodes)])).toEqual([
      ["1000", "100", "/products/vitamin-c-serum?utm_source=instagram&utm_medium=social&utm_campaign=glow", "instagram", "social", "glow", "web", ["WELCOME10"]],
      ["1001", "101", null, null, null, null, "pos", []],
    ]);
    const lines = await t.db.orderLineItem.findMany({ where: { shopId }, orderBy: { id: "asc" } });
    expect(lines.map((l) => [l.id, l.orderId, l.productId, l.discountMinor, l.categoryPath !== null])).toEqual([
      ["10001", "1000", "1", 600, true],
      ["10011", "1001", null, 0, false],
    ]);
  });
});
