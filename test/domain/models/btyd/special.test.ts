import { describe, expect, it } from "vitest";
import { addLogNumbers, digamma, logAddExp, logBeta, logGamma, logSubExp, signedLogGamma } from "~/domain/models/btyd/special";

const EULER_GAMMA = 0.5772156649015329;

describe("logGamma (Lanczos)", () => {
  it.each([1, 2, 3, 5, 10, 20, 50, 100, 170])("equals ln((n-1)!) at n = %i", (n) => {
    let logFactorial = 0;
    for (let k = 2; k < n; k++) logFactorial += Math.log(k);
    expect(Math.abs(logGamma(n) - logFactorial)).toBeLessThan(1e-12 * Math.max(1, logFactorial));
  });

  it.each([
    [0.5, 0.5 * Math.log(Math.PI)],
    [1.5, Math.log(Math.sqrt(Math.PI) / 2)],
    [0.1, 2.252712651734206],
    [1e-8, 18.420680738180209],
    [2.5, Math.log((3 * Math.sqrt(Math.PI)) / 4)],
  ])("ln Gamma(%f) = %f (reflection below 0.5)", (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 12);
  });

  it("matches Stirling's series for large arguments", () => {
    for (const x of [1e3, 1e6, 1e9]) {
      const stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
      expect(Math.abs(logGamma(x) - stirling) / stirling).toBeLessThan(1e-14);
    }
  });

  it("signedLogGamma gives the sign and size for negative non-integers and marks the poles", () => {
    expect(signedLogGamma(-0.5)).toEqual({ log: expect.closeTo(Math.log(2 * Math.sqrt(Math.PI)), 12), sign: -1 });
    expect(signedLogGamma(-1.5)).toEqual({ log: expect.closeTo(Math.log((4 * Math.sqrt(Math.PI)) / 3), 12), sign: 1 });
    expect(signedLogGamma(-2).sign).toBe(0);
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });
});

describe("digamma", () => {
  it.each([
    [1, -EULER_GAMMA],
    [0.5, -EULER_GAMMA - 2 * Math.LN2],
    [2, 1 - EULER_GAMMA],
    [10, 2.251752589066721],
    [-0.5, 0.03648997397857652],
  ])("psi(%f) = %f", (x, expected) => {
    expect(digamma(x)).toBeCloseTo(expected, 13);
  });

  it("is the derivative of logGamma", () => {
    for (const x of [0.03, 0.7, 3.3, 41]) {
      const h = 1e-5 * x;
      expect(digamma(x)).toBeCloseTo((logGamma(x + h) - logGamma(x - h)) / (2 * h), 6);
    }
  });
});

describe("log-space sums", () => {
  it("adds and subtracts without overflow", () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logSubExp(1000, 1000 + Math.log(0.25))).toBeCloseTo(1000 + Math.log(0.75), 12);
    expect(logSubExp(5, 5)).toBe(-Infinity);
    expect(logSubExp(1e-20, 0)).toBeCloseTo(Math.log(1e-20), 6);
    expect(Number.isNaN(logSubExp(1, 2))).toBe(true);
    expect(addLogNumbers({ log: Math.log(3), sign: 1 }, { log: Math.log(5), sign: -1 })).toEqual({ log: expect.closeTo(Math.LN2, 14), sign: -1 });
    expect(addLogNumbers({ log: 7, sign: 1 }, { log: 7, sign: -1 }).sign).toBe(0);
  });
});
