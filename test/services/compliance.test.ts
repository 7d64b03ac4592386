import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db.server";
import type { Prisma } from "~/generated/sqlite/client";
import { EXPORT_FORMAT, type ExportDocument } from "~/services/compliance/customerExport.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { apply, deliver, installShop } from "./support/inboxScenario";

/**
 * The privacy topics end to end: webhooks enter the inbox as the routes record them, the real
 * worker applies them (store projections for the store's records, compliance projections for the
 * requests), and the tables are checked on both engines.
 */
const SHOP = "privacy-a.myshopify.com";
const OTHER = "privacy-b.myshopify.com";
const ANA = { id: 7001001, email: "ana.lima@example.com", phone: "+15555550101", first: "Ana", last: "Lima-Özdemir", street: "Rua Augusta 1", ip: "192.0.2.11" };
const BEN = { id: 7001002, email: "ben.okafor@example.net", phone: "+15555550102", first: "Ben", last: "Okafor", street: "Allen Avenue 9", ip: "192.0.2.22" };

type Person = typeof ANA;

function customerJson(person: Person, updatedAt = "2026-01-05T10:00:00Z") {
  return {
    id: person.id,
    email: person.email,
    first_name: person.first,
    last_name: person.last,
    phone: person.phone,
    state: "enabled",
    tags: "vip, loves-serums",
    note: `${person.first} prefers mornings`,
    created_at: "2025-01-01T10:00:00Z",
    updated_at: updatedAt,
    default_address: { country_code: "PT", province_code: null, city: "Lisboa", zip: "1100-001", address1: person.street, first_name: person.first, last_name: person.last },
  };
}

function orderJson(id: number, person: Person | null, options: { email?: string; processedAt: string; cartToken?: string; checkoutToken?: string }) {
  return {
    id,
    name: `#${id}`,
    email: options.email ?? person?.email ?? null,
    created_at: options.processedAt,
    updated_at: options.processedAt,
    processed_at: options.processedAt,
    cancelled_at: null,
    financial_status: "paid",
    currency: "USD",
    total_price: "42.00",
    subtotal_price: "40.00",
    total_discounts: "0.00",
    discount_codes: [],
    landing_site: "/products/serum?utm_source=newsletter&utm_medium=email&utm_campaign=spring&gclid=abc123",
    referring_site: "https://mail.example.com/",
    source_name: "web",
    cart_token: options.cartToken ?? null,
    checkout_token: options.checkoutToken ?? null,
    customer_locale: "pt-PT",
    browser_ip: person?.ip ?? null,
    billing_address: person ? { first_name: person.first, last_name: person.last, address1: person.street, city: "Lisboa", country_code: "PT" } : null,
    shipping_address: person ? { first_name: person.first, last_name: person.last, address1: person.street, city: "Lisboa", country_code: "PT" } : null,
    customer: person ? customerJson(person, options.processedAt) : null,
    line_items: [{ id: id * 10 + 1, product_id: 9001, variant_id: 9101, title: "Vitamin C Serum", quantity: 2, price: "20.00", total_discount: "0.00" }],
  };
}

function checkoutJson(token: string, person: Person, cartToken: string) {
  return {
    token,
    cart_token: cartToken,
    email: person.email,
    created_at: "2026-03-01T09:00:00Z",
    updated_at: "2026-03-01T09:05:00Z",
    completed_at: null,
    currency: "USD",
    total_price: "25.00",
    subtotal_price: "25.00",
    landing_site: "/?utm_source=instagram&utm_medium=social",
    referring_site: null,
    source_name: "web",
    abandoned_checkout_url: `https://${SHOP}/checkouts/${token}/recover?key=secret`,
    customer_locale: "pt-PT",
    customer: customerJson(person, "2026-03-01T09:05:00Z"),
    line_items: [{ key: "k1", product_id: 9001, variant_id: 9101, title: "Vitamin C Serum", quantity: 1, price: "25.00", line_price: "25.00" }],
  };
}

function cartJson(token: string, note: string) {
  return {
    id: token,
    token,
    note,
    created_at: "2026-03-01T08:50:00Z",
    updated_at: "2026-03-01T08:55:00Z",
    line_items: [{ id: 9101, key: "9101:x", product_id: 9001, variant_id: 9101, title: "Vitamin C Serum", quantity: 1, price: "25.00", line_price: "25.00" }],
  };
}

