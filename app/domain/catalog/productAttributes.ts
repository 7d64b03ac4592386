/**
 * Shopify products carry structured facts only as tags (metafields need extra API calls), so the
 * app reads `key:value` tags as attributes: `ingredient:niacinamide`, `material:bamboo`,
 * `season:summer`. Plain tags (`sustainable`, `durable`) stay tags; they are what campaigns and
 * the cart-intent agent lead with.
 */
export type ProductAttributes = {
  tags: string[];
  attributes: Record<string, string[]>;
  seasons: string[];
};

const SEASONS = new Set(["spring", "summer", "autumn", "fall", "winter", "holiday"]);

export function productAttributesFromTags(rawTags: readonly string[]): ProductAttributes {
  const tags: string[] = [];
  const attributes: Record<string, string[]> = {};
  const seasons: string[] = [];
  for (const raw of rawTags) {
    const tag = raw.trim().toLowerCase();
    if (!tag) continue;
    const separator = tag.indexOf(":");
    if (separator <= 0) {
      tags.push(tag);
      continue;
    }
    const key = tag.slice(0, separator).trim();
    const value = tag.slice(separator + 1).trim();
    if (!value) continue;
    if ((key === "season" || key === "seasonal") && SEASONS.has(value)) {
      seasons.push(value === "fall" ? "autumn" : value);
      continue;
    }
    (attributes[key] ??= []).push(value);
  }
  return { tags, attributes, seasons: [...new Set(seasons)] };
}
