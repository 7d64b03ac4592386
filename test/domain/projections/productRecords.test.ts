import { describe, expect, it } from "vitest";
import { ProductPayload } from "~/domain/events/webhookPayloads";
import { productRecords } from "~/domain/projections/shopifyRecords";
import { body, PRODUCT_JSON } from "../fixtures/shopifyWebhooks";

const product = ProductPayload.parse(body(PRODUCT_JSON));
const context = { currencyCode: "USD", categoryPath: "Skin care > Serums", collections: ["skin-care", "serums"] };

describe("productRecords", () => {
  it("maps products/create to the product row", () => {
    expect(productRecords(product, context).product).toEqual({
      id: "788032119674292922",
      title: "Vitamin C Serum",
      handle: "vitamin-c-serum",
      productType: "Serum",
      vendor: "Demo Botanics",
      status: "active",
      tags: '["bestseller"]',
      taxonomyCategoryId: "gid://shopify/TaxonomyCategory/hb-3-2-7",
      taxonomyCategoryName: "Health & Beauty > Personal Care > Cosmetics > Skin Care > Serums",
      categoryPath: "Skin care > Serums",
      collections: '["skin-care","serums"]',
      attributes: '{"ingredient":["vitamin c","ferulic acid"]}',
      seasons: '["autumn"]',
      imageUrl: "https://cdn.shopify.com/s/files/1/serum.jpg",
      publishedAt: new Date("2024-01-11T14:00:00Z"),
      shopifyCreatedAt: new Date("2024-01-10T14:00:00Z"),
      sourceUpdatedAt: new Date("2024-06-01T16:00:00Z"),
    });
  });

  it("maps each variant with prices in minor units of the shop currency", () => {
    expect(productRecords(product, context).variants).toEqual([
      {
        id: "642667041472713922", productId: "788032119674292922", title: "30 ml", sku: "VCS-30",
        priceMinor: 3000, compareAtPriceMinor: 3400, currencyCode: "USD", inventoryQuantity: 42, inventoryPolicy: "deny",
      },
      {
        id: "757650484644203962", productId: "788032119674292922", title: "50 ml", sku: null,
        priceMinor: 4900, compareAtPriceMinor: null, currencyCode: "USD", inventoryQuantity: -3, inventoryPolicy: "continue",
      },
    ]);
  });

  it.each([
    { currencyCode: "JPY", prices: [[30, 34], [49, null]] },
    { currencyCode: "KWD", prices: [[29995, 34000], [49000, null]] },
    { currencyCode: "EUR", prices: [[3000, 3400], [4900, null]] },
  ])("prices in $currencyCode", ({ currencyCode, prices }) => {
    const { variants } = productRecords(product, { ...context, currencyCode });
    expect(variants.map((v) => [v.priceMinor, v.compareAtPriceMinor])).toEqual(prices);
    expect(variants.every((v) => v.currencyCode === currencyCode)).toBe(true);
  });

  it("maps a bare product without image, category or variants", () => {
    const bare = ProductPayload.parse({ id: 7, title: "Gift card", handle: "gift-card", updated_at: "2025-01-01T00:00:00Z" });
    const { product: row, variants } = productRecords(bare, { currencyCode: "USD", categoryPath: null, collections: [] });
    expect(variants).toEqual([]);
    expect(row).toMatchObject({
      id: "7", productType: null, vendor: null, status: "active", tags: "[]", attributes: "{}", seasons: "[]", collections: "[]",
      taxonomyCategoryId: null, taxonomyCategoryName: null, categoryPath: null, imageUrl: null, publishedAt: null, shopifyCreatedAt: null,
    });
  });
});
