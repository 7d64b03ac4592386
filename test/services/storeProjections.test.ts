import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateDemoStore, type OrderWebhookJson } from "~/demo/generator";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { apply, deliver, installShop } from "./support/inboxScenario";

const now = new Date("2026-11-25T12:00:00Z");
const demo = generateDemoStore({ seed: 11, customers: 40, now, anonymousVisitors: 0 });
const buyer = [...demo.customers()].find((history) => history.orders.length >= 3 && history.checkouts.length > 0 && history.orders.some((o) => o.cart_token))!;
const product = demo.catalog.products[0]!;
const later = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

describe.each(DATABASE_KINDS)("store projections on %s", (kind) => {
  let t: TestDatabase;
  let shop: string;
  let counter = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());
  beforeEach(async () => {
    shop = `projections-${++counter}.myshopify.com`;
    await installShop(t.db, shop);
  });
  const customerRow = (id: string | number) => t.db.customer.findUnique({ where: { shopId_id: { shopId: shop, id: String(id) } } });

  it("an older customers/update never overwrites a newer one, in either arrival order", async () => {
    const base = buyer.customer;
    const newer = { ...base, first_name: "Newer", updated_at: later(base.updated_at, 60) };
    await deliver(t.db, shop, "customers/update", newer);
    await deliver(t.db, shop, "customers/create", base);
    expect(await apply(t.db)).toMatchObject({ applied: 2, invalid: 0 });
    expect((await customerRow(base.id))?.firstName).toBe("Newer");
  });

  it("consent that arrives before the customer is kept when the customer arrives, and ordered by consent time", async () => {
    const consent = buyer.consent;
    const older = { ...consent, email_marketing_consent: { ...consent.email_marketing_consent, state: "unsubscribed", consent_updated_at: "2020-01-01T00:00:00Z" } };
    await deliver(t.db, shop, "customers_email_marketing_consent/update", { ...consent, email_marketing_consent: { ...consent.email_marketing_consent, state: "subscribed", consent_updated_at: "2026-01-01T00:00:00Z" } });
    await deliver(t.db, shop, "customers/create", buyer.customer);
    await deliver(t.db, shop, "customers_email_marketing_consent/update", older);
    await apply(t.db);
    const row = await customerRow(buyer.customer.id);
    expect(row?.emailMarketingState).toBe("SUBSCRIBED");
    expect(row?.email).toBe(buyer.customer.email);
  });

  it("orders/create after orders/updated changes nothing; a cancellation returns the loyalty points", async () => {
    const order = buyer.orders.find((o) => !o.cancelled_at && Number(o.subtotal_price) >= 1)!;
    const cancelled: OrderWebhookJson = { ...order, cancelled_at: later(order.updated_at, 3600), updated_at: later(order.updated_at, 3600), financial_status: "refunded" };
    await deliver(t.db, shop, "orders/create", order);
    await apply(t.db);
    const earned = await t.db.loyaltyEntry.findMany({ where: { shopId: shop, orderId: String(order.id) } });
    expect(earned.map((e) => e.kind)).toContain("earn");
    await deliver(t.db, shop, "orders/cancelled", cancelled);
    await deliver(t.db, shop, "orders/create", order); // late and older
    await apply(t.db);
    const row = await t.db.order.findUniqueOrThrow({ where: { shopId_id: { shopId: shop, id: String(order.id) } } });
    expect(row.cancelledAt?.toISOString()).toBe(new Date(cancelled.cancelled_at!).toISOString());
    expect(await t.db.loyaltyEntry.count({ where: { shopId: shop, orderId: String(order.id) } })).toBe(0);
    expect(await t.db.orderLineItem.count({ where: { shopId: shop, orderId: String(order.id) } })).toBe(order.line_items.length);
  });

  it("line items that arrive before their product get its category when the product arrives", async () => {
    const order = buyer.orders[0]!;
    await deliver(t.db, shop, "orders/create", order);
    await apply(t.db);
    const firstProductId = String(order.line_items[0]!.product_id);
    expect((await t.db.orderLineItem.findFirstOrThrow({ where: { shopId: shop, productId: firstProductId } })).categoryPath).toBeNull();
    const payload = demo.catalog.products.find((p) => String(p.id) === firstProductId)!;
    await deliver(t.db, shop, "products/create", payload);
    await apply(t.db);
    const item = await t.db.orderLineItem.findFirstOrThrow({ where: { shopId: shop, productId: firstProductId } });
    expect(item.categoryPath).toBe(payload.category ? payload.category.full_name.split(" > ").slice(-2).join(" > ") : payload.product_type);
  });

  it("files a product under the merchant's category for its product type", async () => {
    const definition = demo.catalog.categories.find((c) => c.productType === product.product_type)!;
    await t.db.category.create({ data: { shopId: shop, path: definition.path, name: definition.name, productTypes: JSON.stringify([definition.productType]) } });
    await deliver(t.db, shop, "products/create", product);
    await apply(t.db);
    const row = await t.db.product.findUniqueOrThrow({ where: { shopId_id: { shopId: shop, id: String(product.id) } } });
    expect(row.categoryPath).toBe(definition.path);
    expect(await t.db.productVariant.count({ where: { shopId: shop, productId: String(product.id) } })).toBe(product.variants.length);
    await deliver(t.db, shop, "products/delete", { id: product.id });
    await apply(t.db);
    expect((await t.db.product.findUniqueOrThrow({ where: { shopId_id: { shopId: shop, id: String(product.id) } } })).deletedAt).not.toBeNull();
  });

  it("a checkout links its cart to the customer; the order converts the cart and completes the checkout", async () => {
    const order = buyer.orders.find((o) => o.cart_token && !o.cancelled_at)!;
    const cartVersions = buyer.carts.find((versions) => versions[0]!.token === order.cart_token);
    const checkoutVersions = buyer.checkouts.find((versions) => versions[0]!.cart_token === order.cart_token);
    if (cartVersions) for (const [i, cart] of cartVersions.entries()) await deliver(t.db, shop, i ? "carts/update" : "carts/create", cart);
    if (checkoutVersions) await deliver(t.db, shop, "checkouts/create", { ...checkoutVersions[0]!, completed_at: null });
    await deliver(t.db, shop, "orders/create", order);
    expect(await apply(t.db)).toMatchObject({ invalid: 0 });
    if (cartVersions) {
      const cart = await t.db.cart.findUniqueOrThrow({ where: { shopId_token: { shopId: shop, token: order.cart_token! } } });
      expect(cart.customerId).toBe(String(buyer.customer.id));
      expect(cart.convertedAt).not.toBeNull();
    }
    if (checkoutVersions) {
      const checkout = await t.db.checkout.findUniqueOrThrow({ where: { shopId_token: { shopId: shop, token: checkoutVersions[0]!.token } } });
      expect(checkout.completedAt).not.toBeNull();
      expect(checkout.customerId).toBe(String(buyer.customer.id));
    }
    expect(cartVersions ?? checkoutVersions).toBeDefined();
  });

  it("applying the same events twice has one effect", async () => {
    for (let round = 0; round < 2; round++) {
      await deliver(t.db, shop, "customers/create", buyer.customer);
      for (const order of buyer.orders) await deliver(t.db, shop, "orders/create", order);
      await apply(t.db);
    }
    expect(await t.db.order.count({ where: { shopId: shop } })).toBe(buyer.orders.length);
    expect(await t.db.orderLineItem.count({ where: { shopId: shop } })).toBe(buyer.orders.reduce((n, o) => n + o.line_items.length, 0));
    expect(await t.db.customer.count({ where: { shopId: shop } })).toBe(1);
  });

  it("an invalid payload is kept with its error and skipped; the rest of the batch is applied", async () => {
    const { name: _name, ...withoutName } = buyer.orders[0]!;
    await deliver(t.db, shop, "customers/create", buyer.customer);
    await deliver(t.db, shop, "orders/create", withoutName);
    await deliver(t.db, shop, "orders/create", "{not json");
    await deliver(t.db, shop, "orders/create", buyer.orders[1]!);
    expect(await apply(t.db)).toMatchObject({ applied: 2, invalid: 2, retried: 0 });
    const invalid = await t.db.inboxEvent.findMany({ where: { shopId: shop, status: "invalid" }, orderBy: { id: "asc" } });
    expect(invalid.map((row) => row.error)).toEqual([expect.stringContaining("name"), expect.stringContaining("not valid JSON")]);
    expect(await apply(t.db)).toMatchObject({ applied: 0, invalid: 0 }); // never retried
  });

  it("events for a shop that uninstalled are kept but not applied", async () => {
    await t.db.shop.update({ where: { id: shop }, data: { status: "uninstalled" } });
    await deliver(t.db, shop, "customers/create", buyer.customer);
    expect(await apply(t.db)).toMatchObject({ ignored: 1, applied: 0 });
    expect(await customerRow(buyer.customer.id)).toBeNull();
  });

  it("keeps names with emoji, right-to-left text and zero-width characters exactly", async () => {
    const name = "זו\u200Bהר 👩🏽‍🔬 \u202Eevil\u202C";
    await deliver(t.db, shop, "customers/create", { ...buyer.customer, first_name: name, last_name: "O’Brien‍" });
    await apply(t.db);
    const row = await customerRow(buyer.customer.id);
    expect(row?.firstName).toBe(name);
    expect(row?.lastName).toBe("O’Brien‍");
  });

  it("applies an order with 1,000 line items", async () => {
    const order = buyer.orders[0]!;
    const template = order.line_items[0]!;
    const lineItems = Array.from({ length: 1000 }, (_, i) => ({ ...template, id: 900_000_000 + i }));
    await deliver(t.db, shop, "orders/create", { ...order, line_items: lineItems });
    expect(await apply(t.db)).toMatchObject({ applied: 1 });
    expect(await t.db.orderLineItem.count({ where: { shopId: shop, orderId: String(order.id) } })).toBe(1000);
  });

  it("customers/delete erases personal data and later updates do not restore it", async () => {
    await deliver(t.db, shop, "customers/create", buyer.customer);
    await deliver(t.db, shop, "customers/delete", { id: buyer.customer.id });
    await deliver(t.db, shop, "customers/update", { ...buyer.customer, updated_at: later(buyer.customer.updated_at, 999_999) });
    await apply(t.db);
    const row = await customerRow(buyer.customer.id);
    expect(row).toMatchObject({ email: null, firstName: null, lastName: null, emailMarketingState: "NOT_SUBSCRIBED" });
    expect(row?.deletedAt).not.toBeNull();
  });

  it("scopes everything by shop: the same ids in another shop are separate rows", async () => {
    const other = `other-${counter}.myshopify.com`;
    await installShop(t.db, other);
    await deliver(t.db, shop, "customers/create", buyer.customer);
    await deliver(t.db, other, "customers/create", { ...buyer.customer, first_name: "Other" });
    await apply(t.db);
    expect((await customerRow(buyer.customer.id))?.firstName).toBe(buyer.customer.first_name);
    expect((await t.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: other, id: String(buyer.customer.id) } } })).firstName).toBe("Other");
  });
});