const dataRequest = (person: Person, requestId: number) => ({
  shop_id: 1,
  shop_domain: SHOP,
  customer: { id: person.id, email: person.email, phone: person.phone },
  orders_requested: [],
  data_request: { id: requestId },
});
const redactRequest = (person: { id: number; email: string | null; phone: string | null }, orders: number[] = []) => ({
  shop_id: 1,
  shop_domain: SHOP,
  customer: { id: person.id, email: person.email, phone: person.phone },
  orders_to_redact: orders,
});

/** Rows per table for one shop, typed by the model names so a new model must be counted here too. */
async function rowCounts(db: Db, shopId: string): Promise<Record<Prisma.ModelName, number>> {
  const where = { shopId };
  const counts = {
    Session: db.session.count({ where: { shop: shopId } }),
    Shop: db.shop.count({ where: { id: shopId } }),
    InboxEvent: db.inboxEvent.count({ where }),
    Customer: db.customer.count({ where }),
    Product: db.product.count({ where }),
    ProductVariant: db.productVariant.count({ where }),
    Category: db.category.count({ where }),
    Order: db.order.count({ where }),
    OrderLineItem: db.orderLineItem.count({ where }),
    Cart: db.cart.count({ where }),
    Checkout: db.checkout.count({ where }),
    BrowseEvent: db.browseEvent.count({ where }),
    LoyaltyEntry: db.loyaltyEntry.count({ where }),
    PixelClient: db.pixelClient.count({ where }),
    BackfillRun: db.backfillRun.count({ where }),
    ComplianceExport: db.complianceExport.count({ where }),
    ModelFit: db.modelFit.count({ where }),
    Objective: db.objective.count({ where }),
    PlanningRun: db.planningRun.count({ where }),
    Decision: db.decision.count({ where }),
    PolicyVersion: db.policyVersion.count({ where }),
    Message: db.message.count({ where }),
    Suppression: db.suppression.count({ where }),
    LlmCall: db.llmCall.count({ where }),
    Delivery: db.delivery.count({ where }),
    ShopSecret: db.shopSecret.count({ where }),
  } satisfies Record<Prisma.ModelName, Promise<number>>;
  const entries = await Promise.all(Object.entries(counts).map(async ([model, count]) => [model, await count] as const));
  return Object.fromEntries(entries) as Record<Prisma.ModelName, number>;
}

