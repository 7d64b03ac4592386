import { type BtydSummary } from "../eventLog";
import { type BgNbdParameters, type BtydFit, bgNbdConditionalExpectedPurchases, fitBgNbd } from "./bgnbd";
import { type GammaGammaParameters, fitGammaGamma } from "./gammaGamma";
import { type ParetoNbdParameters, fitParetoNbd, paretoNbdConditionalExpectedPurchases } from "./paretoNbd";
import { packRfm } from "./rfmData";

/**
 * Everything `npm run models -- btyd` reports for an event log: the three fits, and with a holdout
 * period the predicted repeat purchases (sum of each customer's conditional expectation over the
 * holdout length) beside the actual count.
 */

type FitSummary<P> = { parameters: P; logLikelihood: number; customers: number; converged: boolean; iterations: number; method: string };

export type BtydReport = {
  customers: number;
  repeatPurchases: number;
  /** Longest observation in weeks (the earliest customer's T). */
  calibrationWeeks: number;
  bgnbd: FitSummary<BgNbdParameters>;
  paretoNbd: FitSummary<ParetoNbdParameters>;
  gammaGamma: FitSummary<GammaGammaParameters> | { skipped: string };
  holdout: {
    weeks: number;
    actual: number;
    predicted: { bgnbd: number; paretoNbd: number };
    /** (predicted - actual) / actual. */
    relativeError: { bgnbd: number; paretoNbd: number };
  } | null;
};

export function analyseBtyd(summary: BtydSummary, options: { hasAmount: boolean }): BtydReport {
  const { customers } = summary;
  if (customers.length < 2) throw new RangeError(`the calibration period holds ${customers.length} customer(s); the models need at least two`);
  const data = packRfm(customers);
  const bgnbd = fitBgNbd(data);
  // Both models share the Poisson-gamma purchase process, so BG/NBD's (r, alpha) is a close start.
  const paretoNbd = fitParetoNbd(data, { r: bgnbd.parameters.r, alpha: bgnbd.parameters.alpha, s: 1, beta: bgnbd.parameters.alpha });

  let gammaGamma: BtydReport["gammaGamma"];
  const spenders = customers.filter((customer) => customer.x > 0 && (customer.meanRepeatSpend ?? 0) > 0);
  if (!options.hasAmount) gammaGamma = { skipped: "the event log has no amount column" };
  else if (spenders.length < 2) gammaGamma = { skipped: `only ${spenders.length} customer(s) with repeat purchases and spend; the spend model needs at least two` };
  else gammaGamma = summariseFit(fitGammaGamma(spenders.map((customer) => ({ x: customer.x, meanSpend: customer.meanRepeatSpend ?? 0 }))));

  let holdout: BtydReport["holdout"] = null;
  if (summary.holdoutWeeks !== null) {
    const weeks = summary.holdoutWeeks;
    let actual = 0;
    let predictedBg = 0;
    let predictedPareto = 0;
    for (const customer of customers) {
      actual += customer.holdoutPurchases ?? 0;
      predictedBg += bgNbdConditionalExpectedPurchases(bgnbd.parameters, customer, weeks);
      predictedPareto += paretoNbdConditionalExpectedPurchases(paretoNbd.parameters, customer, weeks);
    }
    const relative = (predicted: number) => (actual > 0 ? (predicted - actual) / actual : Number.NaN);
    holdout = {
      weeks,
      actual,
      predicted: { bgnbd: predictedBg, paretoNbd: predictedPareto },
      relativeError: { bgnbd: relative(predictedBg), paretoNbd: relative(predictedPareto) },
    };
  }

  return {
    customers: customers.length,
    repeatPurchases: customers.reduce((sum, customer) => sum + customer.x, 0),
    calibrationWeeks: customers.reduce((longest, customer) => Math.max(longest, customer.T), 0),
    bgnbd: summariseFit(bgnbd),
    paretoNbd: summariseFit(paretoNbd),
    gammaGamma,
    holdout,
  };
}

function summariseFit<P>(fit: BtydFit<P>): FitSummary<P> {
  return { parameters: fit.parameters, logLikelihood: fit.logLikelihood, customers: fit.customers, converged: fit.converged, iterations: fit.iterations, method: fit.method };
}
