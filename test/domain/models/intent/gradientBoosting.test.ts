import { describe, expect, it } from "vitest";
import { rocAuc, stratifiedFolds, crossValidate } from "~/domain/models/intent/crossValidation";
import { binOf, binThresholds } from "~/domain/models/intent/featureBins";
import { explainPrediction, predictLogOdds, predictProbability, trainBoostedTrees } from "~/domain/models/intent/gradientBoosting";
import { seededRandom } from "~/domain/models/intent/seededRandom";

/** Rows where the outcome needs both features (an interaction no single split finds), plus noise. */
function interactionData(n: number, seed: number) {
  const random = seededRandom(seed);
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const row = [random(), random(), random()];
    const p = (row[0] as number) > 0.5 === (row[1] as number) > 0.5 ? 0.85 : 0.15;
    rows.push(row);
    labels.push(random() < p);
  }
  return { rows, labels };
}

describe("feature bins", () => {
  it.each([
    { values: [1, 2, 3], maxBins: 255, cuts: [1.5, 2.5] },
    { values: [5, 5, 5], maxBins: 255, cuts: [] },
    { values: [1, 2, 3, 4, 5, 6, 7, 8], maxBins: 4, cuts: [2, 4, 6] },
  ])("$values into at most $maxBins bins", ({ values, maxBins, cuts }) => {
    const [thresholds] = binThresholds(values.map((v) => [v]), 1, maxBins);
    expect(thresholds).toEqual(cuts);
  });

  it.each([
    [0, 0],
    [1.5, 0],
    [1.6, 1],
    [2.5, 1],
    [99, 2],
  ])("value %s falls in bin %s of cuts [1.5, 2.5]", (value, bin) => {
    expect(binOf([1.5, 2.5], value)).toBe(bin);
  });
});

describe("gradient-boosted trees", () => {
  const train = interactionData(2000, 7);
  const test = interactionData(1000, 8);
  const options = { trees: 60, maxDepth: 3, learningRate: 0.1, seed: 3 };

  it("learn an interaction from data: held-out AUC near the best possible", () => {
    const model = trainBoostedTrees(train.rows, train.labels, ["a", "b", "noise"], options);
    const auc = rocAuc(test.rows.map((row) => predictLogOdds(model, row)), test.labels);
    expect(auc).toBeGreaterThan(0.8);
  });

  it("train deterministically from the seed; another seed subsamples other rows", () => {
    const once = trainBoostedTrees(train.rows, train.labels, ["a", "b", "noise"], options);
    expect(JSON.stringify(trainBoostedTrees(train.rows, train.labels, ["a", "b", "noise"], options))).toBe(JSON.stringify(once));
    expect(JSON.stringify(trainBoostedTrees(train.rows, train.labels, ["a", "b", "noise"], { ...options, seed: 4 }))).not.toBe(JSON.stringify(once));
  });

  it("explain each prediction: the bias plus per-feature contributions is the log-odds, and noise explains little", () => {
    const model = trainBoostedTrees(train.rows, train.labels, ["a", "b", "noise"], options);
    let noise = 0;
    let signal = 0;
    for (const row of test.rows.slice(0, 200)) {
      const explanation = explainPrediction(model, row);
      const total = explanation.contributions.reduce((sum, value) => sum + value, explanation.bias);
      expect(total).toBeCloseTo(predictLogOdds(model, row), 9);
      expect(explanation.probability).toBeCloseTo(predictProbability(model, row), 12);
      noise += Math.abs(explanation.contributions[2] as number);
      signal += Math.abs(explanation.contributions[0] as number) + Math.abs(explanation.contributions[1] as number);
    }
    expect(noise).toBeLessThan(signal / 5);
  });

  it.each([
    { name: "no rows", rows: [], labels: [], error: /rows/ },
    { name: "one outcome only", rows: [[1], [2]], labels: [true, true], error: /both outcomes/ },
    { name: "a missing value", rows: [[1], [Number.NaN]], labels: [true, false], error: /finite/ },
  ])("refuse to train on $name", ({ rows, labels, error }) => {
    expect(() => trainBoostedTrees(rows, labels, ["x"])).toThrow(error);
  });
});

describe("AUC and folds", () => {
  it.each([
    { scores: [1, 2, 3, 4], labels: [false, false, true, true], auc: 1 },
    { scores: [4, 3, 2, 1], labels: [false, false, true, true], auc: 0 },
    { scores: [1, 1, 1, 1], labels: [false, true, false, true], auc: 0.5 },
    { scores: [1, 2, 2, 3], labels: [false, true, false, true], auc: 0.875 },
  ])("rocAuc($scores) = $auc", ({ scores, labels, auc }) => {
    expect(rocAuc(scores, labels)).toBeCloseTo(auc, 12);
  });

  it("stratified folds keep each outcome's share in every fold, from a seeded shuffle", () => {
    const labels = Array.from({ length: 103 }, (_, i) => i % 5 === 0);
    const folds = stratifiedFolds(labels, 5, 42);
    for (let f = 0; f < 5; f++) {
      const members = labels.filter((_, i) => folds[i] === f);
      expect(members.length).toBeGreaterThanOrEqual(20);
      expect(members.filter(Boolean).length).toBeGreaterThanOrEqual(4);
      expect(members.filter(Boolean).length).toBeLessThanOrEqual(5);
    }
    expect(stratifiedFolds(labels, 5, 42)).toEqual(folds);
    expect(stratifiedFolds(labels, 5, 43)).not.toEqual(folds);
  });

  it("cross-validation scores each row only by a model that never saw it", () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i]);
    const labels = rows.map((_, i) => i % 2 === 0);
    const seen: number[][] = [];
    crossValidate(rows, labels, 4, 1, (trainRows) => trainRows.map((row) => row[0] as number), (trained, row) => {
      seen.push([row[0] as number, trained.includes(row[0] as number) ? 1 : 0]);
      return 0;
    });
    expect(seen).toHaveLength(40);
    expect(seen.every(([, leaked]) => leaked === 0)).toBe(true);
  });
});
