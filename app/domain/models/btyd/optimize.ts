/**
 * Deterministic unconstrained minimisation for maximum-likelihood fits on log-parameters.
 *
 * `minimize` runs BFGS (inverse-Hessian updates, backtracking Armijo line search, steps capped so a
 * log-parameter never jumps by more than MAX_STEP) with the objective's own gradient or central
 * differences. If BFGS ends without converging or at a non-finite value, Nelder-Mead with restarts
 * (a fresh simplex around the best point until a restart no longer improves) takes over from the
 * start, and BFGS polishes its answer. No randomness: the same data give the same fit.
 */

export type Objective = {
  /** The value to minimise; a non-finite value marks a point outside the domain. */
  value: (x: Float64Array) => number;
  /** Value and gradient together; when absent, central differences are used. */
  valueAndGradient?: (x: Float64Array) => { value: number; gradient: Float64Array };
};

export type MinimizeOptions = {
  /** Largest absolute gradient component accepted as converged (default 1e-9). */
  gradientTolerance?: number;
  /** BFGS iterations before giving up (default 200). */
  maxIterations?: number;
  /**
   * Points with any |x_i| above this are outside the domain (default 25: on log-parameters, values
   * from 1e-11 to 7e10). Data whose likelihood has its supremum at infinity (every customer buying on
   * the same schedule, say) then ends at the wall, reported as not converged, instead of running on.
   */
  bound?: number;
};

export type MinimizeResult = {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  method: "bfgs" | "nelder-mead+bfgs";
};

const MAX_STEP = 4;
const ARMIJO = 1e-4;
const DIFFERENCE_STEP = 1e-5;
const PREDICTED_DECREASE = 1e-13;

export function minimize(objective: Objective, start: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  let evaluations = 0;
  const bound = options.bound ?? 25;
  const outside = (x: Float64Array) => x.some((v) => !(Math.abs(v) <= bound));
  const counted: Required<Objective> = {
    value: (x) => {
      evaluations++;
      return outside(x) ? Infinity : objective.value(x);
    },
    valueAndGradient: (x) => {
      if (outside(x)) return { value: Infinity, gradient: new Float64Array(x.length) };
      if (objective.valueAndGradient) {
        evaluations++;
        return objective.valueAndGradient(x);
      }
      return centralDifferences((point) => {
        evaluations++;
        return outside(point) ? Infinity : objective.value(point);
      }, x);
    },
  };
  const first = bfgs(counted, Float64Array.from(start), options);
  if (first.converged && Number.isFinite(first.value)) return { ...first, evaluations, method: "bfgs" };

  const simplex = nelderMeadWithRestarts(counted.value, Float64Array.from(start));
  const polished = bfgs(counted, simplex.x, options);
  const best = Number.isFinite(polished.value) && polished.value <= simplex.value ? polished : { ...simplex, converged: false, iterations: polished.iterations };
  const fallback = Number.isFinite(first.value) && first.value < best.value ? first : best;
  return { ...fallback, iterations: first.iterations + simplex.iterations + polished.iterations, evaluations, method: "nelder-mead+bfgs" };
}

function centralDifferences(f: (x: Float64Array) => number, x: Float64Array): { value: number; gradient: Float64Array } {
  const value = f(x);
  const gradient = new Float64Array(x.length);
  const point = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const h = DIFFERENCE_STEP * Math.max(1, Math.abs(x[i] ?? 0));
    const xi = x[i] ?? 0;
    point[i] = xi + h;
    const up = f(point);
    point[i] = xi - h;
    const down = f(point);
    point[i] = xi;
    gradient[i] = (up - down) / (2 * h);
  }
  return { value, gradient };
}

type Run = { x: Float64Array; value: number; iterations: number; converged: boolean };

function bfgs(objective: Required<Objective>, start: Float64Array, options: MinimizeOptions): Run {
  const n = start.length;
  const tolerance = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 200;
  let x: Float64Array = Float64Array.from(start);
  let { value, gradient } = objective.valueAndGradient(x);
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) return { x, value: Infinity, iterations: 0, converged: false };
  let inverseHessian = identity(n);
  let stalled = 0;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (maxAbs(gradient) < tolerance) return { x, value, iterations: iteration - 1, converged: true };
    let direction = multiply(inverseHessian, gradient).map((v) => -v);
    if (dot(direction, gradient) >= 0) {
      inverseHessian = identity(n);
      direction = gradient.map((v) => -v);
    }
    // Converged when the quasi-Newton step promises less than double precision can see in the value.
    if (-dot(direction, gradient) < PREDICTED_DECREASE * Math.max(1, Math.abs(value))) return { x, value, iterations: iteration - 1, converged: true };
    const longest = maxAbs(direction);
    let step = longest > MAX_STEP ? MAX_STEP / longest : 1;
    const slope = dot(direction, gradient);
    let next: { x: Float64Array; value: number; gradient: Float64Array } | null = null;
    for (let tries = 0; tries < 40; tries++, step *= 0.5) {
      const candidate = x.map((v, i) => v + step * (direction[i] ?? 0));
      const evaluated = objective.valueAndGradient(candidate);
      if (Number.isFinite(evaluated.value) && evaluated.value <= value + ARMIJO * step * slope && evaluated.gradient.every(Number.isFinite)) {
        next = { x: candidate, ...evaluated };
        break;
      }
    }
    if (!next) return { x, value, iterations: iteration, converged: maxAbs(gradient) < tolerance * 1e3 };
    const s = next.x.map((v, i) => v - (x[i] ?? 0));
    const y = next.gradient.map((v, i) => v - (gradient[i] ?? 0));
    const improvement = value - next.value;
    x = next.x;
    value = next.value;
    gradient = next.gradient;
    stalled = improvement <= 1e-15 * Math.max(1, Math.abs(value)) ? stalled + 1 : 0;
    if (stalled >= 3) return { x, value, iterations: iteration, converged: maxAbs(gradient) < tolerance * 1e3 };
    const sy = dot(s, y);
    if (sy > 1e-16) {
      if (iteration === 1) inverseHessian = identity(n).map((v) => (v * sy) / dot(y, y));
      inverseHessian = bfgsUpdate(inverseHessian, s, y, sy);
    }
  }
  return { x, value, iterations: maxIterations, converged: maxAbs(gradient) < tolerance };
}

