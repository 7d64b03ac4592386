import { median, occasionIntervals, purchaseOccasions } from "../catalog/depletion";
import { DAY_MS } from "../shared/time";

/**
 * What a shopper bought, per category: when, how much, the intervals between purchase occasions
 * and, from those, when their supply should run out. The run-out estimate uses the shopper's own
 * cadence once they have two intervals in the category (people differ: some use a cleanser twice
 * as fast as others), else the category's depletion timeline (merchant-set, else suggested).
 */
export type PurchasedLine = {
  orderId: string;
  orderedAt: Date;
  /** null: the product has no category. */
  categoryPath: string | null;
  productId: string | null;
  title: string;
  quantity: number;
  priceMinor: number;
  discountMinor: number;
};

export type RunOutBasis = "own-cadence" | "category-timeline";

export type CategoryHistory = {
  categoryPath: string | null;
  orders: number;
  quantity: number;
  spentMinor: number;
  firstAt: Date;
  lastAt: Date;
  purchases: { at: Date; quantity: number }[];
  intervalsDays: number[];
  medianIntervalDays: number | null;
  /** The shopper's median days per unit bought (null with no interval yet). */
  daysPerUnit: number | null;
  /** The category's effective depletion timeline, if any. */
  categoryDepletionDays: number | null;
  runOutAt: Date | null;
  runOutBasis: RunOutBasis | null;
  /** Negative once the supply should have run out. */
  daysUntilRunOut: number | null;
};

export const MIN_OWN_INTERVALS = 2;

export function categoryHistories(
  lines: readonly PurchasedLine[],
  depletionDaysOf: (categoryPath: string) => number | null,
  now: Date,
): CategoryHistory[] {
  const byCategory = new Map<string | null, PurchasedLine[]>();
  for (const line of lines) {
    const list = byCategory.get(line.categoryPath);
    if (list) list.push(line);
    else byCategory.set(line.categoryPath, [line]);
  }
  const histories: CategoryHistory[] = [];
  for (const [categoryPath, list] of byCategory) {
    const occasions = purchaseOccasions(list.map((line) => ({ at: line.orderedAt, quantity: line.quantity })));
    const intervals = occasionIntervals(occasions);
    const daysPerUnit = median(intervals.map((interval) => interval.daysPerUnit));
    const categoryDays = categoryPath === null ? null : depletionDaysOf(categoryPath);
    const last = occasions.at(-1);
    const basis: RunOutBasis | null =
      intervals.length >= MIN_OWN_INTERVALS && daysPerUnit !== null ? "own-cadence" : categoryDays !== null ? "category-timeline" : null;
    const perUnit = basis === "own-cadence" ? daysPerUnit : basis === "category-timeline" ? categoryDays : null;
    const runOutAt = last && perUnit !== null ? new Date(last.at.getTime() + perUnit * last.quantity * DAY_MS) : null;
    const times = list.map((line) => line.orderedAt.getTime());
    histories.push({
      categoryPath,
      orders: new Set(list.map((line) => line.orderId)).size,
      quantity: list.reduce((sum, line) => sum + line.quantity, 0),
      spentMinor: list.reduce((sum, line) => sum + line.priceMinor * line.quantity - line.discountMinor, 0),
      firstAt: new Date(Math.min(...times)),
      lastAt: new Date(Math.max(...times)),
      purchases: occasions,
      intervalsDays: intervals.map((interval) => round1(interval.days)),
      medianIntervalDays: roundOrNull(median(intervals.map((interval) => interval.days))),
      daysPerUnit: roundOrNull(daysPerUnit),
      categoryDepletionDays: categoryDays,
      runOutAt,
      runOutBasis: runOutAt ? basis : null,
      daysUntilRunOut: runOutAt ? round1((runOutAt.getTime() - now.getTime()) / DAY_MS) : null,
    });
  }
  return histories.sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime() || (a.categoryPath ?? "").localeCompare(b.categoryPath ?? ""));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round1(value);
}
