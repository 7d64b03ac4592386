import { binRows, binThresholds, MAX_BINS } from "./featureBins";
import { addPathContributions, growTree, treeOutput, type Tree } from "./regressionTree";
import { seededRandom } from "./seededRandom";

/**
 * Gradient-boosted trees for a yes/no outcome (logistic loss), trained from scratch on numeric
 * feature rows: Newton steps per tree, histogram split search, row subsampling without
 * replacement from a seeded source (same rows, labels and seed: the same model). The result is
 * plain JSON, so a shop's fitted model can be cached in ModelFit and reloaded.
 */
export type BoostingOptions = {
  trees: number;
  learningRate: number;
  maxDepth: number;
  minSamplesLeaf: number;
  /** Minimum sum of hessians p(1-p) per leaf: keeps leaves off nearly-pure handfuls of rows. */
  minHessianLeaf: number;
  l2: number;
  /** Share of rows each tree is grown on (1: all). */
  subsample: number;
  maxBins: number;
  seed: number;
};

export const DEFAULT_BOOSTING: BoostingOptions = {
  trees: 200,
  learningRate: 0.05,
  maxDepth: 4,
  minSamplesLeaf: 20,
  minHessianLeaf: 1,
  l2: 1,
  subsample: 0.8,
  maxBins: MAX_BINS,
  seed: 1,
};

export type BoostedTrees = {
  kind: "gradient-boosted-trees";
  featureNames: string[];
  /** Log-odds of the training base rate: the output before any tree. */
  base: number;
  trees: Tree[];
};

export function trainBoostedTrees(
  rows: readonly (readonly number[])[],
  labels: readonly boolean[],
  featureNames: readonly string[],
  options: Partial<BoostingOptions> = {},
): BoostedTrees {
  const settings = { ...DEFAULT_BOOSTING, ...options };
  const n = rows.length;
  if (n === 0 || labels.length !== n) throw new Error("training needs rows and one label per row");
  if (rows.some((row) => row.length !== featureNames.length || row.some((value) => !Number.isFinite(value)))) {
    throw new Error(`every row needs ${featureNames.length} finite feature values`);
  }
  const positives = labels.filter(Boolean).length;
  if (positives === 0 || positives === n) throw new Error("training needs both outcomes among the labels");
  const thresholds = binThresholds(rows, featureNames.length, settings.maxBins);
  const binned = binRows(rows, thresholds);
  const base = Math.log(positives / (n - positives));
  const raw = new Float64Array(n).fill(base);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const random = seededRandom(settings.seed);
  const sampleSize = Math.max(1, Math.round(n * Math.min(1, settings.subsample)));
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const trees: Tree[] = [];
  for (let t = 0; t < settings.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(raw[i] as number)));
      gradient[i] = p - (labels[i] ? 1 : 0);
      hessian[i] = Math.max(p * (1 - p), 1e-12);
    }
    const sample = sampleSize < n ? sampleRows(all, sampleSize, random) : all;
    const tree = growTree(binned, thresholds, gradient, hessian, sample, settings);
    trees.push(tree);
    for (let i = 0; i < n; i++) raw[i] = (raw[i] as number) + treeOutput(tree, rows[i] as readonly number[]);
  }
  return { kind: "gradient-boosted-trees", featureNames: [...featureNames], base, trees };
}

/** Partial Fisher-Yates: `size` distinct rows, returned in ascending order (cache-friendly). */
function sampleRows(all: Int32Array, size: number, random: () => number): Int32Array {
  const pool = Int32Array.from(all);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const swap = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = swap;
  }
  return pool.subarray(0, size).sort();
}

/** The model's log-odds for one row. */
export function predictLogOdds(model: BoostedTrees, row: ArrayLike<number>): number {
  let total = model.base;
  for (const tree of model.trees) total += treeOutput(tree, row);
  return total;
}

export function predictProbability(model: BoostedTrees, row: ArrayLike<number>): number {
  return 1 / (1 + Math.exp(-predictLogOdds(model, row)));
}

export type TreeExplanation = {
  /** Log-odds before any feature is looked at: base rate plus every tree's root value. */
  bias: number;
  /** Per feature, its steps along the row's paths; bias + sum = the row's log-odds. */
  contributions: number[];
  logOdds: number;
  probability: number;
};

export function explainPrediction(model: BoostedTrees, row: ArrayLike<number>): TreeExplanation {
  const contributions = new Float64Array(model.featureNames.length);
  let bias = model.base;
  for (const tree of model.trees) bias += addPathContributions(tree, row, contributions);
  const logOdds = contributions.reduce((sum, value) => sum + value, bias);
  return { bias, contributions: [...contributions], logOdds, probability: 1 / (1 + Math.exp(-logOdds)) };
}
