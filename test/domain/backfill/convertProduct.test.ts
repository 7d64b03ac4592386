import { describe, expect, it } from "vitest";
import { convertBulkObject } from "~/domain/backfill/convertBulkObject";
import { ProductPayload } from "~/domain/events/webhookPayloads";
import { productRecords } from "~/domain/projections/shopifyRecords";
import { gid, gqlCollection, gqlProduct, gqlVariant } from "../../support/fakeShopifyData";

type Json = Record<string, unknown>;

function convert(node: Json, children: Json[] = []) {
  const conversion = convertBulkObject({
    id: String(node.id),
    node,
    children: children.map((child) => ({ ...child, __parentId: String(node.id) })),
    firstLine: 1,
    lastLine: 1 + children.length,
  });
  if (!conversion.ok) throw new Error(conversion.error);
  expect(conversion.events).toHaveLength(1);
  const payload = conversion.events[0]?.payload;
  return { payload, parsed: ProductPayload.parse(payload) };
}

describe("products: GraphQL bulk object -> products/update payload", () => {
  it("a product with variants, category, collections and image", () => {
    const { payload, parsed } = convert(gqlProduct("788032119674292922"), [
      gqlVariant("642667041472713922"),
      gqlCollection(11, "skin-care"),
      gqlVariant("757650484644203962", { title: "50 ml", sku: null, price: "49.00", compareAtPrice: null, inventoryQuantity: -3, inventoryPolicy: "CONTINUE" }),
      gqlCollection(12, "bestsellers"),
    ]);
    expect(payload).toMatchObject({
      id: "788032119674292922",
      admin_graphql_api_id: "gid://shopify/Product/788032119674292922",
      handle: "vitamin-c-serum-788032119674292922",
      body_html: "<p>A serum.</p>",
      product_type: "Serum",
      status: "active",
      tags: "bestseller, ingredient:vitamin c, season:fall",
      image: { src: "https://cdn.shopify.com/s/files/1/serum.jpg" },
      category: {
        admin_graphql_api_id: "gid://shopify/TaxonomyCategory/hb-3-2-7",
        name: "Serums",
        full_name: "Health & Beauty > Personal Care > Cosmetics > Skin Care > Serums",
      },
      collection_handles: ["skin-care", "bestsellers"],
    });
    expect(parsed.variants).toEqual([
      {
        id: "642667041472713922",
        product_id: "788032119674292922",
        title: "30 ml",
        sku: "VCS-30",
        price: "29.99",
        compare_at_price: "34.00",
        inventory_quantity: 42,
        inventory_policy: "deny",
      },
      {
        id: "757650484644203962",
        product_id: "788032119674292922",
        title: "50 ml",
        sku: null,
        price: "49.00",
        compare_at_price: null,
        inventory_quantity: -3,
        inventory_policy: "continue",
      },
    ]);
    // collection_handles is not in the schema: zod strips it from the parsed payload, the raw payload keeps it.
    expect(parsed).not.toHaveProperty("collection_handles");

    const { product, variants } = productRecords(parsed, { currencyCode: "USD", categoryPath: null, collections: ["skin-care", "bestsellers"] });
    expect(product).toMatchObject({ taxonomyCategoryId: "gid://shopify/TaxonomyCategory/hb-3-2-7", tags: '["bestseller"]', seasons: '["autumn"]' });
    expect(variants.map((v) => [v.priceMinor, v.compareAtPriceMinor, v.inventoryQuantity])).toEqual([
      [2999, 3400, 42],
      [4900, null, -3],
    ]);
  });

  it.each<[string, string, string]>([
    ["ACTIVE", "active", "active"],
    ["DRAFT", "draft", "draft"],
    ["ARCHIVED", "archived", "archived"],
    ["UNLISTED", "unlisted", "unlisted"],
    ["SOMETHING_NEW", "active", "active"],
  ])("status %s -> %s", (status, rest, parsedStatus) => {
    const { payload, parsed } = convert(gqlProduct(1, { status }));
    expect(payload).toMatchObject({ status: rest });
    expect(parsed.status).toBe(parsedStatus);
  });

  it("an unpublished product without category, image, tags, collections or variants", () => {
    const { parsed } = convert(gqlProduct(2, { category: null, featuredMedia: null, tags: [], publishedAt: null, productType: "", vendor: null }));
    expect(parsed).toMatchObject({ category: null, image: null, tags: [], published_at: null, product_type: "", vendor: null, variants: [] });
  });

  it("a product whose media has no preview image yet", () => {
    const { parsed } = convert(gqlProduct(3, { featuredMedia: { preview: { image: null } } }));
    expect(parsed.image).toBeNull();
  });

  it("a variant with a price that is not a decimal makes the product invalid, naming the variant", () => {
    const node = gqlProduct(4);
    const conversion = convertBulkObject({
      id: String(node.id),
      node,
      children: [{ ...gqlVariant(40), __parentId: String(node.id) }, { ...gqlVariant(41, { price: "free" }), __parentId: String(node.id) }],
      firstLine: 10,
      lastLine: 12,
    });
    expect(conversion).toMatchObject({ ok: false, topic: "products" });
    if (!conversion.ok) expect(conversion.error).toMatch(/variants\.1\.price/);
  });

  it("children of other types are ignored (a later query may select more)", () => {
    const { parsed } = convert(gqlProduct(5), [{ id: gid("MediaImage", 1), alt: "x" }, gqlVariant(50)]);
    expect(parsed.variants.map((v) => v.id)).toEqual(["50"]);
  });
});
