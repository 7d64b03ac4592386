import { describe, expect, it } from "vitest";
import { CartPayload, CheckoutPayload } from "~/domain/events/webhookPayloads";
import { cartRecord, checkoutRecord } from "~/domain/projections/shopifyRecords";
import { body, CART_JSON, CHECKOUT_JSON } from "../fixtures/shopifyWebhooks";

describe("cartRecord", () => {
  it("maps carts/create to the stored row, totalling line prices", () => {
    expect(cartRecord(CartPayload.parse(body(CART_JSON)), "USD")).toEqual({
      token: "eeafa272cebfd4b22385bc4b645e762c",
      totalMinor: 5997,
      lineItems: JSON.stringify([
        { productId: "788032119674292922", variantId: "704912205188288575", title: "Example T-Shirt - Small", quantity: 3, priceMinor: 1999 },
        { productId: "6", variantId: "5", title: "Sample", quantity: 1, priceMinor: 0 },
      ]),
      note: "Leave at the door",
      shopifyCreatedAt: new Date("2022-01-01T00:00:00Z"),
      sourceUpdatedAt: new Date("2022-01-01T00:05:00Z"),
    });
  });

  it.each([
    { currency: "USD", total: 5997, price: 1999 },
    { currency: "JPY", total: 60, price: 20 },
    { currency: "BHD", total: 59970, price: 19990 },
  ])("prices in the shop currency $currency", ({ currency, total, price }) => {
    const record = cartRecord(CartPayload.parse(body(CART_JSON)), currency);
    expect(record.totalMinor).toBe(total);
    expect((JSON.parse(record.lineItems) as { priceMinor: number }[])[0]?.priceMinor).toBe(price);
  });

  it("an emptied cart totals zero", () => {
    const record = cartRecord(CartPayload.parse({ ...body(CART_JSON), line_items: [], note: null }), "USD");
    expect([record.totalMinor, record.lineItems, record.note]).toEqual([0, "[]", null]);
  });
});

describe("checkoutRecord", () => {
  it("maps checkouts/create to the stored row", () => {
    expect(checkoutRecord(CheckoutPayload.parse(body(CHECKOUT_JSON)))).toEqual({
      token: "bd5a8aa1ecd019dd3520ff791ee3a24c",
      cartToken: "eeafa272cebfd4b22385bc4b645e762c",
      customerId: "207119551",
      email: "ann@example.org",
      currencyCode: "EUR",
      totalMinor: 6496,
      lineItems: JSON.stringify([{ productId: "788032119674292922", variantId: "704912205188288575", title: "Example T-Shirt", quantity: 3, priceMinor: 1999 }]),
      landingSite: "/?utm_source=newsletter&utm_medium=email&utm_campaign=april&utm_content=hero",
      referringSite: null,
      sourceName: "web",
      utmSource: "newsletter",
      utmMedium: "email",
      utmCampaign: "april",
      utmContent: "hero",
      utmTerm: null,
      abandonedCheckoutUrl: "https://demo.myshopify.com/12345/checkouts/bd5a8aa1ecd019dd3520ff791ee3a24c/recover?key=abc",
      shopifyCreatedAt: new Date("2025-04-02T12:00:00Z"),
      sourceUpdatedAt: new Date("2025-04-02T12:10:00Z"),
      completedAt: null,
    });
  });

  it.each([
    { case: "completed", patch: { completed_at: "2025-04-02T14:20:00+02:00" }, expected: { completedAt: new Date("2025-04-02T12:20:00Z") } },
    { case: "guest without email yet", patch: { customer: null, email: null }, expected: { customerId: null, email: null } },
    { case: "no cart token", patch: { cart_token: null }, expected: { cartToken: null } },
    { case: "no landing site", patch: { landing_site: null }, expected: { utmSource: null, utmMedium: null, utmCampaign: null, utmContent: null } },
    { case: "zero-decimal currency", patch: { currency: "JPY", total_price: "6496" }, expected: { currencyCode: "JPY", totalMinor: 6496, lineItems: expect.stringContaining('"priceMinor":20}') } },
  ])("$case", ({ patch, expected }) => {
    expect(checkoutRecord(CheckoutPayload.parse({ ...body(CHECKOUT_JSON), ...patch }))).toMatchObject(expected);
  });
});
