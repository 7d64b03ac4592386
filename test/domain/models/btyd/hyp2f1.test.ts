import { describe, expect, it } from "vitest";
import { hyp2f1, hyp2f1Log } from "~/domain/models/btyd/hyp2f1";
import { logGamma } from "~/domain/models/btyd/special";

/** Closed forms of 2F1 (Abramowitz & Stegun 15.1.3-15.1.8) across the whole range z < 1. */
const CLOSED_FORMS: Array<[string, (z: number) => number, (z: number) => number]> = [
  ["2F1(1,1;2;z) = -ln(1-z)/z", (z) => hyp2f1(1, 1, 2, z), (z) => -Math.log1p(-z) / z],
  ["2F1(a,b;b;z) = (1-z)^-a", (z) => hyp2f1(0.37, 2.2, 2.2, z), (z) => Math.pow(1 - z, -0.37)],
  ["2F1(5.3,b;b;z), large growth", (z) => hyp2f1(5.3, 2.2, 2.2, z), (z) => Math.pow(1 - z, -5.3)],
  ["2F1(1/2,1;3/2;-w^2) = atan(w)/w", (z) => hyp2f1(0.5, 1, 1.5, z), (z) => (z < 0 ? Math.atan(Math.sqrt(-z)) / Math.sqrt(-z) : atanhOfRoot(z) / Math.sqrt(z))],
  ["2F1(1/2,1/2;3/2;w^2) = asin(w)/w", (z) => hyp2f1(0.5, 0.5, 1.5, z), (z) => (z > 0 ? Math.asin(Math.sqrt(z)) / Math.sqrt(z) : Math.asinh(Math.sqrt(-z)) / Math.sqrt(-z))],
];
/** atanh(sqrt(z)) = ln((1 + sqrt z)^2 / (1 - z)) / 2, accurate as z -> 1 (1 - z is exact there). */
const atanhOfRoot = (z: number) => 0.5 * Math.log((1 + Math.sqrt(z)) ** 2 / (1 - z));
const ARGUMENTS = [-1e4, -50, -2, -0.9, -0.3, 0.01, 0.3, 0.6, 0.9, 0.99, 0.995, 0.9999, 1 - 1e-8];

describe("hyp2f1", () => {
  for (const [name, evaluate, exact] of CLOSED_FORMS) {
    it.each(ARGUMENTS)(`${name} at z = %f`, (z) => {
      expect(Math.abs(evaluate(z) / exact(z) - 1)).toBeLessThan(1e-10);
    });
  }

  it("is 1 at z = 0 and a polynomial when a is a non-positive integer", () => {
    expect(hyp2f1(3.3, 4.4, 5.5, 0)).toBe(1);
    // 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z^2/(c(c+1))
    const [b, c, z] = [1.7, 2.9, 0.8];
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 14);
  });

  it("meets Gauss's sum at z = 1 and approaches it from below", () => {
    const [a, b, c] = [0.4, 0.7, 2.3];
    const gauss = Math.exp(logGamma(c) + logGamma(c - a - b) - logGamma(c - a) - logGamma(c - b));
    expect(hyp2f1(a, b, c, 1)).toBeCloseTo(gauss, 12);
    expect(hyp2f1(a, b, c, 1 - 1e-12)).toBeCloseTo(gauss, 8);
  });

  it("keeps values beyond double range in log space", () => {
    // 2F1(a, b; b; z) = (1-z)^-a with a = 400 at z = 0.99: 10^800.
    const value = hyp2f1Log(400, 3, 3, 0.99);
    expect(value.sign).toBe(1);
    expect(value.log / (400 * Math.log(100)) - 1).toBeLessThan(1e-12);
  });

  it("agrees with numerical integration of Euler's integral where no closed form exists", () => {
    // 2F1(a,b;c;z) = Gamma(c)/(Gamma(b)Gamma(c-b)) int_0^1 t^(b-1) (1-t)^(c-b-1) (1-zt)^-a dt, c > b > 0.
    for (const [a, b, c, z] of [[2.7, 1.3, 3.1, 0.97], [0.553 + 0.606 + 5, 1.606, 0.553 + 0.606 + 6, 0.4], [12.5, 2.5, 3.5, -7]] as const) {
      const n = 200_000;
      let integral = 0;
      for (let i = 0; i < n; i++) {
        const t = (i + 0.5) / n; // midpoint rule; integrand is smooth here (b >= 1, c - b >= 1)
        integral += Math.pow(t, b - 1) * Math.pow(1 - t, c - b - 1) * Math.pow(1 - z * t, -a);
      }
      integral *= Math.exp(logGamma(c) - logGamma(b) - logGamma(c - b)) / n;
      expect(Math.abs(hyp2f1(a, b, c, z) / integral - 1)).toBeLessThan(1e-7);
    }
  });

  it("stays right near z = 1 with parameters in the tens of thousands, where the 1 - z formula cancels", () => {
    // Pareto/NBD's 2F1(r+s+x, s+1; r+s+x+1; z) at a fit where r ran to 27,356: sum the series by brute force.
    const [a, b, c, z] = [27386.32, 1.0064689, 27387.32, 0.9904237673];
    let term = 1;
    let sum = 1;
    for (let n = 0; n < 20_000; n++) {
      term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
      sum += term;
    }
    expect(hyp2f1(a, b, c, z) / sum - 1).toBeCloseTo(0, 10);
  });

  it("returns NaN instead of a wrong number outside its domain", () => {
    expect(Number.isNaN(hyp2f1(1, 1, 2, 1.5))).toBe(true);
    expect(Number.isNaN(hyp2f1(1, 1, -3, 0.5))).toBe(true);
    expect(Number.isNaN(hyp2f1(1, 1, 1.5, 1))).toBe(true);
  });
});
