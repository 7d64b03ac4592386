import { describe, expect, it } from "vitest";
import { DEFAULT_PRIOR_SPREAD, MAX_PRIOR_SPREAD, MIN_PRIOR_SPREAD, poolCadence, resolveCadencePrior } from "~/domain/models/cadence/cadencePrior";
import { buildMixture, mixtureCdf, summariseMixture } from "~/domain/models/cadence/intervalMixture";
import { DEFAULT_CADENCE } from "~/domain/models/cadence/cadence";
import { normalCdf, normalCdfTabulated } from "~/domain/models/cadence/normal";

describe("normalCdf", () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447461],
    [-1.959963985, 0.025],
    [3, 0.9986501020],
    [-6, 9.865876e-10],
  ])("Phi(%s) = %s", (z, expected) => {
    expect(Math.abs(normalCdf(z) - expected)).toBeLessThan(Math.max(1e-7 * expected, 1e-12) + 1e-8);
  });
});

it("the tabulated normal function stays within 5e-7 of the exact one", () => {
  for (let z = -9; z <= 9; z += 0.0137) expect(Math.abs(normalCdfTabulated(z) - normalCdf(z))).toBeLessThan(5e-7);
});

describe("poolCadence", () => {
  it.each([
    { name: "the median of each buyer's median interval", customers: [[10, 12, 14], [30], [7, 7], [20, 22], [60, 10, 12]], days: 12, count: 5 },
    { name: "one-off buyers (no interval) do not count", customers: [[10], [20], [30], [40], [50], [], []], days: 30, count: 5 },
  ])("$name", ({ customers, days, count }) => {
    expect(poolCadence(customers)).toMatchObject({ days, customers: count });
  });

  it("needs five repeat buyers", () => {
    expect(poolCadence([[10], [20], [30], [40]])).toBeNull();
  });

  it("spread is a robust sd of log intervals, kept within bounds", () => {
    expect(poolCadence([[10], [10], [10], [10], [10]])?.spread).toBe(MIN_PRIOR_SPREAD);
    expect(poolCadence([[1], [1000], [1], [1000], [30]])?.spread).toBe(MAX_PRIOR_SPREAD);
    const spread = poolCadence([[10, 20], [15, 30], [12], [40], [25]])?.spread ?? 0;
    expect(spread).toBeGreaterThan(MIN_PRIOR_SPREAD);
    expect(spread).toBeLessThan(MAX_PRIOR_SPREAD);
  });
});

describe("resolveCadencePrior", () => {
  const pooled = { days: 21, spread: 0.7, customers: 9, intervals: 40 };
  it.each([
    { category: { depletionDays: 30, suggestedDepletionDays: 20 }, units: 1, expected: { source: "merchant", days: 30, spread: 0.7 } },
    { category: { depletionDays: null, suggestedDepletionDays: 20 }, units: 3, expected: { source: "suggested", days: 60, units: 3 } },
    { category: { depletionDays: null, suggestedDepletionDays: null }, units: 3, expected: { source: "pooled", days: 21, units: 1 } },
    { category: null, units: 1, expected: { source: "pooled", days: 21 } },
  ])("$expected.source", ({ category, units, expected }) => {
    expect(resolveCadencePrior(category, pooled, units)).toMatchObject(expected);
  });

  it("without pooled data a timeline gets the default spread, and nothing gives no prior", () => {
    expect(resolveCadencePrior({ depletionDays: 30, suggestedDepletionDays: null }, null)?.spread).toBe(DEFAULT_PRIOR_SPREAD);
    expect(resolveCadencePrior(null, null)).toBeNull();
  });
});

describe("the interval mixture", () => {
  it("its grid summary agrees with the exact distribution function (to the table's 1e-6)", () => {
    const mixture = buildMixture([7, 14, 7, 21, 7], { source: "pooled", days: 12, spread: 0.8, daysPerUnit: 12, units: 1 }, DEFAULT_CADENCE);
    const summary = summariseMixture(mixture, 7, 0.1, 0.9);
    const window = mixtureCdf(mixture, summary.dueInDays + 7.5) - mixtureCdf(mixture, summary.dueInDays - 7.5);
    expect(summary.confidence).toBeCloseTo(window, 6);
    for (let t = 1; t < 60; t++) expect(mixtureCdf(mixture, t + 7.5) - mixtureCdf(mixture, t - 7.5)).toBeLessThanOrEqual(summary.confidence + 1e-6);
    expect(mixtureCdf(mixture, summary.lowerDays + 0.5)).toBeGreaterThanOrEqual(0.1);
    expect(mixtureCdf(mixture, summary.lowerDays - 0.5)).toBeLessThan(0.1);
    expect(mixtureCdf(mixture, summary.upperDays + 0.5)).toBeGreaterThanOrEqual(0.9);
    expect(mixtureCdf(mixture, summary.upperDays - 0.5)).toBeLessThan(0.9);
  });
});
