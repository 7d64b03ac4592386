import { median, occasionIntervals, purchaseOccasions } from "../../catalog/depletion";
import { daysBetween } from "../../shared/time";
import { analyseCadence, DEFAULT_CADENCE, type AbstentionReason, type CadenceOptions } from "./cadence";
import { poolCadence, resolveCadencePrior, type PooledCadence } from "./cadencePrior";

/**
 * Replays an event log to check cadence due dates against what customers actually did.
 *
 * The evaluation set: every purchase occasion (purchases within a day merged) of a customer in a
 * category that has at least `minHistory` earlier occasions there. For each, the due date is
 * predicted from the earlier occasions only, at the moment of the previous one, with a category
 * prior pooled from intervals that ended before the start of that month (refitted monthly, as a
 * store would; none until the category has five repeat buyers): no look-ahead. A prediction hits
 * when the actual occasion falls within
 * `toleranceDays` of the due date. Abstentions stay in the set: the hit rate over all predictions
 * counts them as misses, the hit rate over answered ones leaves them out, and both are reported
 * with the abstention share. Baselines are scored on exactly the same predictions: a fixed 30-day
 * window and the best single window in hindsight (chosen on the very set it is scored on).
 */
export type BacktestEvent = { customerId: string; date: Date; category: string | null };

export type BacktestOptions = { minHistory: number; toleranceDays: number; fixedWindowDays: number; maxWindowDays: number; cadence: CadenceOptions };

export const DEFAULT_BACKTEST: BacktestOptions = { minHistory: 3, toleranceDays: 7, fixedWindowDays: 30, maxWindowDays: 365, cadence: DEFAULT_CADENCE };

type Prediction = { actualDays: number; predictedDays: number | null; abstention: AbstentionReason | null; wouldBeDays: number | null };

export type Score = { predictions: number; hitRate: number; medianAbsErrorDays: number };

export type CadenceBacktestReport = {
  evaluation: {
    definition: string;
    minHistory: number;
    toleranceDays: number;
    customers: number;
    series: number;
    occasions: number;
    /** Occasions left out because fewer than minHistory came before them in their series. */
    tooEarlyToPredict: number;
    predictions: number;
    abstained: { count: number; share: number; byReason: Record<AbstentionReason, number> };
  };
  cadence: {
    /** Abstentions count as misses. */
    hitRateAll: number;
    hitRateAnswered: number;
    medianAbsErrorDaysAnswered: number;
    /** How the due date the model declined to give would have fared: low means abstention drops hard cases, not easy ones. */
    hitRateOfAbstainedHadItAnswered: number | null;
  };
  baselines: {
    fixedWindow: { windowDays: number; all: Score; answered: Score };
    bestFixedWindowInHindsight: { all: Score & { windowDays: number }; answered: Score & { windowDays: number } };
  };
};

