import type { DemoCatalog } from "./catalog";
import type { Random } from "./random";

/**
 * The store's ad campaigns and the other ways shoppers arrive. Each campaign promotes a theme that
 * maps to categories, so whoever came through "better-sleep" tends to buy sleep products: the
 * signal the abandoned-cart agent leads with. Landing URLs carry UTM parameters (plus the click ids
 * ad platforms append) exactly as Shopify records them in `landing_site`.
 */
export type Campaign = { name: string; categories: readonly string[]; weight: number; keywords: readonly string[] };

export const CAMPAIGNS: readonly Campaign[] = [
  { name: "clean-ingredients", weight: 3, categories: ["Skin care > Cleansers", "Skin care > Serums", "Skin care > Moisturisers", "Skin care > Toners"], keywords: ["clean skincare", "niacinamide serum", "gentle cleanser"] },
  { name: "durability", weight: 1, categories: ["Accessories > Tools", "Accessories > Bags"], keywords: ["gua sha", "cleansing brush", "wash bag"] },
  { name: "sustainability", weight: 1.5, categories: ["Home > Candles", "Hair care > Shampoo", "Hair care > Conditioner"], keywords: ["refillable shampoo", "soy candle", "plastic free"] },
  { name: "better-sleep", weight: 1.5, categories: ["Wellness > Sleep"], keywords: ["magnesium sleep", "sleep tea", "pillow mist"] },
  { name: "daily-wellness", weight: 1.2, categories: ["Wellness > Vitamins", "Wellness > Energy"], keywords: ["vegan multivitamin", "vitamin d3 k2", "matcha energy"] },
  { name: "gift-guide", weight: 0.8, categories: ["Home > Candles", "Accessories > Bags", "Accessories > Tools"], keywords: ["skincare gift", "candle gift set"] },
  { name: "spring-refresh", weight: 1, categories: ["Skin care > Exfoliants", "Skin care > Sunscreen"], keywords: ["mineral sunscreen", "aha mask"] },
];

export function campaignNamed(name: string): Campaign {
  const found = CAMPAIGNS.find((campaign) => campaign.name === name);
  if (!found) throw new Error(`unknown campaign ${name}`);
  return found;
}

/** The campaign whose categories include `categoryPath` (the first in weight order), or null. */
export function campaignForCategory(rng: Random, categoryPath: string): Campaign | null {
  const matching = CAMPAIGNS.filter((campaign) => campaign.categories.includes(categoryPath));
  return matching.length === 0 ? null : rng.weighted(matching.map((campaign) => [campaign, campaign.weight] as const));
}

export type VisitKind = "paid_search" | "paid_social" | "organic_search" | "organic_social" | "email" | "referral" | "direct";

export type Visit = {
  kind: VisitKind;
  campaign: string | null;
  /** Path plus query, as in an order's `landing_site` ("/products/x?utm_source=google&..."). */
  landingPath: string;
  /** Full referring URL, or null for typed-in visits and most email clients. */
  referringSite: string | null;
};

/** How first-time buyers found the store. */
export const ACQUISITION_MIX: readonly (readonly [VisitKind, number])[] = [
  ["paid_search", 25],
  ["paid_social", 20],
  ["organic_search", 20],
  ["organic_social", 10],
  ["referral", 7],
  ["direct", 18],
];

const SOCIAL = [
  { source: "instagram", referrer: "https://l.instagram.com/" },
  { source: "facebook", referrer: "https://m.facebook.com/" },
] as const;

const REFERRERS = ["https://www.wellness-journal.example/best-clean-skincare", "https://www.sleep-better.example/gift-ideas", "https://www.reddit.com/"];

type VisitRequest = { kind: VisitKind; campaign: Campaign | null; categoryPath: string | null; at: Date };

/** A concrete visit: the landing page (a product or collection of `categoryPath` when given) and its attribution. */
export function makeVisit(rng: Random, catalog: DemoCatalog, request: VisitRequest): Visit {
  const { kind, campaign } = request;
  const page = landingPage(rng, catalog, request.categoryPath, kind);
  const params = new URLSearchParams();
  let referringSite: string | null = null;
  switch (kind) {
    case "paid_search":
      params.set("utm_source", "google");
      params.set("utm_medium", "cpc");
      params.set("utm_campaign", campaign?.name ?? "brand");
      params.set("utm_content", `ad_${1000 + rng.int(0, 120)}`);
      params.set("utm_term", campaign ? rng.pick(campaign.keywords) : "demo botanics");
      params.set("gclid", rng.chars(22, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"));
      referringSite = "https://www.google.com/";
      break;
    case "paid_social": {
      const social = rng.pick(SOCIAL);
      params.set("utm_source", social.source);
      params.set("utm_medium", "paid_social");
      params.set("utm_campaign", campaign?.name ?? "prospecting");
      params.set("utm_content", `ad_${1000 + rng.int(0, 120)}`);
      params.set("fbclid", `IwAR${rng.chars(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")}`);
      referringSite = social.referrer;
      break;
    }
    case "organic_social": {
      const social = rng.pick(SOCIAL);
      // Link-in-bio traffic is tagged by the merchant, but carries no campaign.
      params.set("utm_source", social.source);
      params.set("utm_medium", "social");
      referringSite = social.referrer;
      break;
    }
    case "email":
      params.set("utm_source", "newsletter");
      params.set("utm_medium", "email");
      params.set("utm_campaign", campaign?.name ?? `bestsellers-${request.at.toISOString().slice(0, 7)}`);
      referringSite = rng.chance(0.3) ? "https://mail.google.com/" : null;
      break;
    case "organic_search":
      referringSite = rng.pick(["https://www.google.com/", "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/"]);
      break;
    case "referral":
      referringSite = rng.pick(REFERRERS);
      break;
    case "direct":
      break;
  }
  const query = params.toString();
  return { kind, campaign: params.get("utm_campaign"), landingPath: query ? `${page}?${query}` : page, referringSite };
}

function landingPage(rng: Random, catalog: DemoCatalog, categoryPath: string | null, kind: VisitKind): string {
  if (kind === "direct" && rng.chance(0.7)) return "/";
  if (!categoryPath) return rng.chance(0.5) ? "/" : `/collections/${rng.pick(catalog.collections).handle}`;
  if (rng.chance(0.3)) return `/collections/${catalog.collectionOfCategory(categoryPath).handle}`;
  const products = catalog.productsInCategory(categoryPath);
  return `/products/${rng.weighted(products.map((product) => [product, product.popularity] as const)).handle}`;
}
