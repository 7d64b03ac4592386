import { type BgNbdParameters, bgNbdExpectedIfAlive, bgNbdProbabilityAlive } from "./bgnbd";
import { type GammaGammaParameters, gammaGammaExpectedSpend } from "./gammaGamma";
import { type Rfm } from "./rfmData";

/**
 * Predicted customer lifetime value over a merchant-set horizon:
 *
 *   pCLV = E[spend per purchase] * sum_k (E[Y(t_k)] - E[Y(t_k-1)]) * (1 + d)^-(midpoint_k / 52)
 *
 * with E[Y(t)] the BG/NBD conditional expectation, steps of `stepWeeks` (a month by default, the last
 * one cut at the horizon), each step's purchases discounted at its midpoint by the annual rate d, and
 * the spend from the gamma-gamma model. Purchases and spend are treated as independent, the
 * gamma-gamma model's assumption.
 */

export type ClvSettings = {
  /** How far ahead to count, in weeks (e.g. 52). */
  horizonWeeks: number;
  /** Annual discount rate, e.g. 0.1 for 10% a year. */
  annualDiscountRate: number;
  /** Step of the discounting sum in weeks; defaults to a month (52/12). */
  stepWeeks?: number;
};

export type BtydModel = { bgNbd: BgNbdParameters; gammaGamma: GammaGammaParameters | null };

export type CustomerHistory = Rfm & { meanRepeatSpend: number | null };

export type CustomerScore = {
  /** Expected purchases within the horizon. */
  expectedPurchases: number;
  probabilityAlive: number;
  /** Expected value of one future purchase; null without a spend model. */
  expectedSpend: number | null;
  /** Expected purchases within the horizon, each discounted to today. */
  discountedPurchases: number;
  /** expectedSpend * discountedPurchases; null without a spend model. */
  pclv: number | null;
};

const MONTH_WEEKS = 52 / 12;

export function clvSettingsProblem(settings: ClvSettings): string | null {
  if (!(settings.horizonWeeks > 0 && settings.horizonWeeks <= 52 * 50)) return "the horizon must be between 0 and 2,600 weeks";
  if (!(settings.annualDiscountRate >= 0 && settings.annualDiscountRate < 10)) return "the annual discount rate must be a fraction from 0 up to 10 (0.1 = 10%)";
  if (settings.stepWeeks !== undefined && !(settings.stepWeeks > 0)) return "the step must be positive";
  return null;
}

export function scoreCustomer(model: BtydModel, history: CustomerHistory, settings: ClvSettings): CustomerScore {
  const problem = clvSettingsProblem(settings);
  if (problem) throw new RangeError(problem);
  const { horizonWeeks, annualDiscountRate } = settings;
  const step = Math.min(settings.stepWeeks ?? MONTH_WEEKS, horizonWeeks);
  const probabilityAlive = bgNbdProbabilityAlive(model.bgNbd, history);
  const logDiscount = Math.log1p(annualDiscountRate) / 52;
  let previous = 0;
  let discounted = 0;
  for (let start = 0; start < horizonWeeks - 1e-12; start += step) {
    const end = Math.min(start + step, horizonWeeks);
    const cumulative = bgNbdExpectedIfAlive(model.bgNbd, history.x, history.T, end);
    discounted += (cumulative - previous) * Math.exp(-logDiscount * 0.5 * (start + end));
    previous = cumulative;
  }
  const expectedSpend = model.gammaGamma ? gammaGammaExpectedSpend(model.gammaGamma, { x: history.x, meanSpend: history.meanRepeatSpend ?? 0 }) : null;
  const discountedPurchases = discounted * probabilityAlive;
  return {
    expectedPurchases: previous * probabilityAlive,
    probabilityAlive,
    expectedSpend,
    discountedPurchases,
    pclv: expectedSpend === null ? null : expectedSpend * discountedPurchases,
  };
}
