import type { CatalogProduct, ContentBrief } from "~/domain/agents/contract";
import type { MessageDraft } from "~/domain/content/messageDraft";
import type { CriticInput } from "~/domain/governance/critic";
import { critique } from "~/domain/governance/critic";

/**
 * One shop, one shopper, one decision and a draft that passes every check; each test changes one
 * thing. The shop name and a title carry digits ("Studio 24", "Serum 30 ml") and a title is
 * code-shaped ("SPF50 Day Cream"), so stripping known names is exercised by every test.
 */
export function product(id: string, title: string, priceMinor: number, extra: Partial<CatalogProduct> = {}): CatalogProduct {
  return { id, title, handle: id, categoryPath: "Skin care", priceMinor, variantId: `v-${id}`, inStock: true, active: true, imageUrl: null, attributes: [], seasons: [], ...extra };
}

export const PRODUCTS: CatalogProduct[] = [
  product("p-cleanser", "Daily Gel Cleanser", 2400, { attributes: ["vegan"] }),
  product("p-serum", "Niacinamide Serum 30 ml", 3200),
  product("p-spf", "SPF50 Day Cream", 2800),
  product("p-brush", "Silicone Cleansing Brush", 4800),
  product("p-oos", "Sold-out Toner", 2000, { inStock: false }),
  product("p-inactive", "Vintage Clay Mask", 2200, { active: false }),
];

export const catalogOf = (products: CatalogProduct[] = PRODUCTS, currencyCode = "USD") => ({ currencyCode, products: new Map(products.map((p) => [p.id, p])) });

/** Points expire at 02:00 UTC on 20 June: in New York that is the evening of 19 June. */
export const EXPIRES_AT = new Date("2026-06-20T02:00:00Z");

export const BRIEF: ContentBrief = {
  products: [
    { productId: "p-cleanser", title: "Daily Gel Cleanser", priceMinor: 2400 },
    { productId: "p-serum", title: "Niacinamide Serum 30 ml", priceMinor: 3200 },
  ],
  numbers: { pointsNeeded: 120, balance: 380, daysUntilExpiry: 10, usualDaysBetween: 30, itemCount: 2 },
  deadlines: { pointsExpireAt: EXPIRES_AT },
  leadAttribute: "vegan",
  discount: null,
};

export const DRAFT: MessageDraft = {
  subject: "Your Daily Gel Cleanser is due",
  preheader: "Only 120 points to your next reward",
  greeting: "Hi Mia,",
  paragraphs: [
    "It has been about 30 days since your last Daily Gel Cleanser ($24.00). Pair it with Niacinamide Serum 30 ml for $32.00.",
    "Your 380 points expire on June 19, so there are 10 days left to use them.",
  ],
  callToAction: { label: "Shop now", url: "https://glowstudio.com/products/daily-gel-cleanser" },
  productIds: ["p-cleanser", "p-serum"],
  signOff: "The Studio 24 Skincare team",
};

export type InputChanges = Partial<Omit<CriticInput, "draft">> & { draft?: Partial<MessageDraft> };

export function input(changes: InputChanges = {}): CriticInput {
  const { draft, ...rest } = changes;
  return {
    draft: { ...DRAFT, ...draft },
    brief: BRIEF,
    catalog: catalogOf(),
    shopper: { firstName: "Mia", timeZone: "America/New_York" },
    shop: { name: "Studio 24 Skincare", allowedHosts: ["studio-24.myshopify.com", "glowstudio.com"] },
    allowedCodes: [],
    customerTexts: [],
    ...rest,
  };
}

/** A draft whose body is just `text` (the other fields as in DRAFT). */
export const saying = (text: string, changes: InputChanges = {}): CriticInput => input({ ...changes, draft: { paragraphs: [text], ...changes.draft } });

/** The distinct rules a verdict reports, sorted: tests compare the whole set, so a spurious violation fails them too. */
export function rulesBroken(criticInput: CriticInput): string[] {
  return [...new Set(critique(criticInput).violations.map((v) => v.rule))].sort();
}
