import { describe, expect, it } from "vitest";
import {
  AppUninstalledPayload,
  CartPayload,
  CheckoutPayload,
  CustomerConsentPayload,
  CustomerPayload,
  CustomersDataRequestPayload,
  CustomersRedactPayload,
  OrderPayload,
  ProductPayload,
  ShopRedactPayload,
  splitTags,
} from "~/domain/events/webhookPayloads";
import {
  APP_UNINSTALLED_JSON,
  body,
  CART_JSON,
  CHECKOUT_JSON,
  CONSENT_JSON,
  CUSTOMER_JSON,
  CUSTOMERS_REDACT_JSON,
  DATA_REQUEST_JSON,
  ORDER_JSON,
  PRODUCT_JSON,
  SHOP_REDACT_JSON,
} from "../fixtures/shopifyWebhooks";

/** A deep copy of `source` with the value at a dotted path replaced (or removed when `value` is undefined). */
function withPath(source: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(source);
  const keys = path.split(".");
  let node: Record<string, unknown> | unknown[] = copy;
  for (const key of keys.slice(0, -1)) node = (Array.isArray(node) ? node[Number(key)] : node[key]) as Record<string, unknown>;
  const last = keys[keys.length - 1] ?? "";
  if (Array.isArray(node)) node[Number(last)] = value;
  else if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

describe("webhook payloads parse as Shopify sends them", () => {
  it("customers/create keeps the exact id, splits tags and keeps the default address", () => {
    expect(CustomerPayload.parse(body(CUSTOMER_JSON))).toEqual({
      id: "706405506930370084",
      email: "bob@biller.example",
      first_name: "Bob",
      last_name: "Biller",
      phone: "+16135551234",
      state: "enabled",
      tags: ["VIP", "wholesale", "newsletter"],
      locale: "fr-CA",
      created_at: new Date("2022-01-01T00:00:00Z"),
      updated_at: new Date("2022-01-02T13:30:00Z"),
      default_address: { country_code: "CA", province_code: "ON", city: "Ottawa", zip: "K2H7A8" },
    });
  });

  it("a minimal customer fills the optional fields with null", () => {
    expect(CustomerPayload.parse({ id: 5 })).toEqual({
      id: "5", email: null, first_name: null, last_name: null, phone: null, state: null, tags: [], locale: null,
      created_at: null, updated_at: null, default_address: null,
    });
  });

  it("customers_email_marketing_consent/update upper-cases the consent states", () => {
    expect(CustomerConsentPayload.parse(body(CONSENT_JSON))).toEqual({
      customer_id: "706405506930370084",
      email_address: "bob@biller.example",
      email_marketing_consent: { state: "UNSUBSCRIBED", opt_in_level: "CONFIRMED_OPT_IN", consent_updated_at: new Date("2022-03-01T09:00:00Z") },
    });
  });

  it("products/create keeps decimal prices as strings and the taxonomy category", () => {
    const product = ProductPayload.parse(body(PRODUCT_JSON));
    expect(product).toMatchObject({
      id: "788032119674292922",
      handle: "vitamin-c-serum",
      status: "active",
      tags: ["bestseller", "ingredient:vitamin c", "Ingredient:Ferulic Acid", "season:fall"],
      updated_at: new Date("2024-06-01T16:00:00Z"),
      image: { src: "https://cdn.shopify.com/s/files/1/serum.jpg" },
      category: { admin_graphql_api_id: "gid://shopify/TaxonomyCategory/hb-3-2-7", name: "Serums" },
    });
    expect(product.variants.map((v) => [v.id, v.product_id, v.price, v.compare_at_price, v.inventory_quantity])).toEqual([
      ["642667041472713922", "788032119674292922", "29.995", "34.00", 42],
      ["757650484644203962", "788032119674292922", "49.00", null, -3],
    ]);
    expect(product).not.toHaveProperty("options");
  });

  it.each([
    { status: "draft", expected: "draft" },
    { status: "archived", expected: "archived" },
    { status: "some_future_status", expected: "active" },
  ])("product status $status -> $expected", ({ status, expected }) => {
    expect(ProductPayload.parse(withPath(body(PRODUCT_JSON), "status", status)).status).toBe(expected);
  });

  it("orders/create keeps ids exact and applies defaults", () => {
    const order = OrderPayload.parse(body(ORDER_JSON));
    expect(order).toMatchObject({
      id: "820982911946154508",
      name: "#9999",
      currency: "USD",
      total_price: "94.98",
      total_discounts: "10.00",
      discount_codes: [{ code: "WELCOME10", amount: "10.00", type: "fixed_amount" }],
      processed_at: new Date("2025-03-01T15:14:58Z"),
      cancelled_at: null,
      customer: { id: "706405506930370084", email: "jon@example.com", default_address: null },
      test: false,
    });
    expect(order.line_items.map((line) => [line.id, line.product_id, line.variant_id, line.quantity])).toEqual([
      ["466157049", "788032119674292922", "642667041472713922", 2],
      ["518995019", null, null, 1],
    ]);
    const bare = OrderPayload.parse(withPath(withPath(withPath(body(ORDER_JSON), "total_discounts", undefined), "discount_codes", undefined), "test", undefined));
    expect([bare.total_discounts, bare.discount_codes, bare.test]).toEqual(["0", [], false]);
  });

  it("carts/create and checkouts/create", () => {
    const cart = CartPayload.parse(body(CART_JSON));
    expect(cart.line_items[0]).toEqual({
      id: "704912205188288575", key: "704912205188288575:33f11f7a1ec7d93b826e28a2ef1a96a3", product_id: "788032119674292922",
      variant_id: "704912205188288575", title: "Example T-Shirt - Small", quantity: 3, price: "19.99", line_price: "59.97",
    });
    const checkout = CheckoutPayload.parse(body(CHECKOUT_JSON));
    expect(checkout).toMatchObject({ token: "bd5a8aa1ecd019dd3520ff791ee3a24c", completed_at: null, currency: "EUR", customer: { id: "207119551" } });
  });

  it("compliance and uninstall topics", () => {
    expect(CustomersDataRequestPayload.parse(body(DATA_REQUEST_JSON))).toEqual({
      shop_id: "954889", shop_domain: "demo.myshopify.com", orders_requested: ["299938", "280263", "220458"],
      customer: { id: "191167", email: "john@example.com", phone: "555-625-1199" }, data_request: { id: "9999" },
    });
    expect(CustomersRedactPayload.parse(body(CUSTOMERS_REDACT_JSON)).orders_to_redact).toEqual(["299938", "280263", "220458"]);
    expect(CustomersRedactPayload.parse(withPath(body(CUSTOMERS_REDACT_JSON), "orders_to_redact", undefined)).orders_to_redact).toEqual([]);
    expect(ShopRedactPayload.parse(body(SHOP_REDACT_JSON))).toEqual({ shop_id: "954889", shop_domain: "demo.myshopify.com" });
    expect(AppUninstalledPayload.parse(body(APP_UNINSTALLED_JSON))).toEqual({ id: "548380009", domain: "shop.demo.example" });
    expect(AppUninstalledPayload.parse({})).toEqual({});
  });
});

describe("malformed payloads fail with the path of the problem", () => {
  const cases = [
    { schema: CustomerPayload, fixture: CUSTOMER_JSON, path: "id", value: "not-an-id" },
    { schema: CustomerPayload, fixture: CUSTOMER_JSON, path: "created_at", value: "2021-12-31 19:00:00" },
    { schema: CustomerPayload, fixture: CUSTOMER_JSON, path: "default_address.country_code", value: 124 },
    { schema: CustomerConsentPayload, fixture: CONSENT_JSON, path: "email_marketing_consent.state", value: "maybe" },
    { schema: CustomerConsentPayload, fixture: CONSENT_JSON, path: "email_marketing_consent", value: undefined },
    { schema: ProductPayload, fixture: PRODUCT_JSON, path: "updated_at", value: undefined },
    { schema: ProductPayload, fixture: PRODUCT_JSON, path: "variants.1.price", value: "free" },
    { schema: ProductPayload, fixture: PRODUCT_JSON, path: "variants.0.inventory_quantity", value: 1.5 },
    { schema: OrderPayload, fixture: ORDER_JSON, path: "currency", value: "US" },
    { schema: OrderPayload, fixture: ORDER_JSON, path: "total_price", value: "94,98" },
    { schema: OrderPayload, fixture: ORDER_JSON, path: "line_items", value: undefined },
    { schema: OrderPayload, fixture: ORDER_JSON, path: "line_items.0.quantity", value: -1 },
    { schema: OrderPayload, fixture: ORDER_JSON, path: "line_items.1.price", value: null },
    { schema: OrderPayload, fixture: ORDER_JSON, path: "discount_codes.0.amount", value: "ten" },
    { schema: OrderPayload, fixture: ORDER_JSON, path: "customer.id", value: -7 },
    { schema: CartPayload, fixture: CART_JSON, path: "line_items.0.line_price", value: undefined },
    { schema: CartPayload, fixture: CART_JSON, path: "token", value: 12 },
    { schema: CheckoutPayload, fixture: CHECKOUT_JSON, path: "token", value: undefined },
    { schema: CheckoutPayload, fixture: CHECKOUT_JSON, path: "line_items.0.variant_id", value: "gid://shopify/Product/x" },
    { schema: CustomersDataRequestPayload, fixture: DATA_REQUEST_JSON, path: "orders_requested.1", value: "abc" },
    { schema: ShopRedactPayload, fixture: SHOP_REDACT_JSON, path: "shop_domain", value: undefined },
  ];

  it.each(cases)("$path = $value", ({ schema, fixture, path, value }) => {
    const result = schema.safeParse(withPath(body(fixture), path, value));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([path]);
  });

  it("rejects a body that is not an object", () => {
    expect(OrderPayload.safeParse(null).success).toBe(false);
    expect(OrderPayload.safeParse([]).success).toBe(false);
  });
});

describe("splitTags", () => {
  it.each([
    ["", []],
    ["vip", ["vip"]],
    ["VIP, wholesale ,,newsletter", ["VIP", "wholesale", "newsletter"]],
    [" , ,", []],
    ["season:summer, ingredient: aloe", ["season:summer", "ingredient: aloe"]],
  ])("%j -> %j", (tags, expected) => {
    expect(splitTags(tags)).toEqual(expected);
  });
});
