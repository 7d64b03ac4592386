import { describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { PixelEvent } from "~/domain/events/pixelEvents";
import { CartPayload, CheckoutPayload, CustomerConsentPayload, CustomerPayload, OrderPayload, ProductPayload } from "~/domain/events/webhookPayloads";
import {
  browseEventRecord,
  cartRecord,
  checkoutRecord,
  consentRecord,
  customerRecord,
  orderRecords,
  productRecords,
  type BasketLine,
} from "~/domain/projections/shopifyRecords";

/**
 * Every payload the demo store generates parses with the app's schemas and maps to records that
 * agree with the generator's own ground truth (prices in minor units, categories, time zones) and
 * with an independent reading of the raw JSON (cents counted from the decimal strings).
 */
const store = generateDemoStore({ seed: "records-roundtrip", customers: 60, anonymousVisitors: 30, now: new Date("2025-06-15T12:00:00Z") });
const histories = [...store.customers()];
const visitors = [...store.anonymousVisitors()];
const currency = store.shop.currencyCode;

/** "19.99" -> 1999, read digit by digit rather than through toMinorUnits. */
const cents = (amount: string): number => {
  const [whole = "", fraction = ""] = amount.split(".");
  expect(fraction).toMatch(/^\d{2}$/);
  return Number(whole) * 100 + Number(fraction);
};

describe("demo payloads round-trip through schemas and records", () => {
  it("products: prices, categories and collections match the catalog", () => {
    expect(store.catalog.products.length).toBeGreaterThan(20);
    for (const raw of store.catalog.products) {
      const context = { currencyCode: currency, categoryPath: store.catalog.categoryPathOf(raw.id), collections: store.catalog.collectionHandlesOf(raw.id) };
      const { product, variants } = productRecords(ProductPayload.parse(raw), context);
      const item = store.catalog.items.find((candidate) => candidate.id === raw.id);
      expect(product.id).toBe(String(raw.id));
      expect(product.categoryPath).toBe(item?.category.path);
      expect(JSON.parse(product.collections)).toEqual([...store.catalog.collectionHandlesOf(raw.id)]);
      expect(variants.map((v) => [v.id, v.priceMinor, v.compareAtPriceMinor])).toEqual(
        item?.variants.map((v) => [String(v.id), v.priceMinor, v.compareAtMinor]),
      );
    }
  });

  it("customers and consent: ids, time zones and consent states", () => {
    for (const history of histories) {
      const customer = customerRecord(CustomerPayload.parse(history.customer));
      expect(customer).toMatchObject({ id: String(history.customer.id), email: history.customer.email, countryCode: history.truth.countryCode, timeZone: history.truth.timeZone });
      const consent = consentRecord(CustomerConsentPayload.parse(history.consent));
      expect(consent.customerId).toBe(customer.id);
      expect(consent.emailMarketingState).toBe(history.consent.email_marketing_consent.state.toUpperCase());
    }
  });

  it("orders: totals in cents, line items, categories and UTM", () => {
    const orders = histories.flatMap((history) => history.orders.map((raw) => ({ history, raw })));
    expect(orders.length).toBeGreaterThan(60);
    for (const { history, raw } of orders) {
      const { order, lineItems } = orderRecords(OrderPayload.parse(raw), store.catalog.categoryPathOf);
      expect(order).toMatchObject({ id: String(raw.id), customerId: String(history.customer.id), currencyCode: currency });
      expect([order.totalMinor, order.subtotalMinor, order.discountMinor]).toEqual([cents(raw.total_price), cents(raw.subtotal_price), cents(raw.total_discounts)]);
      expect(lineItems.reduce((sum, line) => sum + line.priceMinor * line.quantity, 0)).toBe(cents(raw.total_line_items_price));
      expect(lineItems.map((line) => line.categoryPath)).toEqual(raw.line_items.map((line) => store.catalog.categoryPathOf(line.product_id)));
      expect(order.utmSource !== null).toBe(raw.landing_site?.includes("utm_source=") ?? false);
    }
    expect(orders.some(({ raw }) => raw.landing_site?.includes("utm_source="))).toBe(true);
  });

  it("carts and checkouts: totals and lines", () => {
    const carts = [...histories.flatMap((h) => h.carts.flat()), ...visitors.flatMap((v) => v.carts.flat())];
    const checkouts = histories.flatMap((h) => h.checkouts.flat());
    expect(carts.length).toBeGreaterThan(10);
    expect(checkouts.length).toBeGreaterThan(10);
    for (const raw of carts) {
      const record = cartRecord(CartPayload.parse(raw), currency);
      expect(record.totalMinor).toBe(raw.line_items.reduce((sum, line) => sum + cents(line.line_price), 0));
      expect((JSON.parse(record.lineItems) as BasketLine[]).map((line) => line.priceMinor)).toEqual(raw.line_items.map((line) => cents(line.price)));
    }
    for (const raw of checkouts) {
      const record = checkoutRecord(CheckoutPayload.parse(raw));
      expect(record).toMatchObject({ token: raw.token, totalMinor: cents(raw.total_price), customerId: raw.customer ? String(raw.customer.id) : null });
      expect((JSON.parse(record.lineItems) as BasketLine[]).length).toBe(raw.line_items.length);
    }
  });

  it("pixel events: every event maps, and viewed carts join the carts webhooks report", () => {
    const sessions = [...histories.flatMap((h) => h.sessions), ...visitors.flatMap((v) => v.sessions)];
    const cartTokens = new Set([...histories.flatMap((h) => h.carts), ...visitors.flatMap((v) => v.carts)].map((versions) => versions[0]?.token));
    const names = new Set<string>();
    for (const session of sessions) {
      for (const raw of session.events) {
        const record = browseEventRecord(PixelEvent.parse(raw), session.customerId);
        names.add(record.name);
        expect(record).toMatchObject({ id: raw.id, clientId: session.clientId, customerId: session.customerId, occurredAt: new Date(raw.timestamp), url: raw.context.document.location.href });
        if (raw.name === "product_viewed") expect(record.productId).toBe(raw.data.productVariant.product.id.replace(/^gid:\/\/shopify\/Product\//, ""));
        if (raw.name === "cart_viewed") expect(cartTokens.has(record.cartToken ?? "")).toBe(true);
        if (raw.name === "checkout_started") expect(record.checkoutToken).toBe(raw.data.checkout.token);
      }
    }
    expect(names.size).toBe(8);
  });
});
