import { describe, expect, it } from "vitest";
import { productAttributesFromTags, type ProductAttributes } from "~/domain/catalog/productAttributes";

describe("productAttributesFromTags", () => {
  it.each<{ name: string; tags: string[]; expected: ProductAttributes }>([
    { name: "no tags", tags: [], expected: { tags: [], attributes: {}, seasons: [] } },
    { name: "plain tags, lower-cased and trimmed", tags: [" Sustainable ", "DURABLE", "vegan"], expected: { tags: ["sustainable", "durable", "vegan"], attributes: {}, seasons: [] } },
    {
      name: "key:value tags become attributes, values grouped by key",
      tags: ["ingredient:niacinamide", "Ingredient: Hyaluronic Acid", "material:bamboo"],
      expected: { tags: [], attributes: { ingredient: ["niacinamide", "hyaluronic acid"], material: ["bamboo"] }, seasons: [] },
    },
    { name: "season tags, fall read as autumn, duplicates dropped", tags: ["season:summer", "seasonal:Winter", "season:fall", "season:autumn", "season:summer"], expected: { tags: [], attributes: {}, seasons: ["summer", "winter", "autumn"] } },
    { name: "holiday is a season", tags: ["season:holiday"], expected: { tags: [], attributes: {}, seasons: ["holiday"] } },
    { name: "an unknown season stays an attribute", tags: ["season:monsoon"], expected: { tags: [], attributes: { season: ["monsoon"] }, seasons: [] } },
    { name: "only the first colon separates", tags: ["ratio:1:2", "url:https://x.example"], expected: { tags: [], attributes: { ratio: ["1:2"], url: ["https://x.example"] }, seasons: [] } },
    { name: "a leading colon keeps the tag plain", tags: [":odd"], expected: { tags: [":odd"], attributes: {}, seasons: [] } },
    { name: "an empty value drops the tag", tags: ["ingredient:", "material:  "], expected: { tags: [], attributes: {}, seasons: [] } },
    { name: "blank tags are skipped", tags: ["", "   "], expected: { tags: [], attributes: {}, seasons: [] } },
    { name: "spaces around the separator", tags: ["skin type : Dry"], expected: { tags: [], attributes: { "skin type": ["dry"] }, seasons: [] } },
    {
      name: "a mixed product",
      tags: ["bestseller", "ingredient:vitamin c", "season:spring", "Gift"],
      expected: { tags: ["bestseller", "gift"], attributes: { ingredient: ["vitamin c"] }, seasons: ["spring"] },
    },
  ])("$name", ({ tags, expected }) => {
    expect(productAttributesFromTags(tags)).toEqual(expected);
  });
});
