import type { ContentBrief } from "../../agents/contract";
import type { Count, Formatter } from "./formatting";
import { cleanLabel, clip, MAX_SHORT_TITLE, MAX_TITLE } from "./sanitizeText";

/**
 * The facts a template may state, read from the brief (and the catalog, for product handles) and
 * already formatted for the copy's locale. A fact the brief does not carry is null, and the
 * sentence that needs it is left out: templates never fill a gap with a number of their own.
 */

/** A catalog product as the copywriter sees it (the service reads it from the catalog). */
export type CatalogEntry = { title: string; handle: string; priceMinor: number; imageUrl: string | null };

export type ProductFact = {
  id: string;
  /** The brief's title (for a cart, the line's title), cleaned; capped at 120 graphemes. */
  title: string;
  /** The title as a subject line can hold it (60 graphemes). */
  shortTitle: string;
  /** The brief's price in the shop currency; null when the brief's price is not a usable amount. */
  price: string | null;
  /** The catalog's handle, for the product URL; null when the catalog does not know the product. */
  handle: string | null;
};

export function productFacts(brief: ContentBrief, catalog: ReadonlyMap<string, CatalogEntry>, fmt: Formatter): ProductFact[] {
  return brief.products.flatMap((product) => {
    const title = cleanLabel(product.title, MAX_TITLE);
    if (title === "") return [];
    const handle = catalog.get(product.productId)?.handle.trim() || null;
    return [{ id: product.productId, title, shortTitle: clip(title, MAX_SHORT_TITLE), price: fmt.money(product.priceMinor), handle }];
  });
}

export function countFact(brief: ContentBrief, key: string, fmt: Formatter): Count | null {
  const value = brief.numbers[key];
  return value === undefined ? null : fmt.count(value);
}

export function moneyFact(brief: ContentBrief, key: string, fmt: Formatter): string | null {
  const value = brief.numbers[key];
  return value === undefined ? null : fmt.money(value);
}

export function dateFact(brief: ContentBrief, key: string, fmt: Formatter): string | null {
  const value = brief.deadlines[key];
  return value === undefined ? null : fmt.date(value);
}

/** The discount as a whole percent, only when the brief offers one. */
export function discountFact(brief: ContentBrief, fmt: Formatter): string | null {
  return brief.discount === null ? null : fmt.percent(brief.discount);
}

/** A merchant tag ("clean-ingredients") as words ("clean ingredients"). */
export function attributeFact(brief: ContentBrief): string | null {
  const words = brief.leadAttribute === null ? "" : cleanLabel(brief.leadAttribute.replace(/[-_]+/g, " "), MAX_SHORT_TITLE);
  return words === "" ? null : words;
}

export type ReplenishmentFacts = {
  product: ProductFact;
  winback: boolean;
  usualDays: Count | null;
  daysSince: Count | null;
  usualDate: string | null;
  discount: string | null;
};

export type PostPurchaseFacts = {
  product: ProductFact;
  daysSince: Count | null;
  attribute: string | null;
  supplyDays: Count | null;
  runOutDate: string | null;
};

export type GapProduct = { product: ProductFact; points: Count | null };

export type LoyaltyFacts = {
  balance: Count | null;
  pointsNeeded: Count | null;
  tierPoints: Count | null;
  reward: string | null;
  expiringPoints: Count | null;
  expiryDate: string | null;
  daysUntilExpiry: Count | null;
  gapProducts: GapProduct[];
  /** Every listed product's own points reach the points needed (so the copy may say so). */
  eachCloses: boolean;
};

export type CartFacts = {
  direct: boolean;
  products: ProductFact[];
  /** Products in the brief beyond those listed. */
  more: Count | null;
  total: string | null;
  itemCount: Count | null;
  attribute: string | null;
  discount: string | null;
};

export type RankedProduct = { product: ProductFact; rank: Count | null };

export type NewsletterFacts = { products: RankedProduct[]; count: Count };
