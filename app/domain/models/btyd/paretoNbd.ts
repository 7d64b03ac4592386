import { type BtydFit } from "./bgnbd";
import { hyp2f1Log } from "./hyp2f1";
import { minimize } from "./optimize";
import { type Rfm, type RfmData, packRfm } from "./rfmData";
import { logAddExp, logGamma, logSubExp } from "./special";

/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): Poisson purchases at rate lambda ~ Gamma(r, alpha)
 * while alive, an exponential lifetime with rate mu ~ Gamma(s, beta). The likelihood of (x, t_x, T),
 * in the form of Fader & Hardie's note on deriving the Pareto/NBD (2005, eq. 22-23):
 *
 *   L = Gamma(r+x) alpha^r beta^s / Gamma(r) * { (alpha+T)^-(r+x) (beta+T)^-s + s/(r+s+x) A0 }
 *
 *   A0 = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t_x)) / (alpha+t_x)^(r+s+x)
 *      - 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+T))   / (alpha+T)^(r+s+x)       if alpha >= beta
 *   A0 = the same with (beta, r+x) in place of (alpha, s+1)                               if alpha < beta
 *
 * so the argument of 2F1 always lies in [0, 1). Everything is in logs; the difference in A0 uses
 * ln(e^u - e^v). The gradient is taken by central differences.
 */

export type ParetoNbdParameters = { r: number; alpha: number; s: number; beta: number };

/** ln A0 for one history; -Infinity when t_x = T (A0 = 0). */
function logA0(params: ParetoNbdParameters, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const rsx = r + s + x;
  const [scale, b, difference] = alpha >= beta ? [alpha, s + 1, alpha - beta] : [beta, r + x, beta - alpha];
  const at = (t: number) => {
    const f = hyp2f1Log(rsx, b, rsx + 1, difference / (scale + t));
    return f.log - rsx * Math.log(scale + t);
  };
  const upper = at(tx);
  const lower = at(T);
  if (!(upper >= lower)) return Number.isNaN(upper) || Number.isNaN(lower) ? Number.NaN : -Infinity;
  return logSubExp(upper, lower);
}

export function paretoNbdLogLikelihood(params: ParetoNbdParameters, data: RfmData): number {
  const { r, alpha, s, beta } = params;
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0)) return Number.NaN;
  const common = r * Math.log(alpha) + s * Math.log(beta) - logGamma(r);
  const byX = Float64Array.from(data.distinctX, (x) => logGamma(r + x));
  let total = 0;
  for (let i = 0; i < data.rows; i++) {
    const x = data.x[i] ?? 0;
    const T = data.T[i] ?? 0;
    const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    const dead = Math.log(s / (r + s + x)) + logA0(params, x, data.tx[i] ?? 0, T);
    total += (data.weight[i] ?? 0) * ((byX[data.xIndex[i] ?? 0] ?? 0) + common + logAddExp(alive, dead));
  }
  return total;
}

/** Maximum-likelihood Pareto/NBD on log-parameters (BFGS, numeric gradient; Nelder-Mead fallback). */
export function fitParetoNbd(customers: readonly Rfm[] | RfmData, start: ParetoNbdParameters = { r: 1, alpha: 1, s: 1, beta: 1 }): BtydFit<ParetoNbdParameters> {
  const data = "rows" in customers ? customers : packRfm(customers);
  if (data.customers === 0) throw new RangeError("Pareto/NBD needs at least one customer");
  const scale = 1 / data.customers;
  const toParams = (theta: Float64Array): ParetoNbdParameters => ({ r: Math.exp(theta[0] ?? 0), alpha: Math.exp(theta[1] ?? 0), s: Math.exp(theta[2] ?? 0), beta: Math.exp(theta[3] ?? 0) });
  const result = minimize({ value: (theta) => -scale * paretoNbdLogLikelihood(toParams(theta), data) }, [start.r, start.alpha, start.s, start.beta].map(Math.log), { gradientTolerance: 1e-8 });
  const parameters = toParams(result.x);
  return {
    parameters,
    logLikelihood: paretoNbdLogLikelihood(parameters, data),
    customers: data.customers,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    method: result.method,
  };
}

/** P(alive at T | history) = 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0). */
export function paretoNbdProbabilityAlive(params: ParetoNbdParameters, customer: Rfm): number {
  const { r, alpha, s, beta } = params;
  const { x, tx, T } = customer;
  const logOdds = Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + logA0(params, x, tx, T);
  return Math.exp(-logAddExp(0, logOdds));
}

/**
 * Expected purchases in the next t weeks given the history (Fader & Hardie's note, eq. 38):
 *   E[Y(t) | x, t_x, T] = (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive)
 * with the limit (r+x)(beta+T)/(alpha+T) ln((beta+T+t)/(beta+T)) at s = 1.
 */
export function paretoNbdConditionalExpectedPurchases(params: ParetoNbdParameters, customer: Rfm, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = params;
  const { x, T } = customer;
  return ((r + x) / (alpha + T)) * lifetimeIntegral(s, beta + T, t) * paretoNbdProbabilityAlive(params, customer);
}

/** Expected purchases of a new customer in (0, t]: r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]. */
export function paretoNbdExpectedPurchases(params: ParetoNbdParameters, t: number): number {
  if (t <= 0) return 0;
  return (params.r / params.alpha) * lifetimeIntegral(params.s, params.beta, t);
}

/** integral_0^t (b/(b+u))^s du = b/(s-1) [1 - (b/(b+t))^(s-1)], continuous through s = 1. */
function lifetimeIntegral(s: number, b: number, t: number): number {
  const logRatio = Math.log1p(t / b);
  const k = s - 1;
  if (Math.abs(k * logRatio) < 1e-8) return b * logRatio * (1 - (k * logRatio) / 2);
  return (b / k) * -Math.expm1(-k * logRatio);
}
