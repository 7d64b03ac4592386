import { describe, expect, it } from "vitest";
import { concernsCustomer, REDACTED_PIXEL_PAYLOAD, scrubPersonalData, type PersonKeys } from "~/services/compliance/personalData";
import { CustomerPayload, OrderPayload } from "~/domain/events/webhookPayloads";
import { parseShopifyJson } from "~/domain/shared/ids";
import { CUSTOMER_JSON, ORDER_JSON } from "../domain/fixtures/shopifyWebhooks";

const keys: PersonKeys = {
  customerId: "706405506930370084",
  emails: new Set(["jon@example.com"]),
  orderIds: new Set(["1001"]),
  clientIds: new Set(["client-1"]),
  cartTokens: new Set(["cart-1"]),
};

describe("concernsCustomer", () => {
  it.each([
    { name: "their customers/update (64-bit id kept exact)", source: "webhook", topic: "customers/update", payload: parseShopifyJson(CUSTOMER_JSON), expected: true },
    { name: "an order embedding them", source: "webhook", topic: "orders/create", payload: parseShopifyJson(ORDER_JSON), expected: true },
    { name: "an order named by the request", source: "webhook", topic: "orders/updated", payload: { id: 1001, customer: null }, expected: true },
    { name: "a guest checkout with their email, any case", source: "webhook", topic: "checkouts/create", payload: { token: "t", email: " Jon@Example.com " }, expected: true },
    { name: "consent by customer_id", source: "webhook", topic: "customers_email_marketing_consent/update", payload: { customer_id: "706405506930370084" }, expected: true },
    { name: "their cart by token", source: "webhook", topic: "carts/update", payload: { id: "cart-1", token: "cart-1" }, expected: true },
    { name: "a pixel event of their browser", source: "pixel", topic: "page_viewed", payload: { id: "e", clientId: "client-1" }, expected: true },
    { name: "a gid customer in a backfill line", source: "backfill", topic: "orders", payload: { id: 5, customer: { id: "gid://shopify/Customer/706405506930370084" } }, expected: true },
    { name: "another customer's order", source: "webhook", topic: "orders/create", payload: { id: 2002, email: "ann@example.org", customer: { id: 1 } }, expected: false },
    { name: "digits of their id inside a price", source: "webhook", topic: "orders/create", payload: { id: 2003, total_price: "706405506930370084" }, expected: false },
    { name: "a product", source: "webhook", topic: "products/update", payload: parseShopifyJson(`{"id": 706405506930370084}`), expected: false },
    { name: "a body that is not an object", source: "webhook", topic: "orders/create", payload: "706405506930370084", expected: false },
  ])("$name: $expected", ({ source, topic, payload, expected }) => {
    expect(concernsCustomer(source, topic, payload, keys)).toBe(expected);
  });
});

describe("scrubPersonalData", () => {
  it("erases contact details, names, addresses and notes from an order but keeps what accounting needs, and still validates", () => {
    const scrubbed = scrubPersonalData("webhook", parseShopifyJson(ORDER_JSON));
    const text = JSON.stringify(scrubbed);
    for (const personal of ["jon@example.com", "Jon", "Doe", "google.com", "utm_source"]) expect(text).not.toContain(personal);
    const order = OrderPayload.parse(scrubbed);
    expect(order).toMatchObject({ id: "820982911946154508", email: null, landing_site: null, customer_locale: null, total_price: "94.98", name: "#9999" });
    expect(order.customer?.id).toBe("706405506930370084");
    expect(order.customer?.email).toBeNull();
    expect(order.line_items.map((item) => item.title)).toEqual(["Vitamin C Serum", "Gift wrap"]);
  });

  it("erases a customer record down to its id and account facts", () => {
    const scrubbed = scrubPersonalData("webhook", parseShopifyJson(CUSTOMER_JSON));
    const text = JSON.stringify(scrubbed);
    for (const personal of ["bob@biller.example", "Bob", "Biller", "+16135551234", "Elm St", "K2H7A8", "ice cream", "VIP"]) expect(text).not.toContain(personal);
    expect(CustomerPayload.parse(scrubbed)).toMatchObject({ id: "706405506930370084", email: null, default_address: null, tags: [] });
  });

  it("replaces a pixel event whole, so a replay cannot bring browsing back", () => {
    expect(scrubPersonalData("pixel", { id: "e", clientId: "client-1", context: { document: { location: { href: "https://x/?q=jon" } } } })).toEqual(REDACTED_PIXEL_PAYLOAD);
  });
});
