import { hyp2f1Log } from "./hyp2f1";
import { minimize, type MinimizeResult } from "./optimize";
import { type Rfm, type RfmData, packRfm } from "./rfmData";
import { digamma, logAddExp, logGamma } from "./special";

/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"). While alive a customer
 * buys as a Poisson process with rate lambda ~ Gamma(r, alpha); after each purchase they drop out
 * with probability p ~ Beta(a, b). For a history (x, t_x, T), equation (6) of the paper:
 *
 *   L = B(a, b+x)/B(a, b) * Gamma(r+x) alpha^r / Gamma(r) * [ (alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x) ]
 *
 * evaluated in logs, with its analytic gradient (digamma), so BFGS needs one pass over the data per step.
 */

export type BgNbdParameters = { r: number; alpha: number; a: number; b: number };

export type BtydFit<P> = {
  parameters: P;
  logLikelihood: number;
  customers: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  method: MinimizeResult["method"];
};

/** The summed log-likelihood and its gradient with respect to (r, alpha, a, b). */
export function bgNbdLogLikelihood(params: BgNbdParameters, data: RfmData, withGradient = false): { value: number; gradient: Float64Array } {
  const { r, alpha, a, b } = params;
  const gradient = new Float64Array(4);
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return { value: Number.NaN, gradient };
  const nx = data.distinctX.length;
  // Terms that depend on x only, once per distinct x.
  const constant = new Float64Array(nx);
  const logA = Math.log(a);
  const logAlpha = Math.log(alpha);
  const common = logGamma(a + b) - logGamma(b) + r * logAlpha - logGamma(r);
  const dR = new Float64Array(nx);
  const dA = new Float64Array(nx);
  const dB = new Float64Array(nx);
  const psiAB = withGradient ? digamma(a + b) : 0;
  const psiR = withGradient ? digamma(r) : 0;
  const psiB = withGradient ? digamma(b) : 0;
  for (let k = 0; k < nx; k++) {
    const x = data.distinctX[k] ?? 0;
    constant[k] = common + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
    if (withGradient) {
      const psiABX = digamma(a + b + x);
      dR[k] = digamma(r + x) - psiR + logAlpha;
      dA[k] = psiAB - psiABX;
      dB[k] = psiAB - psiB + digamma(b + x) - psiABX;
    }
  }

  let value = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  const rows = data.rows;
  for (let i = 0; i < rows; i++) {
    const x = data.x[i] ?? 0;
    const k = data.xIndex[i] ?? 0;
    const weight = data.weight[i] ?? 0;
    const rx = r + x;
    const logAlphaT = Math.log(alpha + (data.T[i] ?? 0));
    const u = -rx * logAlphaT;
    let logBracket = u;
    let share = 0;
    let logAlphaTx = 0;
    if (x > 0) {
      logAlphaTx = Math.log(alpha + (data.tx[i] ?? 0));
      const v = logA - Math.log(b + x - 1) - rx * logAlphaTx;
      logBracket = logAddExp(u, v);
      share = Math.exp(v - logBracket);
    }
    value += weight * ((constant[k] ?? 0) + logBracket);
    if (withGradient) {
      const alive = 1 - share;
      gR += weight * ((dR[k] ?? 0) - alive * logAlphaT - share * logAlphaTx);
      gAlpha += weight * (r / alpha - rx * (alive / (alpha + (data.T[i] ?? 0)) + share / (alpha + (data.tx[i] ?? 0))));
      gA += weight * ((dA[k] ?? 0) + share / a);
      gB += weight * ((dB[k] ?? 0) - (x > 0 ? share / (b + x - 1) : 0));
    }
  }
  gradient[0] = gR;
  gradient[1] = gAlpha;
  gradient[2] = gA;
  gradient[3] = gB;
  return { value, gradient };
}

/** Maximum-likelihood BG/NBD on log-parameters, BFGS with the analytic gradient. */
export function fitBgNbd(customers: readonly Rfm[] | RfmData, start: BgNbdParameters = { r: 1, alpha: 1, a: 1, b: 1 }): BtydFit<BgNbdParameters> {
  const data = "rows" in customers ? customers : packRfm(customers);
  if (data.customers === 0) throw new RangeError("BG/NBD needs at least one customer");
  const scale = 1 / data.customers;
  const toParams = (theta: Float64Array): BgNbdParameters => ({ r: Math.exp(theta[0] ?? 0), alpha: Math.exp(theta[1] ?? 0), a: Math.exp(theta[2] ?? 0), b: Math.exp(theta[3] ?? 0) });
  const result = minimize(
    {
      value: (theta) => -scale * bgNbdLogLikelihood(toParams(theta), data).value,
      valueAndGradient: (theta) => {
        const params = toParams(theta);
        const { value, gradient } = bgNbdLogLikelihood(params, data, true);
        const chain = [params.r, params.alpha, params.a, params.b];
        return { value: -scale * value, gradient: gradient.map((g, i) => -scale * g * (chain[i] ?? 0)) };
      },
    },
    [start.r, start.alpha, start.a, start.b].map(Math.log),
  );
  const parameters = toParams(result.x);
  return {
    parameters,
    logLikelihood: bgNbdLogLikelihood(parameters, data).value,
    customers: data.customers,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    method: result.method,
  };
}

/** P(alive at T | history) = 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)), FHL (2005) via their note on P(alive). */
export function bgNbdProbabilityAlive(params: BgNbdParameters, customer: Rfm): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = customer;
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return Math.exp(-logAddExp(0, logOdds));
}

/**
 * Expected purchases in the next t weeks given the history, FHL (2005) eq. (10):
 *   E[Y(t) | x, t_x, T] = (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] * P(alive)
 * The bracket is evaluated after Euler's transformation, (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z),
 * whose parameters do not grow with x, so heavy buyers neither overflow nor slow it down (the
 * #NUM! problem of Fader & Hardie's 2013 note).
 */
export function bgNbdConditionalExpectedPurchases(params: BgNbdParameters, customer: Rfm, t: number): number {
  if (t <= 0) return 0;
  const { x, T } = customer;
  return bgNbdExpectedIfAlive(params, x, T, t) * bgNbdProbabilityAlive(params, customer);
}

/** The conditional expectation without its P(alive) factor: expected purchases in (T, T+t] for a customer alive at T. */
export function bgNbdExpectedIfAlive(params: BgNbdParameters, x: number, T: number, t: number): number {
  if (t <= 0) return 0;
  return bgNbdBracket(params, x, t / (params.alpha + T + t));
}

/** Expected purchases of a new customer in (0, t]: (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]. */
export function bgNbdExpectedPurchases(params: BgNbdParameters, t: number): number {
  if (t <= 0) return 0;
  return bgNbdBracket(params, 0, t / (params.alpha + t));
}

/** (a+b+x-1)/(a-1) [1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)], continuous through a = 1. */
function bgNbdBracket(params: BgNbdParameters, x: number, z: number): number {
  const { r, a, b } = params;
  if (Math.abs(a - 1) < 1e-7) {
    // The expression is smooth in a; average the two sides of the removable singularity.
    const h = 1e-5;
    return 0.5 * (bgNbdBracket({ ...params, a: 1 + h }, x, z) + bgNbdBracket({ ...params, a: 1 - h }, x, z));
  }
  const c = a + b + x - 1;
  const f = hyp2f1Log(a + b - 1 - r, a - 1, c, z);
  const powered = f.sign * Math.exp((a - 1) * Math.log1p(-z) + f.log);
  return (c / (a - 1)) * (1 - powered);
}
