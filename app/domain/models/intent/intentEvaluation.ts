import { crossValidate, rocAuc, type CrossValidation } from "./crossValidation";
import { DEFAULT_BOOSTING, predictLogOdds, trainBoostedTrees, type BoostingOptions } from "./gradientBoosting";
import type { SessionsTable } from "./sessionsCsv";

/**
 * Cross-validated AUC of the gradient-boosted intent model on a sessions table, with stratified
 * folds from a seeded shuffle (the fold seed also seeds each fold's training), beside the best single
 * feature used raw as a score: how much the trees add over the strongest lone signal.
 */
export type IntentEvaluation = CrossValidation & {
  sessions: number;
  converted: number;
  seed: number;
  model: BoostingOptions;
  bestSingleFeature: { feature: string; auc: number };
};

export function evaluateIntentModel(table: SessionsTable, folds: number, seed: number, boosting: Partial<BoostingOptions> = {}): IntentEvaluation {
  const model = { ...DEFAULT_BOOSTING, ...boosting, seed };
  const result = crossValidate(table.rows, table.labels, folds, seed, (rows, labels) => trainBoostedTrees(rows, labels, table.featureNames, model), predictLogOdds);
  let bestSingleFeature = { feature: "", auc: 0 };
  table.featureNames.forEach((feature, f) => {
    const auc = rocAuc(
      table.rows.map((row) => row[f] as number),
      table.labels,
    );
    const strength = Math.max(auc, 1 - auc);
    if (strength > bestSingleFeature.auc) bestSingleFeature = { feature, auc: strength };
  });
  return {
    ...result,
    sessions: table.rows.length,
    converted: table.labels.filter(Boolean).length,
    seed,
    model,
    bestSingleFeature,
  };
}
