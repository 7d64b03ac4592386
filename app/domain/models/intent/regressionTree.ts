import type { BinThresholds } from "./featureBins";

/**
 * One regression tree of a gradient-boosted ensemble, grown depth-first on binned features with
 * the second-order (Newton) gain of XGBoost: a node's value is -G / (H + l2) for the sums G, H of
 * the gradients and hessians of its rows, and a split is worth
 * G_L^2/(H_L + l2) + G_R^2/(H_R + l2) - G^2/(H + l2).
 * Histograms are built in one pass over a node's rows; the larger child's histogram is the
 * parent's minus the smaller child's.
 *
 * Every node keeps its value (scaled by the learning rate), leaves and inner nodes alike: a
 * prediction's path from root to leaf then splits the tree's output into per-feature steps (the
 * path attribution of Saabas), which is how scores explain themselves.
 */
export type Tree = {
  /** Split feature per node; -1 marks a leaf. */
  feature: number[];
  /** `x <= threshold` goes left. */
  threshold: number[];
  left: number[];
  right: number[];
  /** The node's output in raw (log-odds) units, learning rate applied. */
  value: number[];
};

export type TreeOptions = {
  maxDepth: number;
  minSamplesLeaf: number;
  minHessianLeaf: number;
  l2: number;
  learningRate: number;
};

const BINS = 256;

type Histogram = { g: Float64Array; h: Float64Array; n: Int32Array };
type Split = { feature: number; bin: number; gain: number };

export function growTree(
  codes: Uint8Array,
  thresholds: BinThresholds,
  gradient: Float64Array,
  hessian: Float64Array,
  rows: Int32Array,
  options: TreeOptions,
): Tree {
  const featureCount = thresholds.length;
  const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };

  const histogram = (subset: Int32Array): Histogram => {
    const hist = { g: new Float64Array(featureCount * BINS), h: new Float64Array(featureCount * BINS), n: new Int32Array(featureCount * BINS) };
    for (let i = 0; i < subset.length; i++) {
      const row = subset[i] as number;
      const g = gradient[row] as number;
      const h = hessian[row] as number;
      const offset = row * featureCount;
      for (let f = 0; f < featureCount; f++) {
        const slot = f * BINS + (codes[offset + f] as number);
        hist.g[slot] = (hist.g[slot] as number) + g;
        hist.h[slot] = (hist.h[slot] as number) + h;
        hist.n[slot] = (hist.n[slot] as number) + 1;
      }
    }
    return hist;
  };

  const subtract = (parent: Histogram, child: Histogram): Histogram => ({
    g: parent.g.map((value, i) => value - (child.g[i] as number)),
    h: parent.h.map((value, i) => value - (child.h[i] as number)),
    n: parent.n.map((value, i) => value - (child.n[i] as number)),
  });

  const bestSplit = (hist: Histogram, count: number, sumG: number, sumH: number): Split | null => {
    const parentScore = (sumG * sumG) / (sumH + options.l2);
    let best: Split | null = null;
    for (let f = 0; f < featureCount; f++) {
      const bins = (thresholds[f] as number[]).length + 1;
      let leftG = 0;
      let leftH = 0;
      let leftN = 0;
      for (let bin = 0; bin < bins - 1; bin++) {
        const slot = f * BINS + bin;
        leftG += hist.g[slot] as number;
        leftH += hist.h[slot] as number;
        leftN += hist.n[slot] as number;
        if (leftN < options.minSamplesLeaf) continue;
        if (count - leftN < options.minSamplesLeaf) break;
        const rightH = sumH - leftH;
        if (leftH < options.minHessianLeaf || rightH < options.minHessianLeaf) continue;
        const rightG = sumG - leftG;
        const gain = (leftG * leftG) / (leftH + options.l2) + (rightG * rightG) / (rightH + options.l2) - parentScore;
        if (gain > 1e-12 && (!best || gain > best.gain)) best = { feature: f, bin, gain };
      }
    }
    return best;
  };

  const grow = (subset: Int32Array, hist: Histogram, depth: number): number => {
    let sumG = 0;
    let sumH = 0;
    for (let i = 0; i < subset.length; i++) {
      sumG += gradient[subset[i] as number] as number;
      sumH += hessian[subset[i] as number] as number;
    }
    const node = tree.value.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push((-sumG / (sumH + options.l2)) * options.learningRate);
    if (depth >= options.maxDepth || subset.length < 2 * options.minSamplesLeaf) return node;
    const split = bestSplit(hist, subset.length, sumG, sumH);
    if (!split) return node;
    const [leftRows, rightRows] = partition(subset, codes, featureCount, split);
    const last = depth + 1 >= options.maxDepth;
    const smallIsLeft = leftRows.length <= rightRows.length;
    const small = last ? null : histogram(smallIsLeft ? leftRows : rightRows);
    const large = small ? subtract(hist, small) : null;
    const leftHist = (smallIsLeft ? small : large) as Histogram;
    const rightHist = (smallIsLeft ? large : small) as Histogram;
    tree.feature[node] = split.feature;
    tree.threshold[node] = (thresholds[split.feature] as number[])[split.bin] as number;
    tree.left[node] = grow(leftRows, leftHist, depth + 1);
    tree.right[node] = grow(rightRows, rightHist, depth + 1);
    return node;
  };

  grow(rows, histogram(rows), 0);
  return tree;
}

function partition(subset: Int32Array, codes: Uint8Array, featureCount: number, split: Split): [Int32Array, Int32Array] {
  let leftCount = 0;
  for (let i = 0; i < subset.length; i++) if ((codes[(subset[i] as number) * featureCount + split.feature] as number) <= split.bin) leftCount++;
  const left = new Int32Array(leftCount);
  const right = new Int32Array(subset.length - leftCount);
  let l = 0;
  let r = 0;
  for (let i = 0; i < subset.length; i++) {
    const row = subset[i] as number;
    if ((codes[row * featureCount + split.feature] as number) <= split.bin) left[l++] = row;
    else right[r++] = row;
  }
  return [left, right];
}

/** The leaf value `row` lands in. */
export function treeOutput(tree: Tree, row: ArrayLike<number>): number {
  let node = 0;
  while ((tree.feature[node] as number) >= 0) {
    node = (row[tree.feature[node] as number] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
  }
  return tree.value[node] as number;
}

/** Adds each split's step along `row`'s path to `contributions[feature]`; returns the root's value. */
export function addPathContributions(tree: Tree, row: ArrayLike<number>, contributions: Float64Array): number {
  let node = 0;
  while ((tree.feature[node] as number) >= 0) {
    const feature = tree.feature[node] as number;
    const next = (row[feature] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
    contributions[feature] = (contributions[feature] as number) + (tree.value[next] as number) - (tree.value[node] as number);
    node = next;
  }
  return tree.value[0] as number;
}
