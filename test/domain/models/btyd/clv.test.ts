import { describe, expect, it } from "vitest";
import { bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive } from "~/domain/models/btyd/bgnbd";
import { scoreCustomer, type BtydModel } from "~/domain/models/btyd/clv";
import { gammaGammaExpectedSpend } from "~/domain/models/btyd/gammaGamma";

const MODEL: BtydModel = { bgNbd: { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 }, gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 } };
const CUSTOMERS = [
  { x: 0, tx: 0, T: 38.86, meanRepeatSpend: null },
  { x: 2, tx: 30.43, T: 38.86, meanRepeatSpend: 22.35 },
  { x: 26, tx: 30.857, T: 31, meanRepeatSpend: 41 },
  { x: 7, tx: 4, T: 38.86, meanRepeatSpend: 15 },
];

describe("pCLV", () => {
  it.each(CUSTOMERS)("without discounting is expected spend x expected purchases over the horizon (%o)", (customer) => {
    const score = scoreCustomer(MODEL, customer, { horizonWeeks: 52, annualDiscountRate: 0 });
    const purchases = bgNbdConditionalExpectedPurchases(MODEL.bgNbd, customer, 52);
    const spend = gammaGammaExpectedSpend(MODEL.gammaGamma!, { x: customer.x, meanSpend: customer.meanRepeatSpend ?? 0 })!;
    expect(score.expectedPurchases).toBeCloseTo(purchases, 12);
    expect(score.discountedPurchases).toBeCloseTo(purchases, 12);
    expect(score.probabilityAlive).toBe(bgNbdProbabilityAlive(MODEL.bgNbd, customer));
    expect(score.expectedSpend).toBeCloseTo(spend, 12);
    expect(score.pclv).toBeCloseTo(spend * purchases, 10);
  });

  it("discounting lowers the value, more at higher rates and longer horizons", () => {
    const customer = CUSTOMERS[2]!;
    const at = (annualDiscountRate: number, horizonWeeks = 104) => scoreCustomer(MODEL, customer, { horizonWeeks, annualDiscountRate }).pclv!;
    expect(at(0.1)).toBeLessThan(at(0));
    expect(at(0.3)).toBeLessThan(at(0.1));
    // Discounting at d a year costs at most the factor of the horizon's end, at least its start.
    expect(at(0.1) / at(0)).toBeGreaterThan(1 / 1.1 ** 2);
    expect(at(0.1, 52)).toBeLessThan(at(0.1, 104));
  });

  it("converges as the discounting step shrinks (monthly steps within 0.5% of daily ones)", () => {
    const settings = { horizonWeeks: 156, annualDiscountRate: 0.15 };
    for (const customer of CUSTOMERS) {
      const monthly = scoreCustomer(MODEL, customer, settings).pclv!;
      const daily = scoreCustomer(MODEL, customer, { ...settings, stepWeeks: 1 / 7 }).pclv!;
      expect(Math.abs(monthly / daily - 1)).toBeLessThan(0.005);
    }
  });

  it("has no spend or pCLV without a spend model, and refuses nonsense settings", () => {
    const score = scoreCustomer({ ...MODEL, gammaGamma: null }, CUSTOMERS[1]!, { horizonWeeks: 52, annualDiscountRate: 0.1 });
    expect(score).toMatchObject({ expectedSpend: null, pclv: null });
    expect(score.expectedPurchases).toBeGreaterThan(0);
    expect(() => scoreCustomer(MODEL, CUSTOMERS[1]!, { horizonWeeks: 0, annualDiscountRate: 0.1 })).toThrow(/horizon/);
    expect(() => scoreCustomer(MODEL, CUSTOMERS[1]!, { horizonWeeks: 52, annualDiscountRate: -0.1 })).toThrow(/discount/);
  });
});
