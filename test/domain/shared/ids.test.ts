import { describe, expect, it } from "vitest";
import { parseShopifyJson, ShopifyId, toGid } from "~/domain/shared/ids";

describe("ShopifyId", () => {
  it.each([
    { input: 450789469, id: "450789469" },
    { input: 0, id: "0" },
    { input: "450789469", id: "450789469" },
    { input: "gid://shopify/Customer/207119551", id: "207119551" },
    { input: "gid://shopify/ProductVariant/39072856", id: "39072856" },
    { input: "gid://shopify/Order/820982911946154508", id: "820982911946154508" },
    { input: "12345678901234567890", id: "12345678901234567890" },
  ])("$input -> $id", ({ input, id }) => {
    expect(ShopifyId.parse(input)).toBe(id);
  });

  it.each([
    -1,
    1.5,
    Number.MAX_SAFE_INTEGER + 2,
    "",
    "abc",
    "12a",
    "-5",
    "gid://shopify/Customer/",
    "gid://shopify/Customer/abc",
    "gid://shopify/Cart/c1-abc?key=def",
    "gid://other/Customer/1",
    "gid://shopify/Customer/1/2",
    null,
    undefined,
  ])("rejects %j", (input) => {
    expect(ShopifyId.safeParse(input).success).toBe(false);
  });
});

describe("toGid", () => {
  it.each([
    ["Customer", "207119551", "gid://shopify/Customer/207119551"],
    ["ProductVariant", "39072856", "gid://shopify/ProductVariant/39072856"],
  ])("%s %s -> %s", (type, id, gid) => {
    expect(toGid(type, id)).toBe(gid);
    expect(ShopifyId.parse(gid)).toBe(id);
  });
});

describe("parseShopifyJson", () => {
  it("keeps 16+ digit ids under id and *_id keys as exact strings", () => {
    const text = '{"id": 820982911946154508, "customer_id":9007199254740993, "line_items":[{"id":1234567890123456789,"variant_id": 9999999999999999999 }], "order_id" : 10000000000000001}';
    expect(parseShopifyJson(text)).toEqual({
      id: "820982911946154508",
      customer_id: "9007199254740993",
      line_items: [{ id: "1234567890123456789", variant_id: "9999999999999999999" }],
      order_id: "10000000000000001",
    });
  });

  it("shows why: plain JSON.parse loses the digits", () => {
    const parsed = JSON.parse('{"id":820982911946154508}') as { id: number };
    expect(String(parsed.id)).not.toBe("820982911946154508");
    expect(ShopifyId.parse((parseShopifyJson('{"id":820982911946154508}') as { id: unknown }).id)).toBe("820982911946154508");
  });

  it("leaves short ids, other numbers and strings alone", () => {
    const text = '{"id":450789469,"total":1234567890123456,"product_id":"820982911946154508","note":"id: 12345678901234567","price":"19.99","quantity":2}';
    expect(parseShopifyJson(text)).toEqual({
      id: 450789469,
      total: 1234567890123456,
      product_id: "820982911946154508",
      note: "id: 12345678901234567",
      price: "19.99",
      quantity: 2,
    });
  });

  it("does not touch an id-like pattern quoted inside a string value", () => {
    const text = JSON.stringify({ note: '{"id": 12345678901234567}' });
    expect(parseShopifyJson(text)).toEqual({ note: '{"id": 12345678901234567}' });
  });

  it("handles pretty-printed JSON and the last key of an object", () => {
    const text = '{\n  "name": "#1001",\n  "id": 5678901234567890123\n}';
    expect(parseShopifyJson(text)).toEqual({ name: "#1001", id: "5678901234567890123" });
  });

  it("throws on malformed JSON", () => {
    expect(() => parseShopifyJson('{"id": 1,')).toThrow(SyntaxError);
  });
});
