import { type BtydFit } from "./bgnbd";
import { minimize } from "./optimize";
import { digamma, logGamma } from "./special";

/**
 * Gamma-gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note on the
 * gamma-gamma model of monetary value). A transaction's value is Gamma(p, nu); nu ~ Gamma(q, gamma)
 * across customers. The density of a customer's mean spend z over x repeat transactions:
 *
 *   f(z | p, q, gamma; x) = Gamma(px+q) / (Gamma(px) Gamma(q)) * gamma^q z^(px-1) x^(px) / (gamma + x z)^(px+q)
 *
 * fitted on customers with x >= 1 and z > 0, with the analytic gradient.
 */

export type GammaGammaParameters = { p: number; q: number; gamma: number };
export type SpendHistory = { x: number; meanSpend: number };

/** Repeat buyers with spend, columnar; terms depending on x only are computed per distinct x. */
export type SpendData = {
  x: Float64Array;
  spend: Float64Array;
  /** Sum over customers of (p x - 1) ln z + p x ln x, split as sum ln z + p * sum x (ln z + ln x). */
  sumLogSpend: number;
  sumXLogSpendX: number;
  xIndex: Int32Array;
  distinctX: Float64Array;
  distinctXCount: Float64Array;
  customers: number;
};

export function packSpend(customers: readonly SpendHistory[]): SpendData {
  const kept = customers
    .filter((customer) => Number.isInteger(customer.x) && customer.x >= 1 && customer.meanSpend > 0 && Number.isFinite(customer.meanSpend))
    // A canonical order, so sums (and the fit) do not depend on the order customers were listed in.
    .sort((u, v) => u.x - v.x || u.meanSpend - v.meanSpend);
  const x = Float64Array.from(kept, (customer) => customer.x);
  const spend = Float64Array.from(kept, (customer) => customer.meanSpend);
  const distinct = [...new Set(x)].sort((u, v) => u - v);
  const position = new Map(distinct.map((value, index) => [value, index]));
  const xIndex = Int32Array.from(x, (value) => position.get(value) ?? 0);
  const distinctXCount = new Float64Array(distinct.length);
  for (const index of xIndex) distinctXCount[index] = (distinctXCount[index] ?? 0) + 1;
  let sumLogSpend = 0;
  let sumXLogSpendX = 0;
  for (let i = 0; i < kept.length; i++) {
    const xi = x[i] ?? 1;
    const logSpend = Math.log(spend[i] ?? 1);
    sumLogSpend += logSpend;
    sumXLogSpendX += xi * (logSpend + Math.log(xi));
  }
  return { x, spend, sumLogSpend, sumXLogSpendX, xIndex, distinctX: Float64Array.from(distinct), distinctXCount, customers: kept.length };
}

export function gammaGammaLogLikelihood(params: GammaGammaParameters, data: SpendData, withGradient = false): { value: number; gradient: Float64Array } {
  const { p, q, gamma } = params;
  const gradient = new Float64Array(3);
  if (!(p > 0 && q > 0 && gamma > 0)) return { value: Number.NaN, gradient };
  const logG = Math.log(gamma);
  // Terms in x only: sum over distinct x of count * [lnG(px+q) - lnG(px)], and their derivatives.
  let value = -data.customers * logGamma(q) + data.customers * q * logG - data.sumLogSpend + p * data.sumXLogSpendX;
  let gP = data.sumXLogSpendX;
  let gQ = withGradient ? data.customers * (logG - digamma(q)) : 0;
  let gG = (data.customers * q) / gamma;
  for (let k = 0; k < data.distinctX.length; k++) {
    const x = data.distinctX[k] ?? 1;
    const count = data.distinctXCount[k] ?? 0;
    const px = p * x;
    value += count * (logGamma(px + q) - logGamma(px));
    if (withGradient) {
      const psiPXQ = digamma(px + q);
      gP += count * x * (psiPXQ - digamma(px));
      gQ += count * psiPXQ;
    }
  }
  for (let i = 0; i < data.customers; i++) {
    const x = data.x[i] ?? 1;
    const denominator = gamma + x * (data.spend[i] ?? 0);
    const logDenominator = Math.log(denominator);
    value -= (p * x + q) * logDenominator;
    if (withGradient) {
      gP -= x * logDenominator;
      gQ -= logDenominator;
      gG -= (p * x + q) / denominator;
    }
  }
  gradient[0] = gP;
  gradient[1] = gQ;
  gradient[2] = gG;
  return { value, gradient };
}

export function fitGammaGamma(customers: readonly SpendHistory[], start: GammaGammaParameters = { p: 1, q: 1, gamma: 1 }): BtydFit<GammaGammaParameters> {
  const data = packSpend(customers);
  if (data.customers < 2) throw new RangeError("the gamma-gamma model needs at least two customers with repeat purchases and spend");
  const scale = 1 / data.customers;
  const toParams = (theta: Float64Array): GammaGammaParameters => ({ p: Math.exp(theta[0] ?? 0), q: Math.exp(theta[1] ?? 0), gamma: Math.exp(theta[2] ?? 0) });
  const result = minimize(
    {
      value: (theta) => -scale * gammaGammaLogLikelihood(toParams(theta), data).value,
      valueAndGradient: (theta) => {
        const params = toParams(theta);
        const { value, gradient } = gammaGammaLogLikelihood(params, data, true);
        const chain = [params.p, params.q, params.gamma];
        return { value: -scale * value, gradient: gradient.map((g, i) => -scale * g * (chain[i] ?? 0)) };
      },
    },
    [start.p, start.q, start.gamma].map(Math.log),
  );
  const parameters = toParams(result.x);
  return {
    parameters,
    logLikelihood: gammaGammaLogLikelihood(parameters, data).value,
    customers: data.customers,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    method: result.method,
  };
}

/**
 * Expected spend per transaction given x repeat purchases averaging z:
 *   E[M | p, q, gamma, z, x] = p (gamma + x z) / (p x + q - 1),
 * a weighted mean of the population mean p gamma / (q - 1) and the customer's own mean. Null when
 * q <= 1 (the population mean does not exist).
 */
export function gammaGammaExpectedSpend(params: GammaGammaParameters, history: SpendHistory): number | null {
  const { p, q, gamma } = params;
  if (!(q > 1)) return null;
  const x = history.x >= 1 && history.meanSpend > 0 ? history.x : 0;
  const mean = x > 0 ? history.meanSpend : 0;
  return (p * (gamma + x * mean)) / (p * x + q - 1);
}
