/**
 * The hand-written facts of one demo product; catalog.ts turns it into a Shopify product payload.
 * `tags` holds plain attribute tags (`vegan`, `refillable`) and seasonal tags (`season:summer`,
 * `seasonal:holiday`); ingredients become `ingredient:<name>` tags, the `key:value` form that
 * app/domain/catalog/productAttributes.ts reads, and are also listed in body_html for people.
 */
export type ProductSeed = {
  title: string;
  vendor: string;
  /** Price of the smallest size, in cents. */
  basePriceMinor: number;
  /** Variant titles, smallest first (1-3). */
  sizes: readonly string[];
  tags: readonly string[];
  ingredients: readonly string[];
  blurb: string;
};

export function seed(
  title: string,
  vendor: string,
  basePriceMinor: number,
  sizes: readonly string[],
  tags: readonly string[],
  ingredients: readonly string[],
  blurb: string,
): ProductSeed {
  return { title, vendor, basePriceMinor, sizes, tags, ingredients, blurb };
}