async function seedShop(db: Db, shopId: string): Promise<void> {
  await installShop(db, shopId);
  await db.session.create({ data: { id: `offline_${shopId}`, shop: shopId, state: "x", accessToken: "token" } });
  await db.category.create({ data: { shopId, path: "Skin care > Serums", name: "Serums", parentPath: "Skin care" } });
  await db.product.create({ data: { shopId, id: "9001", title: "Vitamin C Serum", handle: "serum", status: "active", categoryPath: "Skin care > Serums" } });
  await db.productVariant.create({ data: { shopId, id: "9101", productId: "9001", title: "30 ml", priceMinor: 2000, currencyCode: "USD" } });
  await db.backfillRun.create({ data: { id: `run-${shopId}`, shopId, requestedBy: "install" } });
  await db.modelFit.create({ data: { shopId, kind: "bgnbd", parameters: "{}", customers: 2, ordersSeen: 3, fittedAt: new Date("2026-03-01T00:00:00Z") } });
  for (const [topic, body] of [
    ["customers/create", customerJson(ANA)],
    ["customers/create", customerJson(BEN)],
    ["orders/create", orderJson(5001, ANA, { processedAt: "2026-02-01T10:00:00Z", cartToken: "cart-a1", checkoutToken: "chk-a1" })],
    ["orders/create", orderJson(5002, null, { email: ANA.email, processedAt: "2026-02-10T10:00:00Z" })],
    ["orders/create", orderJson(5003, BEN, { processedAt: "2026-02-11T10:00:00Z" })],
    ["carts/create", cartJson("cart-a2", "Gift for Ana's mum, call +15555550101")],
    ["checkouts/create", checkoutJson("chk-a2", ANA, "cart-a2")],
  ] as const) {
    await deliver(db, shopId, topic, body);
  }
  expect(await apply(db)).toMatchObject({ invalid: 0, failed: 0, retried: 0 });
  // Browsing arrives through the pixel; written here as its projection would.
  const seen = new Date("2026-02-28T09:00:00Z");
  await db.pixelClient.createMany({
    data: [
      { shopId, clientId: "client-ana", customerId: String(ANA.id), firstSeenAt: seen, lastSeenAt: seen, linkedAt: seen },
      { shopId, clientId: "client-ben", customerId: String(BEN.id), firstSeenAt: seen, lastSeenAt: seen, linkedAt: seen },
    ],
  });
  const event = (id: string, clientId: string, customerId: string | null, minutes: number) => ({
    shopId,
    id,
    clientId,
    customerId,
    name: "page_viewed",
    occurredAt: new Date(seen.getTime() + minutes * 60_000),
    url: `https://shop.example/search?q=${clientId}`,
  });
  // A decision the planner stored about each of them (as planning would write it).
  await db.decision.createMany({
    data: [ANA, BEN].map((person) => ({
      shopId,
      id: `decision-${person.id}`,
      runId: "run-1",
      moment: seen,
      customerId: String(person.id),
      agent: "replenishment",
      subject: "Skin care > Serums",
      messageType: "replenishment-nudge",
      channel: "email",
      status: "planned",
      sendAt: seen,
      brief: "{}",
      expectedValueMinor: 100,
      method: "test",
      trace: JSON.stringify({ inputs: { usualDaysBetween: 30 } }),
    })),
  });
  await db.message.createMany({
    data: [ANA, BEN].map((person) => ({
      shopId, id: `decision-${person.id}`, runId: "run-1", customerId: String(person.id), agent: "replenishment", status: "awaiting-approval",
      engine: "template", draft: JSON.stringify({ greeting: `Hi ${person.first}` }), brief: "{}", audit: "{}", firstDraftPassed: true,
    })),
  });
  await db.browseEvent.createMany({
    data: [event("e1", "client-ana", null, 0), event("e2", "client-ana", null, 2), event("e3", "client-ana", String(ANA.id), 5), event("e4", "client-ben", String(BEN.id), 1)],
  });
}

