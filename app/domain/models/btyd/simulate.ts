import { type BgNbdParameters } from "./bgnbd";
import { type GammaGammaParameters } from "./gammaGamma";
import { type CustomerHistory } from "./clv";

/**
 * Synthetic customers drawn from the BG/NBD process (and, optionally, gamma-gamma spend), for
 * benchmarks and recovery tests. Randomness is passed in: `random` must return uniforms in (0, 1).
 *
 * Each customer's first purchase falls uniformly in the first `cohortWeeks`; lambda ~ Gamma(r, alpha),
 * p ~ Beta(a, b); purchases follow a Poisson process at rate lambda, and after each repeat purchase
 * the customer drops out with probability p. Spend: nu ~ Gamma(q, gamma) per customer, each purchase
 * ~ Gamma(p, nu).
 */

export type SimulationSettings = {
  customers: number;
  calibrationWeeks: number;
  cohortWeeks: number;
  holdoutWeeks?: number;
  spend?: GammaGammaParameters;
  random: () => number;
};

export type SimulatedCustomer = CustomerHistory & { holdoutPurchases: number | null };

export function simulateBgNbdCustomers(params: BgNbdParameters, settings: SimulationSettings): SimulatedCustomer[] {
  const { random } = settings;
  const customers: SimulatedCustomer[] = [];
  const holdout = settings.holdoutWeeks ?? 0;
  for (let i = 0; i < settings.customers; i++) {
    const T = settings.calibrationWeeks - settings.cohortWeeks * random();
    const lambda = sampleGamma(params.r, random) / params.alpha;
    const dropout = sampleBeta(params.a, params.b, random);
    const nu = settings.spend ? sampleGamma(settings.spend.q, random) / settings.spend.gamma : 0;
    let t = 0;
    let x = 0;
    let tx = 0;
    let spend = 0;
    let holdoutPurchases = 0;
    for (;;) {
      t += -Math.log(random()) / lambda;
      if (t > T + holdout) break;
      if (t <= T) {
        x++;
        tx = t;
        if (settings.spend) spend += sampleGamma(settings.spend.p, random) / nu;
      } else holdoutPurchases++;
      if (random() < dropout) break;
    }
    customers.push({
      x,
      tx,
      T,
      meanRepeatSpend: settings.spend && x > 0 ? spend / x : null,
      holdoutPurchases: settings.holdoutWeeks === undefined ? null : holdoutPurchases,
    });
  }
  return customers;
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 via Gamma(shape + 1) * U^(1/shape). */
export function sampleGamma(shape: number, random: () => number): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let normal: number;
    let v: number;
    do {
      normal = standardNormal(random);
      v = 1 + c * normal;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * normal ** 4 || Math.log(u) < 0.5 * normal * normal + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function sampleBeta(a: number, b: number, random: () => number): number {
  const x = sampleGamma(a, random);
  const y = sampleGamma(b, random);
  return x + y > 0 ? x / (x + y) : 0.5;
}

/** Box-Muller, one of the pair. */
function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}
