import { describe, expect, it } from "vitest";
import { bgNbdExpectedPurchases } from "~/domain/models/btyd/bgnbd";
import { analyseBtyd } from "~/domain/models/btyd/report";
import { summariseForBtyd } from "~/domain/models/eventLog";
import { CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, cdnowEvents } from "./cdnowFixture";

/**
 * CDNOW holdout: calibrate on purchases to 1997-09-30 (week 39), predict weeks 40-78 (to 1998-06-30)
 * and compare with the 1,882 repeat purchases that happened.
 *
 * Both models under-predict this holdout by about 12% (BG/NBD 1,653; Pareto/NBD 1,666): CDNOW's
 * cohort bought more in 1998 than a stationary model extrapolates. Fader, Hardie & Lee (2005, fig. 3)
 * show the same shortfall on the cumulative curve; over weeks 1-78 it is about 4%. The band asserted
 * here is therefore 15% for the holdout alone and 5% cumulatively.
 */
describe("CDNOW holdout, weeks 40-78", () => {
  const summary = summariseForBtyd(cdnowEvents(), CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END);
  const report = analyseBtyd(summary, { hasAmount: true });

  it("predicts repeat purchases within 15% of the actual 1,882", () => {
    const holdout = report.holdout!;
    console.log(`CDNOW weeks 40-78 repeat purchases: actual ${holdout.actual}, BG/NBD ${holdout.predicted.bgnbd.toFixed(1)}, Pareto/NBD ${holdout.predicted.paretoNbd.toFixed(1)}`);
    expect(holdout).toMatchObject({ weeks: 39, actual: 1882 });
    expect(Math.abs(holdout.relativeError.bgnbd)).toBeLessThan(0.15);
    expect(Math.abs(holdout.relativeError.paretoNbd)).toBeLessThan(0.15);
    expect(holdout.predicted.bgnbd).toBeCloseTo(1653.4, 0);
  });

  it("tracks cumulative repeat purchases over weeks 1-78 within 5%", () => {
    const params = report.bgnbd.parameters;
    const expected = summary.customers.reduce((sum, c) => sum + bgNbdExpectedPurchases(params, c.T + 39), 0);
    expect(Math.abs(expected / (2457 + 1882) - 1)).toBeLessThan(0.05);
  });

  it("reports all three fits", () => {
    expect(report).toMatchObject({ customers: 2357, repeatPurchases: 2457, gammaGamma: { customers: 946 } });
    expect(report.bgnbd.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(report.paretoNbd.logLikelihood).toBeCloseTo(-9595.0, 0);
  });
});
