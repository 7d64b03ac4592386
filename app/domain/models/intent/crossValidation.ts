import { seededRandom, shuffled } from "./seededRandom";

/**
 * Stratified k-fold assignment: positives and negatives are shuffled separately from the seed and
 * dealt round-robin, so every fold holds the same share of each outcome (to within one row).
 * Returns each row's fold, 0..k-1.
 */
export function stratifiedFolds(labels: readonly boolean[], k: number, seed: number): number[] {
  if (!Number.isInteger(k) || k < 2) throw new Error("cross-validation needs at least 2 folds");
  const random = seededRandom(seed);
  const folds = new Array<number>(labels.length).fill(0);
  const positives: number[] = [];
  const negatives: number[] = [];
  labels.forEach((label, i) => (label ? positives : negatives).push(i));
  if (positives.length < k || negatives.length < k) throw new Error(`each outcome needs at least ${k} rows for ${k} folds`);
  let next = 0;
  for (const group of [positives, negatives]) {
    for (const row of shuffled(group, random)) folds[row] = next++ % k;
  }
  return folds;
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting one half (the Mann-Whitney U statistic over average ranks).
 */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  if (scores.length !== labels.length) throw new Error("one label per score");
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let rankSumPositives = 0;
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) {
      if (labels[order[i] as number]) {
        rankSumPositives += averageRank;
        positives++;
      }
    }
    start = end + 1;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) throw new Error("AUC needs both outcomes");
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export type CrossValidation = { folds: number; aucByFold: number[]; meanAuc: number; pooledAuc: number };

/** Trains on k-1 folds and scores the held-out fold, for every fold; AUC per fold, their mean, and over all held-out scores. */
export function crossValidate<Model>(
  rows: readonly (readonly number[])[],
  labels: readonly boolean[],
  k: number,
  seed: number,
  train: (rows: (readonly number[])[], labels: boolean[]) => Model,
  score: (model: Model, row: readonly number[]) => number,
): CrossValidation {
  const folds = stratifiedFolds(labels, k, seed);
  const heldOut = new Array<number>(rows.length).fill(0);
  const aucByFold: number[] = [];
  for (let fold = 0; fold < k; fold++) {
    const trainRows: (readonly number[])[] = [];
    const trainLabels: boolean[] = [];
    const testIndex: number[] = [];
    folds.forEach((f, i) => {
      if (f === fold) testIndex.push(i);
      else {
        trainRows.push(rows[i] as readonly number[]);
        trainLabels.push(labels[i] as boolean);
      }
    });
    const model = train(trainRows, trainLabels);
    const foldScores = testIndex.map((i) => score(model, rows[i] as readonly number[]));
    testIndex.forEach((i, j) => (heldOut[i] = foldScores[j] as number));
    aucByFold.push(rocAuc(foldScores, testIndex.map((i) => labels[i] as boolean)));
  }
  return { folds: k, aucByFold, meanAuc: aucByFold.reduce((a, b) => a + b, 0) / k, pooledAuc: rocAuc(heldOut, labels) };
}
