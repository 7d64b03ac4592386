/**
 * Special functions the BTYD models need, in log space where products of gammas would overflow.
 *
 * - logGamma: Lanczos' approximation (g = 7, nine coefficients, Godfrey's published table), about
 *   15 significant digits for x >= 0.5, with the reflection formula below that.
 * - digamma: the asymptotic series after shifting x above 10 by the recurrence psi(x) = psi(x+1) - 1/x.
 * - signedLogGamma: log |Gamma(x)| and the sign of Gamma(x), for negative non-integer arguments.
 */

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Gamma(x) for x > 0 (NaN for x <= 0; use signedLogGamma there). */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x < 0.5) {
    // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let series = LANCZOS_COEFFICIENTS[0] ?? 1;
  for (let k = 1; k < LANCZOS_COEFFICIENTS.length; k++) series += (LANCZOS_COEFFICIENTS[k] ?? 0) / (z + k);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

/** ln |Gamma(x)| and the sign of Gamma(x); sign 0 at the poles (0, -1, -2, ...), where 1/Gamma is 0. */
export function signedLogGamma(x: number): { log: number; sign: -1 | 0 | 1 } {
  if (x > 0) return { log: logGamma(x), sign: 1 };
  if (Number.isInteger(x)) return { log: Infinity, sign: 0 };
  const sine = Math.sin(Math.PI * x);
  return { log: Math.log(Math.PI / Math.abs(sine)) - logGamma(1 - x), sign: sine > 0 ? 1 : -1 };
}

/** ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** The digamma function psi(x) = d/dx ln Gamma(x). */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) {
    if (Number.isInteger(x)) return Number.NaN;
    // Reflection: psi(1 - x) - psi(x) = pi cot(pi x).
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  const tail = inverse2 * (1 / 12 - inverse2 * (1 / 120 - inverse2 * (1 / 252 - inverse2 * (1 / 240 - inverse2 * (1 / 132)))));
  return shift + Math.log(x) - 0.5 * inverse - tail;
}

/** ln(e^u + e^v), exact when either is -Infinity. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/** ln(e^u - e^v) for u >= v; -Infinity when they are equal, NaN when v > u. */
export function logSubExp(u: number, v: number): number {
  if (v === -Infinity) return u;
  if (v > u) return Number.NaN;
  if (v === u) return -Infinity;
  const d = v - u;
  // ln(1 - e^d): expm1 near 0, log1p far from it (Maechler's rule).
  return u + (d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}

/** A real number held as sign * e^log, so huge or tiny magnitudes survive arithmetic. */
export type LogNumber = { log: number; sign: -1 | 0 | 1 };

export function addLogNumbers(p: LogNumber, q: LogNumber): LogNumber {
  if (p.sign === 0) return q;
  if (q.sign === 0) return p;
  if (p.sign === q.sign) return { log: logAddExp(p.log, q.log), sign: p.sign };
  const [big, small] = p.log >= q.log ? [p, q] : [q, p];
  const log = logSubExp(big.log, small.log);
  return log === -Infinity ? { log, sign: 0 } : { log, sign: big.sign };
}
