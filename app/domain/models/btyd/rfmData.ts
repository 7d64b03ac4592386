/**
 * Customers' calibration histories (x, t_x, T), packed for fast likelihoods: identical histories
 * are merged into one row with a weight (a store's one-time buyers who started on the same day share
 * a row), and each row points at its distinct repeat count, so the gamma-function terms that depend
 * only on x are computed once per distinct x per evaluation. Rows are sorted, so the order customers
 * arrive in does not change a single bit of the fit.
 */

export type Rfm = {
  /** Repeat purchases in calibration (whole number >= 0). */
  x: number;
  /** Time of the last purchase, from the first, in weeks (0 when x = 0). */
  tx: number;
  /** Length of observation from the first purchase, in weeks (T >= t_x). */
  T: number;
};

export type RfmData = {
  rows: number;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** Index of each row's x in distinctX. */
  xIndex: Int32Array;
  distinctX: Float64Array;
  /** Summed weight of the rows with each distinct x. */
  distinctXWeight: Float64Array;
  /** Customers (sum of weights). */
  customers: number;
};

/** Checks and packs histories; throws RangeError naming the first invalid customer (by position). */
export function packRfm(customers: readonly Rfm[]): RfmData {
  const n = customers.length;
  const rawX = new Float64Array(n);
  const rawTx = new Float64Array(n);
  const rawT = new Float64Array(n);
  customers.forEach((customer, position) => {
    const problem = rfmProblem(customer);
    if (problem) throw new RangeError(`customer ${position + 1}: ${problem}`);
    rawX[position] = customer.x;
    rawTx[position] = customer.x === 0 ? 0 : customer.tx;
    rawT[position] = customer.T;
  });
  // Rows in a canonical order (x, then t_x, then T): identical histories become neighbours to merge,
  // and the likelihood sums in the same order however the customers were listed, so the fit comes
  // out bit-identical.
  const order: number[] = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => (rawX[i] ?? 0) - (rawX[j] ?? 0) || (rawTx[i] ?? 0) - (rawTx[j] ?? 0) || (rawT[i] ?? 0) - (rawT[j] ?? 0));
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  for (const i of order) {
    const last = x.length - 1;
    if (last >= 0 && x[last] === rawX[i] && tx[last] === rawTx[i] && T[last] === rawT[i]) weight[last] = (weight[last] ?? 0) + 1;
    else {
      x.push(rawX[i] ?? 0);
      tx.push(rawTx[i] ?? 0);
      T.push(rawT[i] ?? 0);
      weight.push(1);
    }
  }
  const distinct: number[] = [];
  const xIndex = new Int32Array(x.length);
  const distinctXWeight: number[] = [];
  x.forEach((value, row) => {
    if (distinct[distinct.length - 1] !== value) {
      distinct.push(value);
      distinctXWeight.push(0);
    }
    const index = distinct.length - 1;
    xIndex[row] = index;
    distinctXWeight[index] = (distinctXWeight[index] ?? 0) + (weight[row] ?? 0);
  });
  return {
    rows: x.length,
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
    xIndex,
    distinctX: Float64Array.from(distinct),
    distinctXWeight: Float64Array.from(distinctXWeight),
    customers: n,
  };
}

export function rfmProblem(customer: Rfm): string | null {
  const { x, tx, T } = customer;
  if (!(Number.isInteger(x) && x >= 0)) return `x must be a whole number >= 0, got ${x}`;
  if (!(Number.isFinite(T) && T >= 0)) return `T must be a finite number >= 0, got ${T}`;
  if (!(Number.isFinite(tx) && tx >= 0 && tx <= T + 1e-9)) return `t_x must lie in [0, T], got ${tx} with T ${T}`;
  if (x > 0 && tx <= 0) return `a customer with repeat purchases needs t_x > 0, got ${tx}`;
  return null;
}
