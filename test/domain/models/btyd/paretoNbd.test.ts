import { describe, expect, it } from "vitest";
import { packRfm } from "~/domain/models/btyd/rfmData";
import {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  type ParetoNbdParameters,
} from "~/domain/models/btyd/paretoNbd";
import { logGamma } from "~/domain/models/btyd/special";
import { summariseForBtyd } from "~/domain/models/eventLog";
import { CDNOW_CALIBRATION_END, cdnowEvents } from "./cdnowFixture";

/** Schmittlein, Morrison & Colombo's model on CDNOW weeks 1-39, as reported by Fader, Hardie & Lee. */
const PUBLISHED: ParetoNbdParameters = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

/**
 * The likelihood straight from its integral, with no hypergeometric function:
 * L = E[lambda^x e^-(lambda+mu)T] + E[lambda^x mu int_tx^T e^-(lambda+mu)u du], each expectation over
 * the gamma mixtures in closed form, the integral over u by Simpson's rule in ln(beta + u).
 */
function likelihoodByQuadrature(p: ParetoNbdParameters, x: number, tx: number, T: number): number {
  const lambdaPart = (u: number) => Math.exp(logGamma(p.r + x) - logGamma(p.r) + p.r * Math.log(p.alpha) - (p.r + x) * Math.log(p.alpha + u));
  const alive = lambdaPart(T) * Math.pow(p.beta / (p.beta + T), p.s);
  const integrand = (u: number) => lambdaPart(u) * p.s * Math.pow(p.beta, p.s) * Math.pow(p.beta + u, -(p.s + 1));
  // Substitute u = (beta + t_x) e^w - beta (du = (beta + u) dw): smooth even when beta is tiny.
  const uAt = (w: number) => (p.beta + tx) * Math.exp(w) - p.beta;
  const g = (w: number) => integrand(uAt(w)) * (p.beta + uAt(w));
  const n = 20_000;
  const h = Math.log((p.beta + T) / (p.beta + tx)) / n;
  let sum = g(0) + g(n * h);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * g(i * h);
  return alive + (h / 3) * sum;
}

describe("Pareto/NBD on the CDNOW sample (weeks 1-39)", () => {
  const customers = summariseForBtyd(cdnowEvents(), CDNOW_CALIBRATION_END).customers;
  const fit = fitParetoNbd(customers);

  it("recovers r, alpha, s, beta within 1% and the log-likelihood within 0.1 of the published fit", () => {
    for (const key of ["r", "alpha", "s", "beta"] as const) expect(Math.abs(fit.parameters[key] / PUBLISHED[key] - 1), `${key} = ${fit.parameters[key]}`).toBeLessThanOrEqual(0.01);
    expect(Math.abs(fit.logLikelihood - -9595.0)).toBeLessThanOrEqual(0.1);
    expect(fit.converged).toBe(true);
  });

  it("evaluates the hypergeometric likelihood to match direct integration, on both sides of alpha = beta", () => {
    for (const params of [PUBLISHED, { ...PUBLISHED, alpha: 30, beta: 2 }, { ...PUBLISHED, alpha: 0.5, beta: 40 }, { ...PUBLISHED, alpha: 50, beta: 0.01 }, { r: 27356, alpha: 5445, s: 0.00647, beta: 14 }]) {
      for (const [x, tx, T] of [[0, 0, 38.86], [2, 30.43, 38.86], [14, 20.1, 36.2], [1, 36, 36]] as const) {
        const data = packRfm([{ x, tx, T }]);
        expect(paretoNbdLogLikelihood(params, data)).toBeCloseTo(Math.log(likelihoodByQuadrature(params, x, tx, T)), 8);
      }
    }
  });

  it("P(alive) and conditional expectations behave: in (0, 1], rising with recency, zero horizon gives zero", () => {
    const p = fit.parameters;
    const recent = paretoNbdProbabilityAlive(p, { x: 5, tx: 38, T: 38.86 });
    const lapsed = paretoNbdProbabilityAlive(p, { x: 5, tx: 3, T: 38.86 });
    expect(recent).toBeLessThanOrEqual(1);
    expect(lapsed).toBeLessThan(recent);
    expect(paretoNbdConditionalExpectedPurchases(p, { x: 5, tx: 38, T: 38.86 }, 0)).toBe(0);
    expect(paretoNbdProbabilityAlive(p, { x: 3, tx: 10, T: 10 })).toBeCloseTo(1, 12);
  });

  it("the expected purchases are continuous through s = 1", () => {
    const at = (s: number) => paretoNbdExpectedPurchases({ ...PUBLISHED, s }, 52);
    expect(at(1)).toBeCloseTo((at(1 - 1e-6) + at(1 + 1e-6)) / 2, 8);
  });
});
