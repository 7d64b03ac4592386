import { describe, expect, it } from "vitest";
import { analyseCadence, DEFAULT_CADENCE, estimateCadence, type CadenceInput, type CadenceResult } from "~/domain/models/cadence/cadence";
import type { PooledCadence } from "~/domain/models/cadence/cadencePrior";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const buys = (...days: number[]) => days.map((d) => ({ at: day(d), quantity: 1 }));
const POOLED: PooledCadence = { days: 40, spread: 0.5, customers: 10, intervals: 30 };

function estimate(purchases: CadenceInput["purchases"], now: number, extra: Partial<CadenceInput> = {}): CadenceResult {
  return estimateCadence({ purchases, category: null, pooled: null, now: day(now), ...extra });
}

describe("when a customer is due in a category", () => {
  it.each([
    { name: "a steady weekly buyer is due a week after the last purchase", purchases: buys(0, 7, 14, 21, 28, 35), now: 36, due: 7, band: [5, 9] },
    { name: "a steady monthly buyer is due a month later", purchases: buys(0, 30, 60, 90, 120), now: 121, due: 30, band: [24, 36] },
    { name: "recent intervals count more: a switch from 30 to 14 days pulls the due date below 30", purchases: buys(0, 30, 60, 90, 120, 134, 148, 162), now: 163, due: 18, band: [12, 33] },
    { name: "split orders within a day are one occasion", purchases: [...buys(0, 10, 20), { at: new Date(day(20).getTime() + 3_600_000), quantity: 1 }], now: 21, due: 10, band: [8, 12] },
  ])("$name", ({ purchases, now, due, band }) => {
    const result = estimate(purchases, now);
    expect(result.kind).toBe("estimate");
    if (result.kind !== "estimate") return;
    expect(result.dueInDays).toBe(due);
    expect([result.band.lowerDays, result.band.upperDays]).toEqual(band);
    expect(result.dueAt.getTime() - result.lastPurchaseAt.getTime()).toBe(due * 86_400_000);
    expect(result.band.from <= result.dueAt && result.dueAt <= result.band.to).toBe(true);
    expect(result.confidence).toBeGreaterThanOrEqual(DEFAULT_CADENCE.minConfidence);
  });

  it("purchases after `now` are not seen (replaying the past gives the past's answer)", () => {
    const replay = estimate(buys(0, 7, 14, 21, 60, 90), 22);
    const then = estimate(buys(0, 7, 14, 21), 22);
    expect(replay).toEqual(then);
  });
});

describe("shrinking toward the category prior", () => {
  it.each([
    { name: "the merchant's days win over the suggestion", category: { depletionDays: 30, suggestedDepletionDays: 10 }, pooled: POOLED, source: "merchant", days: 30 },
    { name: "the suggestion wins over the pooled estimate", category: { depletionDays: null, suggestedDepletionDays: 12 }, pooled: POOLED, source: "suggested", days: 12 },
    { name: "the pooled estimate when the category has no timeline", category: { depletionDays: null, suggestedDepletionDays: null }, pooled: POOLED, source: "pooled", days: 40 },
    { name: "no prior at all leaves the customer's own intervals", category: null, pooled: null, source: null, days: null },
  ])("$name", ({ category, pooled, source, days }) => {
    const result = estimate(buys(0, 20), 21, { category, pooled });
    expect(result.inputs.prior?.source ?? null).toBe(source);
    expect(result.inputs.prior?.days ?? null).toBe(days);
  });

  it("a per-unit timeline scales with the units bought last time; a pooled one does not", () => {
    const twoUnits = [{ at: day(0), quantity: 1 }, { at: day(20), quantity: 2 }];
    expect(estimate(twoUnits, 21, { category: { depletionDays: 30, suggestedDepletionDays: null } }).inputs.prior).toMatchObject({ days: 60, daysPerUnit: 30, units: 2 });
    expect(estimate(twoUnits, 21, { pooled: POOLED }).inputs.prior).toMatchObject({ days: 40, units: 1 });
  });

  it.each([
    { intervals: 1, ownWeight: 0.5 },
    { intervals: 3, ownWeight: 0.718 },
    { intervals: 12, ownWeight: 0.846 },
  ])("with $intervals own interval(s) the customer's share of the prediction is $ownWeight", ({ intervals, ownWeight }) => {
    const purchases = buys(...Array.from({ length: intervals + 1 }, (_, i) => i * 20));
    const result = estimate(purchases, intervals * 20 + 1, { pooled: POOLED });
    expect(result.inputs.ownWeight).toBeCloseTo(ownWeight, 3);
  });

  it("few intervals lean on the prior: the mean and the band's top move toward it, more than with many", () => {
    const few = estimate(buys(0, 20), 21, { pooled: POOLED });
    const many = estimate(buys(0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200), 201, { pooled: POOLED });
    const alone = estimate(buys(0, 20), 21);
    if (few.kind !== "estimate" || many.kind !== "estimate" || alone.kind !== "estimate") throw new Error("expected estimates");
    expect(alone.expectedInDays).toBe(20);
    expect(few.expectedInDays).toBeGreaterThan(28);
    expect(many.expectedInDays).toBeLessThan(25);
    expect(few.band.upperDays).toBeGreaterThan(many.band.upperDays);
  });
});

