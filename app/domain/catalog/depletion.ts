import { z } from "zod";
import { DAY_MS } from "../shared/time";

/**
 * A category's depletion timeline: how many days one unit lasts a regular user. The merchant can
 * set it; the store's own data can suggest it from how long repeat buyers wait between purchases,
 * divided by the units they bought (two bottles last about twice as long as one). The merchant's
 * value wins over the suggestion.
 */

export const DEPLETION_DAYS_MIN = 1;
export const DEPLETION_DAYS_MAX = 730;
const DEPLETION_DAYS_MESSAGE = `Enter whole days from ${DEPLETION_DAYS_MIN} to ${DEPLETION_DAYS_MAX}, or leave it empty to use the suggestion.`;

/** The merchant's entry in the catalog form: empty clears it (the suggestion applies), else whole days 1..730. */
export const DepletionDaysField = z
  .string()
  .trim()
  .transform((value, context) => {
    if (value === "") return null;
    const days = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
    if (!(days >= DEPLETION_DAYS_MIN && days <= DEPLETION_DAYS_MAX)) {
      context.addIssue({ code: "custom", message: DEPLETION_DAYS_MESSAGE });
      return z.NEVER;
    }
    return days;
  });
export type DepletionDaysField = z.output<typeof DepletionDaysField>;

export const CategoryDepletionForm = z.object({
  path: z.string().trim().min(1, "A category is required.").max(500),
  depletionDays: DepletionDaysField,
});
export type CategoryDepletionForm = z.output<typeof CategoryDepletionForm>;

/** The timeline agents use: the merchant's days when set, else the data's suggestion, else none. */
export function effectiveDepletionDays(category: { depletionDays: number | null; suggestedDepletionDays: number | null }): number | null {
  return category.depletionDays ?? category.suggestedDepletionDays ?? null;
}

/** One line bought by one customer in one category (cancelled orders excluded by the caller). */
export type CategoryPurchase = { customerId: string; at: Date; quantity: number };

/** Purchases less than this far apart are one occasion (a split order, a same-day top-up). */
export const SAME_OCCASION_DAYS = 1;

export type PurchaseOccasion = { at: Date; quantity: number };

/** A customer's purchases in one category merged into occasions, oldest first. */
export function purchaseOccasions(purchases: readonly { at: Date; quantity: number }[]): PurchaseOccasion[] {
  const sorted = [...purchases].filter((p) => p.quantity > 0).sort((a, b) => a.at.getTime() - b.at.getTime());
  const occasions: PurchaseOccasion[] = [];
  for (const purchase of sorted) {
    const last = occasions.at(-1);
    if (last && purchase.at.getTime() - last.at.getTime() < SAME_OCCASION_DAYS * DAY_MS) last.quantity += purchase.quantity;
    else occasions.push({ at: purchase.at, quantity: purchase.quantity });
  }
  return occasions;
}

/** Days between consecutive occasions, and the same per unit bought at the earlier occasion. */
export function occasionIntervals(occasions: readonly PurchaseOccasion[]): { days: number; daysPerUnit: number }[] {
  const intervals: { days: number; daysPerUnit: number }[] = [];
  for (let i = 1; i < occasions.length; i++) {
    const previous = occasions[i - 1] as PurchaseOccasion;
    const days = ((occasions[i] as PurchaseOccasion).at.getTime() - previous.at.getTime()) / DAY_MS;
    intervals.push({ days, daysPerUnit: days / Math.max(1, previous.quantity) });
  }
  return intervals;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export type DepletionSuggestion = {
  /** Suggested days per unit, to one decimal; null when too few repeat buyers to say. */
  days: number | null;
  /** Customers who bought in the category. */
  buyers: number;
  /** Customers who bought in the category on two or more occasions. */
  repeatBuyers: number;
  /** Intervals those customers contributed. */
  intervals: number;
};

export type SuggestOptions = { minRepeatBuyers?: number; minRepeatShare?: number };

/** At least this many repeat buyers are needed before the data suggests a timeline. */
export const MIN_REPEAT_BUYERS = 5;
/**
 * And at least this share of the category's buyers must re-buy: where fewer than one buyer in five
 * ever buys again (bags, tools), the few repeat purchases are replacements or gifts, not a supply
 * running out, and a "timeline" from them would mislead. In the demo store consumables sit at
 * 36-61 % and durables at 6-8 %.
 */
export const MIN_REPEAT_SHARE = 0.2;

/**
 * The median over repeat buyers of each buyer's median days-per-unit interval. Taking each
 * buyer's median first stops one frequent buyer from outweighing the rest, and the outer median
 * ignores the few irregular buyers (a year-long gap, a gift) that would drag a mean far off.
 * Intervals are right-skewed, so this "typical" value sits a little below the mean interval: a
 * reminder based on it comes slightly early rather than late.
 */
export function suggestDepletionDays(purchases: readonly CategoryPurchase[], options: SuggestOptions = {}): DepletionSuggestion {
  const byCustomer = new Map<string, CategoryPurchase[]>();
  for (const purchase of purchases) {
    const list = byCustomer.get(purchase.customerId);
    if (list) list.push(purchase);
    else byCustomer.set(purchase.customerId, [purchase]);
  }
  const perBuyer: number[] = [];
  let intervals = 0;
  for (const list of byCustomer.values()) {
    const own = occasionIntervals(purchaseOccasions(list)).map((interval) => interval.daysPerUnit);
    const ownMedian = median(own);
    if (ownMedian === null) continue;
    perBuyer.push(ownMedian);
    intervals += own.length;
  }
  const enough =
    perBuyer.length >= (options.minRepeatBuyers ?? MIN_REPEAT_BUYERS) && perBuyer.length >= (options.minRepeatShare ?? MIN_REPEAT_SHARE) * byCustomer.size;
  const days = enough ? median(perBuyer) : null;
  return { days: days === null ? null : Math.round(days * 10) / 10, buyers: byCustomer.size, repeatBuyers: perBuyer.length, intervals };
}
