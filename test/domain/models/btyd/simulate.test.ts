import { describe, expect, it } from "vitest";
import { Random } from "~/demo/generator/random";
import { bgNbdConditionalExpectedPurchases, fitBgNbd } from "~/domain/models/btyd/bgnbd";
import { fitGammaGamma } from "~/domain/models/btyd/gammaGamma";
import { sampleBeta, sampleGamma, simulateBgNbdCustomers } from "~/domain/models/btyd/simulate";

const TRUTH = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
const SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };

describe("simulateBgNbdCustomers", () => {
  it("replays exactly from the random source it is given", () => {
    const run = (seed: string) => {
      const random = new Random(seed);
      return simulateBgNbdCustomers(TRUTH, { customers: 50, calibrationWeeks: 39, cohortWeeks: 12, random: () => random.uniform() });
    };
    expect(run("a")).toEqual(run("a"));
    expect(run("a")).not.toEqual(run("b"));
  });

  it("samples gamma and beta variables with the right means", () => {
    const random = new Random("moments");
    const uniform = () => random.uniform();
    for (const shape of [0.3, 1, 6.25]) {
      let sum = 0;
      for (let i = 0; i < 40_000; i++) sum += sampleGamma(shape, uniform);
      expect(sum / 40_000 / shape).toBeCloseTo(1, 1);
    }
    let beta = 0;
    for (let i = 0; i < 40_000; i++) beta += sampleBeta(0.793, 2.4262, uniform);
    expect(beta / 40_000).toBeCloseTo(0.793 / (0.793 + 2.4262), 2);
  });

  it("fitting 30,000 simulated customers recovers the parameters, and the holdout prediction matches the simulated holdout", () => {
    const random = new Random("recovery");
    const customers = simulateBgNbdCustomers(TRUTH, { customers: 30_000, calibrationWeeks: 39, cohortWeeks: 12, holdoutWeeks: 39, spend: SPEND, random: () => random.uniform() });
    const fit = fitBgNbd(customers);
    for (const key of ["r", "alpha", "a", "b"] as const) expect(Math.abs(fit.parameters[key] / TRUTH[key] - 1), key).toBeLessThan(0.15);
    const predicted = customers.reduce((sum, c) => sum + bgNbdConditionalExpectedPurchases(fit.parameters, c, 39), 0);
    const actual = customers.reduce((sum, c) => sum + (c.holdoutPurchases ?? 0), 0);
    expect(Math.abs(predicted / actual - 1)).toBeLessThan(0.03);
    const spend = fitGammaGamma(customers.map((c) => ({ x: c.x, meanSpend: c.meanRepeatSpend ?? 0 })));
    for (const key of ["p", "q", "gamma"] as const) expect(Math.abs(spend.parameters[key] / SPEND[key] - 1), key).toBeLessThan(0.15);
  });
});
