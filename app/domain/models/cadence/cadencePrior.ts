import { median } from "../../catalog/depletion";

/**
 * The category prior a customer's cadence is shrunk toward: a log-normal guess at the next
 * interval for someone we know nothing about. Its centre is the category's depletion timeline,
 * merchant-set first, else the store's suggestion (both per unit, so scaled by the units bought at
 * the last occasion), else a pooled estimate from the category's repeat buyers (per occasion).
 * Its spread (sd of log days) comes from the pooled data when there is any.
 */
export type PriorSource = "merchant" | "suggested" | "pooled";

export type CadencePrior = {
  source: PriorSource;
  /** Median days to the next occasion. */
  days: number;
  /** Standard deviation of log(days). */
  spread: number;
  /** The timeline per unit and the units it was scaled by (1 for a pooled prior). */
  daysPerUnit: number;
  units: number;
};

export type PooledCadence = {
  /** Median over repeat buyers of each buyer's median interval, in days. */
  days: number;
  /** 1.4826 x the median absolute deviation of every log interval: a robust sd. */
  spread: number;
  customers: number;
  intervals: number;
};

export const DEFAULT_PRIOR_SPREAD = 0.6;
export const MIN_PRIOR_SPREAD = 0.25;
export const MAX_PRIOR_SPREAD = 1.5;
/** Repeat buyers needed before a category's own data makes a prior. */
export const MIN_POOLED_CUSTOMERS = 5;

/** The pooled estimate from each repeat buyer's intervals (days); null with too few buyers. */
export function poolCadence(intervalsByCustomer: Iterable<readonly number[]>, minCustomers = MIN_POOLED_CUSTOMERS): PooledCadence | null {
  const perCustomer: number[] = [];
  const logs: number[] = [];
  for (const intervals of intervalsByCustomer) {
    const positive = intervals.filter((days) => days > 0);
    const own = median(positive);
    if (own === null) continue;
    perCustomer.push(own);
    for (const days of positive) logs.push(Math.log(days));
  }
  const days = median(perCustomer);
  if (days === null || perCustomer.length < minCustomers) return null;
  const centre = median(logs) as number;
  const mad = median(logs.map((value) => Math.abs(value - centre))) as number;
  const spread = clamp(1.4826 * mad, MIN_PRIOR_SPREAD, MAX_PRIOR_SPREAD);
  return { days, spread, customers: perCustomer.length, intervals: logs.length };
}

export type CategoryTimeline = { depletionDays: number | null; suggestedDepletionDays: number | null };

/** The prior for one customer's next occasion in a category; null when there is nothing to shrink toward. */
export function resolveCadencePrior(category: CategoryTimeline | null, pooled: PooledCadence | null, unitsAtLastOccasion = 1): CadencePrior | null {
  const spread = pooled?.spread ?? DEFAULT_PRIOR_SPREAD;
  const units = Math.max(1, unitsAtLastOccasion);
  const timeline = (source: PriorSource, perUnit: number): CadencePrior => ({ source, days: perUnit * units, spread, daysPerUnit: perUnit, units });
  if (category?.depletionDays != null && category.depletionDays > 0) return timeline("merchant", category.depletionDays);
  if (category?.suggestedDepletionDays != null && category.suggestedDepletionDays > 0) return timeline("suggested", category.suggestedDepletionDays);
  if (pooled) return { source: "pooled", days: pooled.days, spread, daysPerUnit: pooled.days, units: 1 };
  return null;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
