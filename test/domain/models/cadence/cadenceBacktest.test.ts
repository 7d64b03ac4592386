import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { backtestCadence, DEFAULT_BACKTEST, type BacktestEvent } from "~/domain/models/cadence/cadenceBacktest";
import { parseEventLog } from "~/domain/models/eventLog";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const customer = (id: string, days: number[], category: string | null = null): BacktestEvent[] => days.map((d) => ({ customerId: id, date: day(d), category }));

describe("the evaluation set", () => {
  it.each([
    { name: "each occasion after the first minHistory of its series is predicted once", minHistory: 3, predictions: 3 + 1 + 0, tooEarly: 3 + 3 + 2 },
    { name: "minHistory 1 predicts every occasion but the first", minHistory: 1, predictions: 5 + 3 + 1, tooEarly: 3 },
  ])("$name", ({ minHistory, predictions, tooEarly }) => {
    const events = [...customer("a", [0, 10, 20, 30, 40, 50]), ...customer("b", [0, 20, 40, 60]), ...customer("c", [0, 5])];
    const report = backtestCadence(events, { ...DEFAULT_BACKTEST, minHistory });
    expect(report.evaluation).toMatchObject({ customers: 3, series: 3, occasions: 12, predictions, tooEarlyToPredict: tooEarly, minHistory });
  });

  it("a customer's categories are separate series", () => {
    const events = [...customer("a", [0, 7, 14, 21], "Coffee"), ...customer("a", [0, 30, 60, 90], "Filters")];
    expect(backtestCadence(events).evaluation).toMatchObject({ customers: 1, series: 2, predictions: 2 });
  });

  it("perfectly regular buyers are all hits, and the best fixed window finds their interval", () => {
    const events = ["a", "b", "c"].flatMap((id) => customer(id, [0, 10, 20, 30, 40, 50, 60]));
    const report = backtestCadence(events);
    expect(report.cadence).toMatchObject({ hitRateAll: 1, hitRateAnswered: 1, medianAbsErrorDaysAnswered: 0 });
    expect(report.baselines.bestFixedWindowInHindsight.all).toMatchObject({ windowDays: 3, hitRate: 1 });
    expect(report.baselines.fixedWindow).toMatchObject({ windowDays: 30, all: { hitRate: 0, medianAbsErrorDays: 20 } });
  });

  it("abstentions stay in the set: counted as misses over all, reported with their share", () => {
    const steady = customer("steady", [0, 10, 20, 30, 40]);
    // intervals 60, 5, 120, 30, 150, 90: no two within a fortnight of each other
    const erratic = customer("erratic", [0, 60, 65, 185, 215, 365, 455]);
    const report = backtestCadence([...steady, ...erratic]);
    const { count, share } = report.evaluation.abstained;
    expect(report.evaluation.abstained.byReason).toEqual({ "too-irregular": 3, "too-little-data": 0 });
    expect(share).toBeCloseTo(count / report.evaluation.predictions, 4);
    const answered = report.evaluation.predictions - count;
    expect(report.cadence.hitRateAll).toBeCloseTo((report.cadence.hitRateAnswered * answered) / report.evaluation.predictions, 4);
    expect(report.baselines.fixedWindow.answered.predictions).toBe(answered);
  });

  it("nothing to predict is an error that says why", () => {
    expect(() => backtestCadence(customer("a", [0, 10]))).toThrow(/more than 3 purchase occasions/);
  });
});

describe("on the BTYDplus grocery event log (1,525 customers, 2006-2007)", () => {
  const parsed = parseEventLog(fs.readFileSync("test/fixtures/BTYDplus_groceryElog.csv", "utf8"));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const report = backtestCadence(parsed.events);

  it("predicts every occasion after the third: 7,209 predictions", () => {
    expect(report.evaluation).toMatchObject({ customers: 1525, occasions: 10483, predictions: 7209, tooEarlyToPredict: 3274 });
  });

  it("hits within 7 days at least 62% of the time when it answers, abstaining on under a fifth", () => {
    expect(report.cadence.hitRateAnswered).toBeGreaterThanOrEqual(0.62);
    expect(report.evaluation.abstained.share).toBeLessThan(0.2);
    expect(report.cadence.medianAbsErrorDaysAnswered).toBeLessThanOrEqual(5);
  });

  it("beats both baselines on the same predictions, abstentions counted as misses or left out alike", () => {
    const { fixedWindow, bestFixedWindowInHindsight } = report.baselines;
    expect(fixedWindow.all.hitRate).toBeCloseTo(0.2, 1);
    expect(bestFixedWindowInHindsight.all.hitRate).toBeCloseTo(0.45, 1);
    expect(report.cadence.hitRateAll).toBeGreaterThan(bestFixedWindowInHindsight.all.hitRate + 0.05);
    expect(report.cadence.hitRateAnswered).toBeGreaterThan(bestFixedWindowInHindsight.answered.hitRate + 0.1);
  });

  it("abstains on hard cases, not easy ones: declined due dates would have hit far less often", () => {
    expect(report.cadence.hitRateOfAbstainedHadItAnswered).toBeLessThan(0.3);
  });
});
