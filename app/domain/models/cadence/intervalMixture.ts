import type { CadencePrior } from "./cadencePrior";
import { normalCdf, normalCdfTabulated } from "./normal";

/**
 * The predictive distribution of a customer's next interval in a category (days), as an
 * empirical-Bayes mixture: each of their own intervals contributes a narrow normal bump around
 * itself, weighted by recency (the weight halves every `halfLifeIntervals` intervals back), and the
 * category prior contributes a log-normal with a fixed pseudo-weight. With one or two intervals
 * the prior carries a third to a half of the mass; with many, the customer's own rhythm dominates.
 * Unlike a single log-normal, the mixture keeps a weekly shopper's occasional fortnight as a
 * second mode instead of smearing both into one wide bump.
 */
export type MixtureOptions = {
  halfLifeIntervals: number;
  /** Pseudo-intervals the prior counts as. */
  priorWeight: number;
  /** A bump's sd as a share of its interval, and its floor in days. */
  kernelRelative: number;
  kernelMinDays: number;
};

export type IntervalMixture = {
  centres: number[];
  sds: number[];
  weights: number[];
  prior: { logMedian: number; spread: number; weight: number } | null;
  totalWeight: number;
};

/** Beyond this many days the distribution is cut off (three years). */
export const MAX_HORIZON_DAYS = 1095;

export function buildMixture(intervals: readonly number[], prior: CadencePrior | null, options: MixtureOptions): IntervalMixture {
  const n = intervals.length;
  const weights = intervals.map((_, i) => 0.5 ** ((n - 1 - i) / options.halfLifeIntervals));
  const priorPart = prior ? { logMedian: Math.log(prior.days), spread: prior.spread, weight: options.priorWeight } : null;
  return {
    centres: [...intervals],
    sds: intervals.map((days) => Math.max(options.kernelMinDays, options.kernelRelative * days)),
    weights,
    prior: priorPart,
    totalWeight: weights.reduce((sum, w) => sum + w, 0) + (priorPart?.weight ?? 0),
  };
}

/** P(next interval <= days). A bump 8 sd away counts as 0 or 1 (exact to double precision). */
export function mixtureCdf(mixture: IntervalMixture, days: number): number {
  let mass = 0;
  for (let i = 0; i < mixture.centres.length; i++) {
    const z = (days - (mixture.centres[i] as number)) / (mixture.sds[i] as number);
    if (z >= 8) mass += mixture.weights[i] as number;
    else if (z > -8) mass += (mixture.weights[i] as number) * normalCdf(z);
  }
  if (mixture.prior && days > 0) mass += mixture.prior.weight * normalCdf((Math.log(days) - mixture.prior.logMedian) / mixture.prior.spread);
  return mass / mixture.totalWeight;
}

/** The mean next interval in days (a log-normal's mean is its median x e^(spread^2/2)). */
export function mixtureMean(mixture: IntervalMixture): number {
  let total = 0;
  for (let i = 0; i < mixture.centres.length; i++) total += (mixture.weights[i] as number) * (mixture.centres[i] as number);
  if (mixture.prior) total += mixture.prior.weight * Math.exp(mixture.prior.logMedian + mixture.prior.spread ** 2 / 2);
  return total / mixture.totalWeight;
}

export type MixtureSummary = {
  /** Whole days after the last occasion at which a ±tolerance window holds the most probability. */
  dueInDays: number;
  /** That window's probability: how likely the next occasion falls within tolerance of the due date. */
  confidence: number;
  /** Whole-day quantiles of the next interval. */
  lowerDays: number;
  upperDays: number;
  meanDays: number;
};

/**
 * The due date that maximises the chance of landing within `toleranceDays` of the actual next
 * occasion, on whole days; and the band's quantiles. Intervals are read to the nearest day, so the
 * window around day t is (t - tolerance - 0.5, t + tolerance + 0.5].
 */
export function summariseMixture(mixture: IntervalMixture, toleranceDays: number, lowerQuantile: number, upperQuantile: number): MixtureSummary {
  const tolerance = Math.round(toleranceDays);
  const horizon = horizonDays(mixture);
  // cdf[j + offset] = P(T <= j + 0.5) for j = -(tolerance + 1) .. horizon + tolerance
  const offset = tolerance + 1;
  const cdf = cdfGrid(mixture, horizon + 2 * tolerance + 2, 0.5 - offset);
  let dueInDays = 1;
  let confidence = -1;
  for (let t = 1; t <= horizon; t++) {
    const window = (cdf[t + tolerance + offset] as number) - (cdf[t - tolerance - 1 + offset] as number);
    if (window > confidence + 1e-12) {
      confidence = window;
      dueInDays = t;
    }
  }
  const quantile = (q: number) => {
    for (let j = 0; j + offset < cdf.length; j++) if ((cdf[j + offset] as number) >= q) return j;
    return horizon + tolerance;
  };
  return { dueInDays, confidence, lowerDays: quantile(lowerQuantile), upperDays: quantile(upperQuantile), meanDays: mixtureMean(mixture) };
}

function horizonDays(mixture: IntervalMixture): number {
  let horizon = 1;
  for (let i = 0; i < mixture.centres.length; i++) horizon = Math.max(horizon, (mixture.centres[i] as number) + 5 * (mixture.sds[i] as number));
  if (mixture.prior) horizon = Math.max(horizon, Math.exp(mixture.prior.logMedian + 3 * mixture.prior.spread));
  return Math.min(MAX_HORIZON_DAYS, Math.ceil(horizon));
}

/**
 * mixtureCdf at x_k = start + k for k = 0..length-1, computed component by component: a normal
 * bump only where it is within 8 sd of its centre (above that it adds its whole weight, through a
 * running sum), the prior everywhere above zero, and the normal function from its table. The same
 * values to within 1e-6, at a fraction of the cost.
 */
function cdfGrid(mixture: IntervalMixture, length: number, start: number): Float64Array {
  const mass = new Float64Array(length);
  const fullFrom = new Float64Array(length + 1);
  for (let i = 0; i < mixture.centres.length; i++) {
    const centre = mixture.centres[i] as number;
    const sd = mixture.sds[i] as number;
    const weight = mixture.weights[i] as number;
    const first = Math.max(0, Math.ceil(centre - 8 * sd - start));
    const full = Math.min(length, Math.max(0, Math.ceil(centre + 8 * sd - start)));
    for (let k = first; k < full; k++) mass[k] = (mass[k] as number) + weight * normalCdfTabulated((start + k - centre) / sd);
    fullFrom[full] = (fullFrom[full] as number) + weight;
  }
  let carried = 0;
  for (let k = 0; k < length; k++) {
    carried += fullFrom[k] as number;
    mass[k] = (mass[k] as number) + carried;
  }
  const prior = mixture.prior;
  if (prior) {
    for (let k = Math.max(0, Math.ceil(-start + 1e-9)); k < length; k++) {
      mass[k] = (mass[k] as number) + prior.weight * normalCdfTabulated((Math.log(start + k) - prior.logMedian) / prior.spread);
    }
  }
  for (let k = 0; k < length; k++) mass[k] = (mass[k] as number) / mixture.totalWeight;
  return mass;
}