describe("deviation from the customer's own baseline", () => {
  it.each([
    { now: 36, deviating: false, overdue: 0, scoreAtMost: 0.01 },
    { now: 43, deviating: false, overdue: 0, scoreAtMost: 0.8 },
    { now: 60, deviating: true, overdue: 16, scoreAtMost: 1 },
  ])("a weekly buyer $now days in: deviating $deviating", ({ now, deviating, overdue, scoreAtMost }) => {
    const result = estimate(buys(0, 7, 14, 21, 28, 35), now);
    if (result.kind !== "estimate") throw new Error("expected an estimate");
    expect(result.deviation.daysSinceLastPurchase).toBe(now - 35);
    expect(result.deviation.deviating).toBe(deviating);
    expect(result.deviation.overdueDays).toBe(overdue);
    expect(result.deviation.score).toBeLessThanOrEqual(scoreAtMost);
    if (deviating) expect(result.deviation.score).toBeGreaterThan(0.99);
  });
});

describe("abstaining", () => {
  it.each([
    { name: "no purchase at all", purchases: [], reason: "too-little-data", detail: "no purchases" },
    { name: "one purchase, even with a merchant timeline", purchases: buys(0), reason: "too-little-data", detail: "0 intervals" },
    { name: "buying all over the calendar", purchases: buys(0, 5, 45, 60, 150, 175, 235, 290), reason: "too-irregular", detail: "CV" },
  ])("$name: $reason", ({ purchases, reason, detail }) => {
    const result = estimate(purchases, 300, { category: { depletionDays: 30, suggestedDepletionDays: null } });
    expect(result).toMatchObject({ kind: "abstain", reason });
    if (result.kind === "abstain") expect(result.detail).toContain(detail);
  });

  it("with minIntervals 0 a merchant timeline alone answers for a first-time buyer", () => {
    const result = estimateCadence({ purchases: buys(0), category: { depletionDays: 30, suggestedDepletionDays: null }, pooled: null, now: day(1) }, { ...DEFAULT_CADENCE, minIntervals: 0, minConfidence: 0 });
    expect(result).toMatchObject({ kind: "estimate", inputs: { intervals: 0, ownWeight: 0, prior: { source: "merchant" } } });
  });

  it("a single interval that the prior contradicts is too little data, not irregularity", () => {
    const analysis = analyseCadence([90], { source: "merchant", days: 10, spread: 0.3, daysPerUnit: 10, units: 1 }, { ...DEFAULT_CADENCE, minConfidence: 0.9 });
    expect(analysis.abstention?.reason).toBe("too-little-data");
  });
});

describe("explanation", () => {
  it("returns the inputs it used: interval count, own mean, median and CV, the prior, the weights", () => {
    const result = estimate(buys(0, 10, 30, 40), 41, { pooled: POOLED });
    expect(result.inputs).toEqual({
      intervals: 3,
      // weights 0.5^(2/4), 0.5^(1/4), 1 on intervals 10, 20, 10
      ownMeanDays: 13.3,
      ownMedianDays: 10,
      ownCv: 0.354,
      prior: { source: "pooled", days: 40, spread: 0.5, daysPerUnit: 40, units: 1 },
      ownWeight: 0.718,
      halfLifeIntervals: 4,
      toleranceDays: 7,
    });
  });
});
