import { describe, expect, it } from "vitest";
import { productAttributesFromTags } from "~/domain/catalog/productAttributes";
import { splitTags } from "~/domain/events/webhookPayloads";
import { generateDemoStore } from "~/demo/generator";
import { NOW } from "./support/demoStore";

const { catalog } = generateDemoStore({ seed: "catalog", customers: 0, now: NOW });

describe("demo catalog", () => {
  it("has 60+ products in a two-level category hierarchy, recoverable from each product", () => {
    expect(catalog.products.length).toBeGreaterThanOrEqual(60);
    const topLevels = new Set(catalog.categories.map((c) => c.topLevel));
    expect([...topLevels].sort()).toEqual(["Accessories", "Hair care", "Home", "Skin care", "Wellness"]);
    for (const product of catalog.products) {
      const path = catalog.categoryPathOf(product.id);
      const [top, leaf] = path?.split(" > ") ?? [];
      expect(catalog.collectionHandlesOf(product.id)).toHaveLength(2);
      const collections = catalog.collections.filter((c) => catalog.collectionHandlesOf(product.id).includes(c.handle));
      expect(collections.map((c) => c.title)).toEqual([top, leaf]);
      expect(catalog.collects.filter((c) => c.product_id === product.id)).toHaveLength(2);
    }
  });

  it.each([
    { path: "Skin care > Cleansers", days: 30 },
    { path: "Skin care > Exfoliants", days: 90 },
    { path: "Skin care > Serums", days: 45 },
    { path: "Skin care > Moisturisers", days: 40 },
    { path: "Skin care > Sunscreen", days: 60 },
    { path: "Wellness > Vitamins", days: 30 },
    { path: "Wellness > Sleep", days: 30 },
    { path: "Hair care > Shampoo", days: 35 },
    { path: "Home > Candles", days: 60 },
    { path: "Accessories > Tools", days: null },
    { path: "Accessories > Bags", days: null },
  ])("$path depletes in $days days and has products", ({ path, days }) => {
    expect(catalog.categories.find((c) => c.path === path)?.depletionDays).toBe(days);
    expect(catalog.productsInCategory(path).length).toBeGreaterThanOrEqual(3);
  });

  it("marks sunscreen as a spring/summer category", () => {
    expect(catalog.categories.find((c) => c.path === "Skin care > Sunscreen")?.sellingSeasons).toEqual(["spring", "summer"]);
  });

  it("tags attributes, ingredients and seasons in the key:value form the app reads", () => {
    const parsed = catalog.products.map((p) => productAttributesFromTags(splitTags(p.tags)));
    for (const attribute of ["sustainable", "durable", "vegan", "fragrance-free", "refillable", "clean-ingredients"]) {
      expect(parsed.filter((p) => p.tags.includes(attribute)).length, attribute).toBeGreaterThanOrEqual(3);
    }
    expect(parsed.every((p) => (p.attributes.ingredient ?? []).length > 0)).toBe(true);
    for (const season of ["summer", "winter", "holiday", "spring"]) {
      expect(parsed.some((p) => p.seasons.includes(season)), season).toBe(true);
    }
    expect(catalog.products.find((p) => p.handle === "niacinamide-10-serum")?.body_html).toMatch(/niacinamide/);
  });

  it("uses real Shopify taxonomy full names", () => {
    const names = new Set(catalog.products.map((p) => p.category.full_name));
    expect(names).toContain("Health & Beauty > Personal Care > Cosmetics > Skin Care > Facial Cleansers");
    expect(names).toContain("Health & Beauty > Health Care > Fitness & Nutrition > Vitamins & Supplements");
    expect(names).toContain("Home & Garden > Decor > Home Fragrances > Candles");
    for (const product of catalog.products) {
      expect(product.category.admin_graphql_api_id).toMatch(/^gid:\/\/shopify\/TaxonomyCategory\/[a-z]{2}-[\d-]+$/);
      expect(product.category.full_name.endsWith(product.category.name)).toBe(true);
    }
  });

  it("prices variants between $8 and $90, some on sale, a few sold out with inventory_policy deny", () => {
    const variants = catalog.products.flatMap((p) => p.variants);
    expect(catalog.products.every((p) => p.variants.length >= 1 && p.variants.length <= 3)).toBe(true);
    expect(variants.every((v) => Number(v.price) >= 8 && Number(v.price) <= 90)).toBe(true);
    expect(variants.some((v) => v.compare_at_price !== null && Number(v.compare_at_price) > Number(v.price))).toBe(true);
    const soldOut = catalog.products.filter((p) => p.variants.every((v) => v.inventory_quantity === 0));
    expect(soldOut.length).toBeGreaterThanOrEqual(2);
    expect(soldOut.length).toBeLessThanOrEqual(8);
    expect(variants.every((v) => v.inventory_policy === "deny")).toBe(true);
  });

  it("has unique handles, SKUs and image URLs on Shopify's CDN", () => {
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(catalog.products.map((p) => p.handle))).toBe(true);
    expect(unique(catalog.products.flatMap((p) => p.variants.map((v) => v.sku)))).toBe(true);
    expect(catalog.products.every((p) => p.image?.src.startsWith("https://cdn.shopify.com/"))).toBe(true);
    expect(catalog.products.every((p) => Date.parse(p.created_at) < Date.parse(p.updated_at) && Date.parse(p.updated_at) <= NOW.getTime())).toBe(true);
  });
});
