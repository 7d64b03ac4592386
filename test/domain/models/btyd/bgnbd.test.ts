import { describe, expect, it } from "vitest";
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  fitBgNbd,
  type BgNbdParameters,
} from "~/domain/models/btyd/bgnbd";
import { packRfm } from "~/domain/models/btyd/rfmData";
import { summariseForBtyd } from "~/domain/models/eventLog";
import { CDNOW_CALIBRATION_END, cdnowEvents, cdnowSummary } from "./cdnowFixture";

/** Fader, Hardie & Lee (2005) via the R package BTYD: CDNOW weeks 1-39. */
const PUBLISHED: BgNbdParameters = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
const PUBLISHED_LL = -9582.429;

const withinShare = (actual: number, expected: number, share: number) => Math.abs(actual / expected - 1) <= share;

describe("BG/NBD on the CDNOW sample (weeks 1-39)", () => {
  const fromRaw = summariseForBtyd(cdnowEvents(), CDNOW_CALIBRATION_END).customers;
  const fit = fitBgNbd(fromRaw);

  it("recovers r, alpha, a, b within 0.5% and the log-likelihood within 0.05 of the published fit", () => {
    for (const key of ["r", "alpha", "a", "b"] as const) expect(withinShare(fit.parameters[key], PUBLISHED[key], 0.005), `${key} = ${fit.parameters[key]}`).toBe(true);
    expect(Math.abs(fit.logLikelihood - PUBLISHED_LL)).toBeLessThanOrEqual(0.05);
    expect(fit).toMatchObject({ converged: true, method: "bfgs", customers: 2357 });
  });

  it("fits lifetimes' rounded summary to the same answer", () => {
    const summaryFit = fitBgNbd(cdnowSummary());
    for (const key of ["r", "alpha", "a", "b"] as const) expect(withinShare(summaryFit.parameters[key], PUBLISHED[key], 0.005)).toBe(true);
    expect(Math.abs(summaryFit.logLikelihood - PUBLISHED_LL)).toBeLessThan(0.05);
  });

  it("is deterministic: the same data, in any order, give bit-identical parameters", () => {
    expect(fitBgNbd(fromRaw).parameters).toEqual(fit.parameters);
    expect(fitBgNbd([...fromRaw].reverse()).parameters).toEqual(fit.parameters);
  });

  it("gives the published conditional expectations and P(alive) to 3 significant figures", () => {
    const heavy = { x: 26, tx: 30.857, T: 31 };
    const threeFigures = (value: number) => Number(value.toPrecision(3));
    expect(threeFigures(bgNbdConditionalExpectedPurchases(fit.parameters, heavy, 52))).toBe(threeFigures(25.75659));
    expect(threeFigures(bgNbdProbabilityAlive(fit.parameters, heavy))).toBe(threeFigures(0.9688523));
    expect(threeFigures(bgNbdConditionalExpectedPurchases(fit.parameters, { x: 2, tx: 30.43, T: 38.86 }, 39))).toBe(1.23);
    // With the published parameters the figures agree to five or more.
    expect(bgNbdConditionalExpectedPurchases(PUBLISHED, heavy, 52)).toBeCloseTo(25.7566, 3);
    expect(bgNbdProbabilityAlive(PUBLISHED, heavy)).toBeCloseTo(0.96885, 5);
    expect(bgNbdConditionalExpectedPurchases(PUBLISHED, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
  });

  it("has an analytic gradient that matches central differences", () => {
    const data = packRfm(fromRaw);
    const at: BgNbdParameters = { r: 0.3, alpha: 5, a: 0.6, b: 2 };
    const { gradient } = bgNbdLogLikelihood(at, data, true);
    (["r", "alpha", "a", "b"] as const).forEach((key, i) => {
      const h = 1e-5 * at[key];
      const numeric = (bgNbdLogLikelihood({ ...at, [key]: at[key] + h }, data).value - bgNbdLogLikelihood({ ...at, [key]: at[key] - h }, data).value) / (2 * h);
      expect(Math.abs(gradient[i]! - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
    });
  });
});

describe("BG/NBD expressions", () => {
  const params: BgNbdParameters = { r: 0.5, alpha: 6, a: 1.3, b: 3.1 };

  it("P(alive) is 1 without repeat purchases and falls as the silence since the last purchase grows", () => {
    expect(bgNbdProbabilityAlive(params, { x: 0, tx: 0, T: 40 })).toBe(1);
    const recent = bgNbdProbabilityAlive(params, { x: 4, tx: 38, T: 40 });
    const silent = bgNbdProbabilityAlive(params, { x: 4, tx: 5, T: 40 });
    expect(recent).toBeGreaterThan(silent);
    expect(silent).toBeGreaterThan(0);
  });

  it("the conditional expectation of a customer with no history at T = 0 is the unconditional expectation", () => {
    for (const t of [1, 10, 52, 520]) expect(bgNbdConditionalExpectedPurchases(params, { x: 0, tx: 0, T: 0 }, t)).toBeCloseTo(bgNbdExpectedPurchases(params, t), 10);
  });

  it("E[X(t)] agrees with summing the likelihood's process: derivative at 0 is the mean rate r/alpha", () => {
    const h = 1e-6;
    expect(bgNbdExpectedPurchases(params, h) / h).toBeCloseTo(params.r / params.alpha, 5);
  });

  it("is continuous through a = 1, where (a+b+x-1)/(a-1) has a removable singularity", () => {
    const customer = { x: 3, tx: 20, T: 30 };
    const at = (a: number) => bgNbdConditionalExpectedPurchases({ ...params, a }, customer, 26);
    expect(at(1)).toBeCloseTo((at(1 - 1e-4) + at(1 + 1e-4)) / 2, 6);
    expect(Number.isFinite(at(1))).toBe(true);
  });

  it("stays finite for heavy buyers (the #NUM! case: large x)", () => {
    const value = bgNbdConditionalExpectedPurchases(params, { x: 400, tx: 51.9, T: 52 }, 52);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(100);
  });
});
