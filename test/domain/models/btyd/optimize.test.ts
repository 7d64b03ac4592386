import { describe, expect, it } from "vitest";
import { minimize } from "~/domain/models/btyd/optimize";

const rosenbrock = (x: Float64Array) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;

describe("minimize", () => {
  it("finds Rosenbrock's minimum with central-difference gradients", () => {
    const result = minimize({ value: rosenbrock }, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it("uses the analytic gradient when given, in fewer evaluations", () => {
    const valueAndGradient = (x: Float64Array) => ({
      value: rosenbrock(x),
      gradient: Float64Array.of(-400 * x[0]! * (x[1]! - x[0]! ** 2) - 2 * (1 - x[0]!), 200 * (x[1]! - x[0]! ** 2)),
    });
    const analytic = minimize({ value: rosenbrock, valueAndGradient }, [-1.2, 1]);
    const numeric = minimize({ value: rosenbrock }, [-1.2, 1]);
    expect(analytic.x[0]).toBeCloseTo(1, 6);
    expect(analytic.evaluations).toBeLessThan(numeric.evaluations);
  });

  it("falls back to Nelder-Mead when BFGS cannot start (non-finite gradient), and still converges", () => {
    // |x| has no gradient at the start's kink for the finite differences to use: a NaN there.
    const value = (x: Float64Array) => (x[0] === 0 ? Number.NaN : 0) + (x[0]! - 3) ** 2 + 2 * (x[1]! + 1) ** 2;
    const result = minimize({ value }, [0, 0]);
    expect(result.method).toBe("nelder-mead+bfgs");
    expect(result.x[0]).toBeCloseTo(3, 5);
    expect(result.x[1]).toBeCloseTo(-1, 5);
  });

  it("is deterministic", () => {
    expect(minimize({ value: rosenbrock }, [-1.2, 1])).toEqual(minimize({ value: rosenbrock }, [-1.2, 1]));
  });
});
