/**
 * The store's category hierarchy, as the app's agents reason about it ("Skin care > Cleansers"),
 * with how long one unit lasts. `depletionDays` is the typical time for a regular user to finish one
 * unit; shoppers' own intervals scatter around it (purchaseSimulation.ts). Durable goods have none
 * and are bought once.
 *
 * `taxonomy` is Shopify's standard product taxonomy category as product webhooks carry it. The
 * full names are real taxonomy names; the gids follow the taxonomy's id scheme but are
 * illustrative, not looked up (the app keys on the full name).
 */
export type Season = "spring" | "summer" | "autumn" | "winter";

export type TaxonomyCategory = { admin_graphql_api_id: string; name: string; full_name: string };

export type CategoryDefinition = {
  path: string;
  topLevel: string;
  name: string;
  /** Singular product type written on products ("Cleanser"). */
  productType: string;
  depletionDays: number | null;
  /** Seasons (northern hemisphere) in which the category sells; null when it sells all year. */
  sellingSeasons: readonly Season[] | null;
  /** Relative share of shoppers who buy in the category. */
  popularity: number;
  taxonomy: TaxonomyCategory;
};

const SKIN_CARE = "Health & Beauty > Personal Care > Cosmetics > Skin Care";

function taxonomy(id: string, fullName: string): TaxonomyCategory {
  const name = fullName.split(" > ").at(-1) ?? fullName;
  return { admin_graphql_api_id: `gid://shopify/TaxonomyCategory/${id}`, name, full_name: fullName };
}

function category(
  path: string,
  productType: string,
  depletionDays: number | null,
  popularity: number,
  tax: TaxonomyCategory,
  sellingSeasons: readonly Season[] | null = null,
): CategoryDefinition {
  const [topLevel = path, name = path] = path.split(" > ");
  return { path, topLevel, name, productType, depletionDays, sellingSeasons, popularity, taxonomy: tax };
}

export const CATEGORIES: readonly CategoryDefinition[] = [
  category("Skin care > Cleansers", "Cleanser", 30, 10, taxonomy("hb-3-2-7-8", `${SKIN_CARE} > Facial Cleansers`)),
  category("Skin care > Exfoliants", "Exfoliant", 90, 4, taxonomy("hb-3-2-7-16", `${SKIN_CARE} > Skin Care Masks & Peels`)),
  // The taxonomy has no serum leaf that we could confirm, so serums sit on the Skin Care node itself.
  category("Skin care > Serums", "Serum", 45, 8, taxonomy("hb-3-2-7", SKIN_CARE)),
  category("Skin care > Moisturisers", "Moisturiser", 40, 9, taxonomy("hb-3-2-7-12", `${SKIN_CARE} > Lotion & Moisturizer`)),
  category("Skin care > Sunscreen", "Sunscreen", 60, 5, taxonomy("hb-3-2-7-19", `${SKIN_CARE} > Sunscreen`), ["spring", "summer"]),
  category("Skin care > Toners", "Toner", 50, 4, taxonomy("hb-3-2-7-21", `${SKIN_CARE} > Toners & Astringents`)),
  category("Wellness > Sleep", "Sleep supplement", 30, 5, taxonomy("hb-3-4", "Health & Beauty > Personal Care > Sleeping Aids")),
  category(
    "Wellness > Energy",
    "Energy supplement",
    30,
    3,
    taxonomy("hb-2-1-3-3", "Health & Beauty > Health Care > Fitness & Nutrition > Vitamins & Supplements"),
  ),
  category(
    "Wellness > Vitamins",
    "Vitamins",
    30,
    6,
    taxonomy("hb-2-1-3-3", "Health & Beauty > Health Care > Fitness & Nutrition > Vitamins & Supplements"),
  ),
  category(
    "Hair care > Shampoo",
    "Shampoo",
    35,
    5,
    taxonomy("hb-3-2-4-9-2", "Health & Beauty > Personal Care > Hair Care > Shampoo & Conditioner > Shampoo"),
  ),
  category(
    "Hair care > Conditioner",
    "Conditioner",
    40,
    3,
    taxonomy("hb-3-2-4-9-1", "Health & Beauty > Personal Care > Hair Care > Shampoo & Conditioner > Conditioners"),
  ),
  category("Home > Candles", "Candle", 60, 4, taxonomy("hg-3-32-1", "Home & Garden > Decor > Home Fragrances > Candles")),
  category(
    "Accessories > Tools",
    "Skin care tool",
    null,
    3,
    taxonomy("hb-3-2-1-6", "Health & Beauty > Personal Care > Cosmetics > Cosmetic Tools > Skin Care Tools"),
  ),
  category("Accessories > Bags", "Bag", null, 2, taxonomy("lb-3", "Luggage & Bags > Cosmetic & Toiletry Bags")),
];

const BY_PATH = new Map(CATEGORIES.map((definition) => [definition.path, definition]));

export function categoryByPath(path: string): CategoryDefinition {
  const found = BY_PATH.get(path);
  if (!found) throw new Error(`unknown category path: ${path}`);
  return found;
}

export function isDurable(definition: CategoryDefinition): boolean {
  return definition.depletionDays === null;
}

const NORTHERN_SEASON_BY_MONTH: readonly Season[] = [
  "winter", "winter", "spring", "spring", "spring", "summer", "summer", "summer", "autumn", "autumn", "autumn", "winter",
];
const OPPOSITE: Record<Season, Season> = { spring: "autumn", summer: "winter", autumn: "spring", winter: "summer" };

/** The season in a month (1-12), flipped for shoppers south of the equator. */
export function seasonOf(month: number, southernHemisphere: boolean): Season {
  const northern = NORTHERN_SEASON_BY_MONTH[month - 1] ?? "winter";
  return southernHemisphere ? OPPOSITE[northern] : northern;
}

export function sellsInSeason(definition: CategoryDefinition, season: Season): boolean {
  return definition.sellingSeasons === null || definition.sellingSeasons.includes(season);
}
