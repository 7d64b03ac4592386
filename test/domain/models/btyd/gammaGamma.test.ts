import { describe, expect, it } from "vitest";
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood, packSpend, type GammaGammaParameters } from "~/domain/models/btyd/gammaGamma";
import { summariseForBtyd } from "~/domain/models/eventLog";
import { CDNOW_CALIBRATION_END, cdnowEvents, cdnowSummary } from "./cdnowFixture";

/** Fader & Hardie's gamma-gamma fit on CDNOW's 946 repeat buyers. */
const PUBLISHED: GammaGammaParameters = { p: 6.25, q: 3.74, gamma: 15.44 };

describe("gamma-gamma on CDNOW's repeat buyers", () => {
  const spenders = summariseForBtyd(cdnowEvents(), CDNOW_CALIBRATION_END).customers.map((c) => ({ x: c.x, meanSpend: c.meanRepeatSpend ?? 0 }));
  const fit = fitGammaGamma(spenders);

  it("fits the 946 repeat buyers within 1% of p, q, gamma and 0.05 of the log-likelihood", () => {
    expect(fit.customers).toBe(946);
    for (const key of ["p", "q", "gamma"] as const) expect(Math.abs(fit.parameters[key] / PUBLISHED[key] - 1), key).toBeLessThanOrEqual(0.01);
    expect(Math.abs(fit.logLikelihood - -4055.92)).toBeLessThanOrEqual(0.05);
  });

  it("lifetimes' rounded zbar gives the same fit", () => {
    const rounded = fitGammaGamma(cdnowSummary().map((row) => ({ x: row.x, meanSpend: row.zbar })));
    for (const key of ["p", "q", "gamma"] as const) expect(Math.abs(rounded.parameters[key] / PUBLISHED[key] - 1)).toBeLessThanOrEqual(0.01);
  });

  it("has an analytic gradient that matches central differences", () => {
    const data = packSpend(spenders);
    const at = { p: 5, q: 3, gamma: 12 };
    const { gradient } = gammaGammaLogLikelihood(at, data, true);
    (["p", "q", "gamma"] as const).forEach((key, i) => {
      const h = 1e-5 * at[key];
      const numeric = (gammaGammaLogLikelihood({ ...at, [key]: at[key] + h }, data).value - gammaGammaLogLikelihood({ ...at, [key]: at[key] - h }, data).value) / (2 * h);
      expect(Math.abs(gradient[i]! - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
    });
  });

  it("expected spend shrinks a customer's own mean toward the population mean, more so with fewer purchases", () => {
    const p = PUBLISHED;
    const population = (p.p * p.gamma) / (p.q - 1);
    expect(gammaGammaExpectedSpend(p, { x: 0, meanSpend: 0 })).toBeCloseTo(population, 12);
    const few = gammaGammaExpectedSpend(p, { x: 1, meanSpend: 100 })!;
    const many = gammaGammaExpectedSpend(p, { x: 20, meanSpend: 100 })!;
    expect(few).toBeGreaterThan(population);
    expect(many).toBeGreaterThan(few);
    expect(many).toBeLessThan(100);
    // The weights are (q-1)/(px+q-1) on the population mean and px/(px+q-1) on the customer's.
    const weight = (p.p * 20) / (p.p * 20 + p.q - 1);
    expect(many).toBeCloseTo(weight * 100 + (1 - weight) * population, 10);
    expect(gammaGammaExpectedSpend({ ...p, q: 0.9 }, { x: 2, meanSpend: 10 })).toBeNull();
  });

  it("refuses to fit fewer than two repeat buyers", () => {
    expect(() => fitGammaGamma([{ x: 3, meanSpend: 10 }, { x: 0, meanSpend: 0 }])).toThrow(/at least two/);
  });
});
