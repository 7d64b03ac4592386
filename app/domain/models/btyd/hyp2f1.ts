import { addLogNumbers, signedLogGamma, type LogNumber } from "./special";

/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) for real z < 1, returned as sign * e^log so
 * values far beyond double range (2F1 grows like (1 - z)^(c - a - b)) stay usable in likelihoods.
 *
 * Evaluation (Abramowitz & Stegun 15.1.1, 15.3.3-15.3.6):
 * - z < 0: Pfaff's transformation 2F1(a, b; c; z) = (1 - z)^-a 2F1(a, c - b; c; z / (z - 1)) moves
 *   the argument into (0, 1).
 * - c - a - b < 0: Euler's transformation 2F1(a, b; c; z) = (1 - z)^(c-a-b) 2F1(c - a, c - b; c; z),
 *   so that as |z| nears 1 the series' terms decay like n^(a+b-c-1) times z^n instead of growing
 *   polynomially before z^n wins (the slow-convergence case Fader and Hardie warn about).
 * - 0 < z <= 0.99: the power series, rescaled as it goes, stopped when a term is below 1e-17 of the
 *   sum (times 1 - z, a bound on the geometric tail).
 * - z > 0.99: the linear transformation to 1 - z (A&S 15.3.6); when c - a - b is within 1e-6 of an
 *   integer, where that formula's two terms have poles that cancel, Richardson extrapolation of the
 *   symmetric averages at c +/- 1e-4 and c +/- 2e-4 (the function is smooth in c: error O(1e-16)
 *   in the step, about 1e-12 from the cancelling poles).
 * - Cancellation guard: when the two terms of 15.3.6 (or a series' mixed-sign terms) cancel to under
 *   1e-7 of the largest, as happens with parameters in the thousands, the series is summed directly
 *   (up to 50,000 terms; it converges for every z < 1).
 * Anything that still fails to converge comes back as NaN, so an optimizer rejects the point.
 */

const SERIES_Z_LIMIT = 0.99;
const MAX_TERMS = 50_000;
const RELATIVE_TOLERANCE = 1e-17;
const RESCALE = 1e200;
const LOG_RESCALE = Math.log(RESCALE);
const NEAR_INTEGER = 1e-6;
const C_PERTURBATION = 1e-4;
const NOT_A_NUMBER: LogNumber = { log: Number.NaN, sign: 1 };
const CANCELLATION_LOG = Math.log(1e7);
const ONE: LogNumber = { log: 0, sign: 1 };

/** 2F1(a, b; c; z) as a plain number (may overflow to Infinity; prefer hyp2f1Log in likelihoods). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const value = hyp2f1Log(a, b, c, z);
  return value.sign * Math.exp(value.log);
}

/** 2F1(a, b; c; z) as sign * e^log; log is NaN when it cannot be evaluated. */
export function hyp2f1Log(a: number, b: number, c: number, z: number): LogNumber {
  if (![a, b, c, z].every(Number.isFinite) || isPole(c)) return NOT_A_NUMBER;
  if (z === 0 || a === 0 || b === 0) return ONE;
  if (z >= 1) return z === 1 ? atOne(a, b, c) : NOT_A_NUMBER;
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return series(a, b, c, z) ?? NOT_A_NUMBER;
  if (z < 0) {
    const transformed = positiveArgument(a, c - b, c, z / (z - 1));
    return { log: transformed.log - a * Math.log1p(-z), sign: transformed.sign };
  }
  return positiveArgument(a, b, c, z);
}

function positiveArgument(a: number, b: number, c: number, z: number): LogNumber {
  const m = c - a - b;
  if (m < 0) {
    const euler = unitInterval(c - a, c - b, c, z);
    return { log: euler.log + m * Math.log1p(-z), sign: euler.sign };
  }
  return unitInterval(a, b, c, z);
}

function unitInterval(a: number, b: number, c: number, z: number): LogNumber {
  if (z <= SERIES_Z_LIMIT || isNonPositiveInteger(a) || isNonPositiveInteger(b)) {
    const value = series(a, b, c, z);
    if (value) return value;
  }
  const transformed = nearOne(a, b, c, z);
  if (!Number.isNaN(transformed.log)) return transformed;
  // The 1 - z formula lost its digits (large parameters make its two terms cancel): sum the series
  // the long way; it converges for every z < 1, if slowly.
  return series(a, b, c, z) ?? NOT_A_NUMBER;
}

function nearOne(a: number, b: number, c: number, z: number): LogNumber {
  const m = c - a - b;
  if (Math.abs(m - Math.round(m)) < NEAR_INTEGER) {
    // Richardson on the symmetric averages at c +/- h and c +/- 2h: (4 A(h) - A(2h)) / 3 = f(c) + O(h^4).
    const at = (shift: number) => oneMinusZ(a, b, c + shift, z);
    const near = addLogNumbers(at(C_PERTURBATION), at(-C_PERTURBATION));
    const far = addLogNumbers(at(2 * C_PERTURBATION), at(-2 * C_PERTURBATION));
    return addLogNumbers({ log: near.log + Math.log(4 / 6), sign: near.sign }, { log: far.log - Math.log(6), sign: far.sign === 0 ? 0 : far.sign > 0 ? -1 : 1 });
  }
  return oneMinusZ(a, b, c, z);
}

/**
 * A&S 15.3.6: 2F1(a,b;c;z) = G(c)G(m)/(G(c-a)G(c-b)) 2F1(a,b;1-m;1-z)
 *                          + (1-z)^m G(c)G(-m)/(G(a)G(b)) 2F1(c-a,c-b;1+m;1-z),  m = c-a-b not an integer.
 */
function oneMinusZ(a: number, b: number, c: number, z: number): LogNumber {
  const m = c - a - b;
  const w = 1 - z;
  const gc = signedLogGamma(c);
  const first = coefficientTimesSeries([gc, signedLogGamma(m)], [signedLogGamma(c - a), signedLogGamma(c - b)], 0, () => series(a, b, 1 - m, w));
  const second = coefficientTimesSeries([gc, signedLogGamma(-m)], [signedLogGamma(a), signedLogGamma(b)], m * Math.log(w), () => series(c - a, c - b, 1 + m, w));
  if (first === null || second === null) return NOT_A_NUMBER;
  const sum = addLogNumbers(first, second);
  // Opposite signs that cancel to under 1e-7 of the larger term leave too few correct digits.
  if (first.sign * second.sign < 0 && !(sum.log > Math.max(first.log, second.log) - CANCELLATION_LOG)) return NOT_A_NUMBER;
  return sum;
}

function coefficientTimesSeries(numerator: LogNumber[], denominator: LogNumber[], extraLog: number, evaluate: () => LogNumber | null): LogNumber | null {
  if (denominator.some((g) => g.sign === 0)) return { log: -Infinity, sign: 0 };
  const value = evaluate();
  if (value === null) return null;
  let log = extraLog + value.log;
  let sign = value.sign as number;
  for (const g of numerator) {
    log += g.log;
    sign *= g.sign;
  }
  for (const g of denominator) {
    log -= g.log;
    sign *= g.sign;
  }
  return sign === 0 ? { log: -Infinity, sign: 0 } : { log, sign: sign > 0 ? 1 : -1 };
}

/** Gauss: 2F1(a,b;c;1) = G(c)G(c-a-b)/(G(c-a)G(c-b)) when c - a - b > 0. */
function atOne(a: number, b: number, c: number): LogNumber {
  if (!(c - a - b > 0)) return NOT_A_NUMBER;
  return coefficientTimesSeries([signedLogGamma(c), signedLogGamma(c - a - b)], [signedLogGamma(c - a), signedLogGamma(c - b)], 0, () => ONE) ?? NOT_A_NUMBER;
}

/** The power series sum_n (a)_n (b)_n / ((c)_n n!) z^n, rescaled against overflow; null if it does not converge. */
function series(a: number, b: number, c: number, z: number): LogNumber | null {
  if (isPole(c) && !terminatesBefore(a, b, c)) return null;
  let term = 1;
  let sum = 1;
  let logScale = 0;
  const tailFactor = Math.max(1 - Math.abs(z), 1e-12);
  let ratio = ((a * b) / c) * z;
  let largest = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= ratio;
    if (term === 0) return finish(sum, logScale, largest);
    sum += term;
    largest = Math.max(largest, Math.abs(term));
    if (Math.abs(sum) > RESCALE || largest > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      largest /= RESCALE;
      logScale += LOG_RESCALE;
    }
    ratio = (((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z;
    if (Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum) * tailFactor && Math.abs(ratio) < 1) return finish(sum, logScale, largest);
    if (!Number.isFinite(sum)) return null;
  }
  return null;
}

/** The sum as a LogNumber; null when terms of mixed sign cancelled to under 1e-7 of the largest. */
function finish(sum: number, logScale: number, largest: number): LogNumber | null {
  if (Math.abs(sum) < 1e-7 * largest) return null;
  if (sum === 0) return { log: -Infinity, sign: 0 };
  return { log: Math.log(Math.abs(sum)) + logScale, sign: sum > 0 ? 1 : -1 };
}

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

function isPole(c: number): boolean {
  return isNonPositiveInteger(c);
}

/** A series with c a non-positive integer is still finite if a or b cuts it off first. */
function terminatesBefore(a: number, b: number, c: number): boolean {
  return [a, b].some((p) => isNonPositiveInteger(p) && p > c);
}
