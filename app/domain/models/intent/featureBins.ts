/**
 * Histogram binning for tree training: each feature's training values are cut into at most
 * `maxBins` bins at quantiles of its distinct values, so a split search scans bins, not rows.
 * A value goes to the first bin whose upper threshold it does not exceed; a split after bin b
 * sends `x <= thresholds[b]` left, which is how trained trees are evaluated on raw values.
 */
export const MAX_BINS = 255;

/** Per feature, the ascending upper thresholds of every bin but the last. */
export type BinThresholds = number[][];

export function binThresholds(rows: readonly (readonly number[])[], featureCount: number, maxBins = MAX_BINS): BinThresholds {
  if (maxBins < 2 || maxBins > 256) throw new Error("maxBins must be from 2 to 256");
  const thresholds: BinThresholds = [];
  for (let f = 0; f < featureCount; f++) {
    const values = Float64Array.from(rows, (row) => row[f] as number).sort();
    const distinct: number[] = [];
    for (const value of values) if (distinct.length === 0 || value !== distinct[distinct.length - 1]) distinct.push(value);
    const cuts: number[] = [];
    if (distinct.length <= maxBins) {
      for (let i = 1; i < distinct.length; i++) cuts.push(((distinct[i - 1] as number) + (distinct[i] as number)) / 2);
    } else {
      for (let q = 1; q < maxBins; q++) {
        const value = values[Math.ceil((q * values.length) / maxBins) - 1] as number;
        if (value !== cuts[cuts.length - 1] && value < (distinct[distinct.length - 1] as number)) cuts.push(value);
      }
    }
    thresholds.push(cuts);
  }
  return thresholds;
}

/** The bin of `value`: the count of thresholds strictly below it (binary search). */
export function binOf(cuts: readonly number[], value: number): number {
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cuts[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Row-major bin codes: row r's feature f at `r * featureCount + f` (one row's codes sit together). */
export function binRows(rows: readonly (readonly number[])[], thresholds: BinThresholds): Uint8Array {
  const featureCount = thresholds.length;
  const codes = new Uint8Array(rows.length * featureCount);
  rows.forEach((row, r) => thresholds.forEach((cuts, f) => (codes[r * featureCount + f] = binOf(cuts, row[f] as number))));
  return codes;
}