/** H' = (I - rho s y') H (I - rho y s') + rho s s', rho = 1 / (y's); H is row-major n x n. */
function bfgsUpdate(h: Float64Array, s: Float64Array, y: Float64Array, sy: number): Float64Array {
  const n = s.length;
  const rho = 1 / sy;
  const hy = multiply(h, y);
  const yhy = dot(y, hy);
  const updated = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const si = s[i] ?? 0;
      const sj = s[j] ?? 0;
      updated[i * n + j] = (h[i * n + j] ?? 0) - rho * ((hy[i] ?? 0) * sj + si * (hy[j] ?? 0)) + (rho * rho * yhy + rho) * si * sj;
    }
  }
  return updated;
}

/** Nelder-Mead (reflection 1, expansion 2, contraction 0.5, shrink 0.5), restarted around the best point. */
function nelderMeadWithRestarts(f: (x: Float64Array) => number, start: Float64Array): Run {
  let best: Run = { x: start, value: safe(f(start)), iterations: 0, converged: false };
  for (let restart = 0; restart < 4; restart++) {
    const run = nelderMead(f, best.x, restart === 0 ? 0.5 : 0.1);
    const improved = run.value < best.value - 1e-12 * Math.max(1, Math.abs(best.value));
    best = { ...(run.value <= best.value ? run : best), iterations: best.iterations + run.iterations, converged: !improved };
    if (!improved && restart > 0) break;
  }
  return best;
}

function nelderMead(f: (x: Float64Array) => number, start: Float64Array, size: number): Run {
  const n = start.length;
  const points: Array<{ x: Float64Array; value: number }> = [{ x: start, value: safe(f(start)) }];
  for (let i = 0; i < n; i++) {
    const x = Float64Array.from(start);
    x[i] = (x[i] ?? 0) + size;
    points.push({ x, value: safe(f(x)) });
  }
  let iterations = 0;
  for (; iterations < 300 * n; iterations++) {
    points.sort((p, q) => p.value - q.value);
    const bestPoint = points[0];
    const worst = points[n];
    if (!bestPoint || !worst) break;
    if (Math.abs(worst.value - bestPoint.value) <= 1e-13 * Math.max(1, Math.abs(bestPoint.value)) && spread(points) < 1e-9) break;
    const centroid = new Float64Array(n);
    for (let p = 0; p < n; p++) for (let i = 0; i < n; i++) centroid[i] = (centroid[i] ?? 0) + ((points[p]?.x[i] ?? 0) / n);
    const along = (t: number) => centroid.map((c, i) => c + t * (c - (worst.x[i] ?? 0)));
    const reflected = along(1);
    const reflectedValue = safe(f(reflected));
    const secondWorst = points[n - 1]?.value ?? Infinity;
    if (reflectedValue < bestPoint.value) {
      const expanded = along(2);
      const expandedValue = safe(f(expanded));
      points[n] = expandedValue < reflectedValue ? { x: expanded, value: expandedValue } : { x: reflected, value: reflectedValue };
    } else if (reflectedValue < secondWorst) {
      points[n] = { x: reflected, value: reflectedValue };
    } else {
      const contracted = reflectedValue < worst.value ? along(0.5) : along(-0.5);
      const contractedValue = safe(f(contracted));
      if (contractedValue < Math.min(reflectedValue, worst.value)) points[n] = { x: contracted, value: contractedValue };
      else {
        for (let p = 1; p <= n; p++) {
          const point = points[p];
          if (!point) continue;
          const x = point.x.map((v, i) => (bestPoint.x[i] ?? 0) + 0.5 * (v - (bestPoint.x[i] ?? 0)));
          points[p] = { x, value: safe(f(x)) };
        }
      }
    }
  }
  points.sort((p, q) => p.value - q.value);
  const best = points[0] ?? { x: start, value: Infinity };
  return { x: best.x, value: best.value, iterations, converged: true };
}

function spread(points: Array<{ x: Float64Array }>): number {
  const first = points[0]?.x;
  if (!first) return 0;
  let largest = 0;
  for (const point of points) for (let i = 0; i < first.length; i++) largest = Math.max(largest, Math.abs((point.x[i] ?? 0) - (first[i] ?? 0)));
  return largest;
}

function safe(value: number): number {
  return Number.isFinite(value) ? value : Infinity;
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function multiply(m: Float64Array, v: Float64Array): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += (m[i * n + j] ?? 0) * (v[j] ?? 0);
    out[i] = sum;
  }
  return out;
}

function dot(u: Float64Array, v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += (u[i] ?? 0) * (v[i] ?? 0);
  return sum;
}

function maxAbs(v: Float64Array): number {
  let largest = 0;
  for (const value of v) largest = Math.max(largest, Math.abs(value));
  return largest;
}