describe.each(DATABASE_KINDS)("compliance topics on %s", (kind) => {
  let t: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    db = t.db;
    await seedShop(db, SHOP);
    await seedShop(db, OTHER);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("customers/data_request exports everything stored about the customer, once", async () => {
    await deliver(db, SHOP, "customers/data_request", dataRequest(ANA, 9911));
    expect(await apply(db)).toMatchObject({ applied: 1 });
    const exports = await db.complianceExport.findMany({ where: { shopId: SHOP } });
    expect(exports).toHaveLength(1);
    const row = exports[0]!;
    expect(row.customerId).toBe(String(ANA.id));
    const doc = JSON.parse(row.document) as ExportDocument;
    expect(doc).toMatchObject({ format: EXPORT_FORMAT, shop: SHOP, customerId: String(ANA.id), request: { dataRequestId: "9911" } });
    expect(doc.customer).toMatchObject({ id: String(ANA.id), email: ANA.email, firstName: ANA.first, lastName: ANA.last, phone: ANA.phone });
    // Her order, and the guest order placed with her email; not Ben's.
    expect(doc.orders.map((o) => o.id).sort()).toEqual(["5001", "5002"]);
    expect(doc.orders[0]!.lineItems).toHaveLength(1);
    expect(doc.checkouts.map((c) => c.token)).toEqual(["chk-a2"]);
    expect(doc.carts.map((c) => c.token)).toEqual(["cart-a2"]);
    expect(doc.browsing.pixelClients.map((c) => c.clientId)).toEqual(["client-ana"]);
    // Anonymous browsing of her linked browser counts as hers.
    expect(doc.browsing.events.map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
    expect(doc.loyalty.map((entry) => entry.orderId)).toEqual(["5001"]);
    expect(doc.marketingDecisions.map((decision) => decision.id)).toEqual([`decision-${ANA.id}`]);
    expect(doc.marketingMessages.map((message) => message.draft)).toEqual([JSON.stringify({ greeting: `Hi ${ANA.first}` })]);
    expect(doc.receivedEvents.map((e) => e.topic)).toEqual(
      expect.arrayContaining(["customers/create", "orders/create", "checkouts/create", "carts/create", "customers/data_request"]),
    );
    expect(JSON.stringify(doc)).not.toContain(BEN.email);

    // The same event applied again (a replay) keeps the one export as it was.
    await db.inboxEvent.updateMany({ where: { shopId: SHOP, topic: "customers/data_request" }, data: { status: "pending" } });
    await apply(db);
    const again = await db.complianceExport.findMany({ where: { shopId: SHOP } });
    expect(again).toHaveLength(1);
    expect(again[0]!.document).toBe(row.document);
  });

  it("customers/redact erases her personal data everywhere and keeps the merchant's figures", async () => {
    await deliver(db, SHOP, "customers/data_request", dataRequest(BEN, 9912));
    await deliver(db, SHOP, "customers/redact", redactRequest(ANA, [5001]));
    expect(await apply(db)).toMatchObject({ applied: 2, invalid: 0 });

    const ana = await db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: String(ANA.id) } } });
    expect(ana).toMatchObject({ email: null, firstName: null, lastName: null, phone: null, countryCode: null, timeZone: null, tags: "[]", emailMarketingState: "REDACTED" });
    expect(ana.redactedAt?.toISOString()).toBe("2026-11-25T12:00:00.000Z");
    const orders = await db.order.findMany({ where: { shopId: SHOP, id: { in: ["5001", "5002"] } }, orderBy: { id: "asc" } });
    expect(orders.map((o) => [o.email, o.landingSite, o.totalMinor, o.utmCampaign])).toEqual([
      [null, null, 4200, "spring"],
      [null, null, 4200, "spring"],
    ]);
    expect(await db.orderLineItem.count({ where: { shopId: SHOP, orderId: { in: ["5001", "5002"] } } })).toBe(2);
    expect(await db.checkout.findUniqueOrThrow({ where: { shopId_token: { shopId: SHOP, token: "chk-a2" } } })).toMatchObject({ email: null, abandonedCheckoutUrl: null, totalMinor: 2500 });
    expect(await db.cart.findUniqueOrThrow({ where: { shopId_token: { shopId: SHOP, token: "cart-a2" } } })).toMatchObject({ note: null, clientId: null });
    expect(await db.browseEvent.count({ where: { shopId: SHOP, clientId: "client-ana" } })).toBe(0);
    expect(await db.pixelClient.count({ where: { shopId: SHOP, clientId: "client-ana" } })).toBe(0);
    expect(await db.loyaltyEntry.count({ where: { shopId: SHOP, customerId: String(ANA.id) } })).toBe(1);
    // The planner's decisions about her are gone (profiling, and withdrawn sends); Ben's stay.
    expect((await db.decision.findMany({ where: { shopId: SHOP } })).map((d) => d.customerId)).toEqual([String(BEN.id)]);
    expect((await db.message.findMany({ where: { shopId: SHOP } })).map((m) => m.customerId)).toEqual([String(BEN.id)]);
    // Her data-request export went with her; Ben's stays.
    expect((await db.complianceExport.findMany({ where: { shopId: SHOP } })).map((e) => e.customerId)).toEqual([String(BEN.id)]);

    // Raw inbox bodies no longer hold her contact details, names or address.
    for (const needle of [ANA.email, ANA.phone, ANA.last, "Rua Augusta", ANA.ip, "Gift for Ana"]) {
      expect(await db.inboxEvent.count({ where: { shopId: SHOP, payload: { contains: needle } } }), needle).toBe(0);
    }
    // Ben and the other shop are untouched.
    expect(await db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: String(BEN.id) } } })).toMatchObject({ email: BEN.email, redactedAt: null });
    expect(await db.browseEvent.count({ where: { shopId: SHOP, clientId: "client-ben" } })).toBe(1);
    expect(await db.inboxEvent.count({ where: { shopId: SHOP, payload: { contains: BEN.email } } })).toBeGreaterThan(0);
    expect(await db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: OTHER, id: String(ANA.id) } } })).toMatchObject({ email: ANA.email, redactedAt: null });
    expect(await db.browseEvent.count({ where: { shopId: OTHER, clientId: "client-ana" } })).toBe(3);
  });

  it("a late order and customer update after customers/redact do not bring her data back", async () => {
    await deliver(db, SHOP, "orders/create", orderJson(5004, ANA, { processedAt: "2026-11-20T10:00:00Z" }));
    await deliver(db, SHOP, "customers/update", customerJson(ANA, "2026-11-21T10:00:00Z"));
    expect(await apply(db)).toMatchObject({ applied: 2, invalid: 0 });
    const ana = await db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: String(ANA.id) } } });
    expect(ana).toMatchObject({ email: null, firstName: null, lastName: null, phone: null });
    expect(ana.redactedAt?.toISOString()).toBe("2026-11-25T12:00:00.000Z");
    expect(await db.order.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: "5004" } } })).toMatchObject({ email: null, totalMinor: 4200, customerId: String(ANA.id) });
  });

  it("customers/redact is idempotent, and leaves a tombstone for a customer the shop never stored", async () => {
    const before = await db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: String(ANA.id) } } });
    await db.inboxEvent.updateMany({ where: { shopId: SHOP, topic: "customers/redact" }, data: { status: "pending" } });
    const stranger = { id: 7009999, email: "stranger@example.org", phone: null };
    await deliver(db, SHOP, "customers/redact", redactRequest(stranger));
    await apply(db);
    const after = await db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: String(ANA.id) } } });
    expect(after.redactedAt).toEqual(before.redactedAt);
    expect(after.email).toBeNull();

    const tombstone = await db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: "7009999" } } });
    expect(tombstone).toMatchObject({ email: null, firstName: null, emailMarketingState: "REDACTED" });
    expect(tombstone.redactedAt).not.toBeNull();
    await deliver(db, SHOP, "orders/create", orderJson(5005, { id: 7009999, email: "stranger@example.org", phone: "+15555550199", first: "Sam", last: "Stranger", street: "Nowhere 0", ip: "192.0.2.99" }, { processedAt: "2026-11-22T10:00:00Z" }));
    await apply(db);
    expect(await db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: "7009999" } } })).toMatchObject({ email: null, firstName: null, lastName: null });
    expect(await db.order.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: "5005" } } })).toMatchObject({ email: null });
  });

  it("shop/redact deletes every row of the shop, sessions included, and leaves other shops alone", async () => {
    const otherBefore = await rowCounts(db, OTHER);
    expect(otherBefore).toMatchObject({ Session: 1, Shop: 1, Customer: 2, Order: 3, BrowseEvent: 4, PixelClient: 2, BackfillRun: 1, ModelFit: 1 });
    await db.shop.update({ where: { id: SHOP }, data: { status: "uninstalled" } });
    // A late order in the same batch is ignored (the shop is uninstalled) and then deleted with the rest.
    await deliver(db, SHOP, "orders/create", orderJson(5006, BEN, { processedAt: "2026-11-24T10:00:00Z" }));
    await deliver(db, SHOP, "shop/redact", { shop_id: 1, shop_domain: SHOP });
    expect(await apply(db)).toMatchObject({ applied: 1, ignored: 1, invalid: 0, failed: 0, retried: 0 });

    const after = await rowCounts(db, SHOP);
    // Only the shop/redact event itself remains: the worker marks it applied in the same transaction.
    expect(after).toEqual({ ...zero(after), InboxEvent: 1 });
    expect(await db.inboxEvent.findFirstOrThrow({ where: { shopId: SHOP } })).toMatchObject({ topic: "shop/redact", status: "applied" });
    expect(await rowCounts(db, OTHER)).toEqual(otherBefore);

    // A second delivery changes nothing: the shop is gone, so the worker ignores it.
    await deliver(db, SHOP, "shop/redact", { shop_id: 1, shop_domain: SHOP });
    expect(await apply(db)).toMatchObject({ ignored: 1 });
    expect(await rowCounts(db, SHOP)).toEqual({ ...zero(after), InboxEvent: 2 });
  });
});

function zero<K extends string>(counts: Record<K, number>): Record<K, number> {
  return Object.fromEntries(Object.keys(counts).map((key) => [key, 0])) as Record<K, number>;
}
