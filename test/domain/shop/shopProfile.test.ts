import { describe, expect, it } from "vitest";
import { isShopDomain } from "~/domain/shop/shopProfile";

describe("isShopDomain", () => {
  it.each([
    ["demo-botanics.myshopify.com", true],
    ["shop1.myshopify.com", true],
    ["1shop.myshopify.com", true],
    ["a.myshopify.com", true],
    ["Demo-Botanics.myshopify.com", false],
    ["-shop.myshopify.com", false],
    ["shop_name.myshopify.com", false],
    ["shop.myshopify.com.evil.example", false],
    ["evil.example/shop.myshopify.com", false],
    ["https://shop.myshopify.com", false],
    ["shop.myshopify.com/", false],
    ["shop.myshopify.com\n", false],
    ["sub.shop.myshopify.com", false],
    ["shop.myshopifyXcom", false],
    [".myshopify.com", false],
    ["www.demo-botanics.example", false],
    ["", false],
  ])("%j -> %s", (domain, valid) => {
    expect(isShopDomain(domain)).toBe(valid);
  });
});