export function backtestCadence(events: readonly BacktestEvent[], options: BacktestOptions = DEFAULT_BACKTEST): CadenceBacktestReport {
  const cadence = { ...options.cadence, toleranceDays: options.toleranceDays };
  const series = new Map<string, { customerId: string; category: string | null; dates: Date[] }>();
  for (const event of events) {
    const key = JSON.stringify([event.customerId, event.category]);
    const entry = series.get(key) ?? { customerId: event.customerId, category: event.category, dates: [] };
    entry.dates.push(event.date);
    series.set(key, entry);
  }
  const histories = [...series.values()].map((entry) => ({
    customerId: entry.customerId,
    category: entry.category,
    occasions: purchaseOccasions(entry.dates.map((at) => ({ at, quantity: 1 }))).map((occasion) => occasion.at),
  }));
  const priors = monthlyPriors(histories);

  const predictions: Prediction[] = [];
  let occasions = 0;
  for (const history of histories) {
    occasions += history.occasions.length;
    const intervals = occasionIntervals(history.occasions.map((at) => ({ at, quantity: 1 }))).map((interval) => interval.days);
    for (let j = options.minHistory; j < history.occasions.length; j++) {
      const madeAt = history.occasions[j - 1] as Date;
      const pooled = priors(history.category, madeAt);
      const analysis = analyseCadence(intervals.slice(0, j - 1), resolveCadencePrior(null, pooled), cadence);
      const wouldBeDays = analysis.summary?.dueInDays ?? null;
      predictions.push({
        actualDays: intervals[j - 1] as number,
        predictedDays: analysis.abstention ? null : wouldBeDays,
        abstention: analysis.abstention?.reason ?? null,
        wouldBeDays,
      });
    }
  }
  if (predictions.length === 0) throw new RangeError(`no customer has more than ${options.minHistory} purchase occasions in a category, so nothing can be backtested`);

  const tolerance = options.toleranceDays;
  const hit = (predicted: number, actual: number) => Math.abs(actual - predicted) <= tolerance;
  const answered = predictions.filter((p) => p.predictedDays !== null);
  const abstained = predictions.filter((p) => p.predictedDays === null);
  const hits = answered.filter((p) => hit(p.predictedDays as number, p.actualDays)).length;
  const wouldBe = abstained.filter((p) => p.wouldBeDays !== null);
  const byReason: Record<AbstentionReason, number> = { "too-little-data": 0, "too-irregular": 0 };
  for (const p of abstained) byReason[p.abstention as AbstentionReason]++;
  const actualAll = predictions.map((p) => p.actualDays);
  const actualAnswered = answered.map((p) => p.actualDays);
  return {
    evaluation: {
      definition:
        `every purchase occasion with at least ${options.minHistory} earlier occasions by the same customer in the same category, predicted from those earlier occasions only ` +
        `(and a category prior pooled from intervals that ended before the prediction's month); a hit is within ${tolerance} days; ` +
        "abstentions count as misses in hitRateAll and are left out of hitRateAnswered; baselines are scored on the same predictions",
      minHistory: options.minHistory,
      toleranceDays: tolerance,
      customers: new Set(histories.map((h) => h.customerId)).size,
      series: histories.length,
      occasions,
      tooEarlyToPredict: occasions - predictions.length,
      predictions: predictions.length,
      abstained: { count: abstained.length, share: round(abstained.length / predictions.length), byReason },
    },
    cadence: {
      hitRateAll: round(hits / predictions.length),
      hitRateAnswered: answered.length ? round(hits / answered.length) : 0,
      medianAbsErrorDaysAnswered: round(median(answered.map((p) => Math.abs(p.actualDays - (p.predictedDays as number)))) ?? 0),
      hitRateOfAbstainedHadItAnswered: wouldBe.length ? round(wouldBe.filter((p) => hit(p.wouldBeDays as number, p.actualDays)).length / wouldBe.length) : null,
    },
    baselines: {
      fixedWindow: {
        windowDays: options.fixedWindowDays,
        all: fixedWindowScore(actualAll, options.fixedWindowDays, tolerance),
        answered: fixedWindowScore(actualAnswered, options.fixedWindowDays, tolerance),
      },
      bestFixedWindowInHindsight: { all: bestFixedWindow(actualAll, options.maxWindowDays, tolerance), answered: bestFixedWindow(actualAnswered, options.maxWindowDays, tolerance) },
    },
  };
}

/** The pooled prior of a category as of the start of a prediction's month, from intervals that ended before it. */
function monthlyPriors(histories: readonly { category: string | null; occasions: Date[] }[]): (category: string | null, at: Date) => PooledCadence | null {
  const cache = new Map<string, PooledCadence | null>();
  return (category, at) => {
    const monthStart = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
    const key = JSON.stringify([category, monthStart]);
    let pooled = cache.get(key);
    if (pooled === undefined) {
      const intervalsByCustomer: number[][] = [];
      for (const history of histories) {
        if (history.category !== category) continue;
        const intervals: number[] = [];
        for (let i = 1; i < history.occasions.length && (history.occasions[i] as Date).getTime() < monthStart; i++) {
          intervals.push(daysBetween(history.occasions[i - 1] as Date, history.occasions[i] as Date));
        }
        if (intervals.length > 0) intervalsByCustomer.push(intervals);
      }
      pooled = poolCadence(intervalsByCustomer);
      cache.set(key, pooled);
    }
    return pooled;
  };
}

function fixedWindowScore(actualDays: readonly number[], windowDays: number, tolerance: number): Score {
  if (actualDays.length === 0) return { predictions: 0, hitRate: 0, medianAbsErrorDays: 0 };
  const hits = actualDays.filter((actual) => Math.abs(actual - windowDays) <= tolerance).length;
  return {
    predictions: actualDays.length,
    hitRate: round(hits / actualDays.length),
    medianAbsErrorDays: round(median(actualDays.map((actual) => Math.abs(actual - windowDays))) ?? 0),
  };
}

function bestFixedWindow(actualDays: readonly number[], maxWindowDays: number, tolerance: number): Score & { windowDays: number } {
  let bestWindow = 1;
  let bestHits = -1;
  for (let window = 1; window <= maxWindowDays; window++) {
    const hits = actualDays.filter((actual) => Math.abs(actual - window) <= tolerance).length;
    if (hits > bestHits) [bestWindow, bestHits] = [window, hits];
  }
  return { windowDays: bestWindow, ...fixedWindowScore(actualDays, bestWindow, tolerance) };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
