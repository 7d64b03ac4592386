import { dimensionSignal, dimensionValue, enabledDimensions, featureLayout, featureRow, type IntentDimension, type IntentSettings } from "./intentDimensions";
import type { IntentSession, IntentSignals } from "./intentSessions";
import { explainPrediction, trainBoostedTrees, type BoostedTrees, type BoostingOptions } from "./gradientBoosting";

/**
 * A session's intent score: the merchant's weighted dimensions, blended with the probability of
 * a purchase from gradient-boosted trees trained on the store's own sessions once there are
 * enough of them. Every score splits into per-dimension contributions that add up to it (plus a
 * baseline), so a decision can say why: the weighted part is weight x signal / total weight; the
 * learned part is each dimension's path attribution in log-odds, carried onto the probability
 * scale by the secant slope of the logistic between the base rate and the prediction.
 */
export type IntentModel = {
  kind: "intent-boosted-trees";
  dimensions: IntentDimension[];
  trees: BoostedTrees;
  trainedOn: { sessions: number; conversions: number; seed: number };
};

export type TrainIntentOptions = { seed: number; minSessions: number; minConversions: number; boosting: Partial<BoostingOptions> };
export const DEFAULT_TRAIN_INTENT: Omit<TrainIntentOptions, "seed"> = { minSessions: 200, minConversions: 20, boosting: {} };

export type TrainIntentResult =
  | { ok: true; model: IntentModel }
  | { ok: false; reason: "no-dimensions" | "too-few-sessions" | "too-few-conversions"; sessions: number; conversions: number };

export function trainIntentModel(
  sessions: readonly IntentSession[],
  settings: IntentSettings,
  options: Pick<TrainIntentOptions, "seed"> & Partial<TrainIntentOptions>,
): TrainIntentResult {
  const { seed, minSessions, minConversions, boosting } = { ...DEFAULT_TRAIN_INTENT, ...options };
  const dimensions = enabledDimensions(settings);
  const conversions = sessions.filter((session) => session.converted).length;
  const counts = { sessions: sessions.length, conversions };
  if (dimensions.length === 0) return { ok: false, reason: "no-dimensions", ...counts };
  if (sessions.length < minSessions) return { ok: false, reason: "too-few-sessions", ...counts };
  if (Math.min(conversions, sessions.length - conversions) < minConversions) return { ok: false, reason: "too-few-conversions", ...counts };
  const layout = featureLayout(dimensions);
  const trees = trainBoostedTrees(
    sessions.map((session) => featureRow(dimensions, session.signals)),
    sessions.map((session) => session.converted),
    layout.names,
    { ...boosting, seed },
  );
  return { ok: true, model: { kind: "intent-boosted-trees", dimensions, trees, trainedOn: { ...counts, seed } } };
}

export type DimensionContribution = {
  dimension: IntentDimension;
  value: number | string | null;
  /** 0-1 signal and the merchant's weight, for the weighted part. */
  signal: number;
  weight: number;
  weightedPart: number;
  /** Log-odds the trees attribute to the dimension (null without a model). */
  learnedLogOdds: number | null;
  learnedPart: number;
  /** (1 - share) x weightedPart + share x learnedPart. */
  contribution: number;
};

export type IntentScore = {
  score: number;
  basis: "weighted" | "blended";
  /** Share of the score from the learned model (0 without one). */
  learnedShare: number;
  /** The part of the score no dimension explains: share x the base purchase rate. */
  baseline: number;
  weightedScore: number;
  learnedProbability: number | null;
  /** Why the learned model was left out, when it was. */
  learnedSkipped: "no-model" | "dimensions-changed" | null;
  /** Largest first. */
  contributions: DimensionContribution[];
};

export function scoreIntent(signals: IntentSignals, settings: IntentSettings, model: IntentModel | null): IntentScore {
  const dimensions = enabledDimensions(settings);
  const totalWeight = dimensions.reduce((sum, dimension) => sum + (settings.weights[dimension] ?? 0), 0);
  const usable = model !== null && sameDimensions(model.dimensions, dimensions);
  const share = usable ? settings.learnedShare : 0;
  const learned = usable ? explainLearned(model, signals) : null;
  const contributions = dimensions.map((dimension): DimensionContribution => {
    const signal = dimensionSignal(dimension, signals, settings);
    const weight = settings.weights[dimension] ?? 0;
    const weightedPart = totalWeight > 0 ? (weight * signal) / totalWeight : 0;
    const learnedLogOdds = learned?.logOdds.get(dimension) ?? null;
    const learnedPart = learned && learnedLogOdds !== null ? learnedLogOdds * learned.slope : 0;
    return { dimension, value: dimensionValue(dimension, signals), signal: round(signal), weight, weightedPart: round(weightedPart), learnedLogOdds: learnedLogOdds === null ? null : round(learnedLogOdds), learnedPart: round(learnedPart), contribution: (1 - share) * weightedPart + share * learnedPart };
  });
  const weightedScore = contributions.reduce((sum, c) => sum + c.weightedPart, 0);
  const baseline = learned ? share * learned.baseProbability : 0;
  const score = (1 - share) * weightedScore + (learned ? share * learned.probability : 0);
  return {
    score: round(score),
    basis: learned ? "blended" : "weighted",
    learnedShare: share,
    baseline: round(baseline),
    weightedScore: round(weightedScore),
    learnedProbability: learned ? round(learned.probability) : null,
    learnedSkipped: model === null ? "no-model" : usable ? null : "dimensions-changed",
    contributions: contributions.map((c) => ({ ...c, contribution: round(c.contribution) })).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.dimension.localeCompare(b.dimension)),
  };
}

/** Scores every session of a list (a visitor's, or a shop's) with the same settings and model. */
export function scoreSessions(sessions: readonly IntentSession[], settings: IntentSettings, model: IntentModel | null): (IntentSession & { intent: IntentScore })[] {
  return sessions.map((session) => ({ ...session, intent: scoreIntent(session.signals, settings, model) }));
}

function explainLearned(model: IntentModel, signals: IntentSignals) {
  const { dimensionOf } = featureLayout(model.dimensions);
  const explanation = explainPrediction(model.trees, featureRow(model.dimensions, signals));
  const logOdds = new Map<IntentDimension, number>();
  explanation.contributions.forEach((value, feature) => {
    const dimension = dimensionOf[feature] as IntentDimension;
    logOdds.set(dimension, (logOdds.get(dimension) ?? 0) + value);
  });
  const baseProbability = logistic(explanation.bias);
  const span = explanation.logOdds - explanation.bias;
  // The secant slope of the logistic from the bias to the prediction: contributions in probability add up exactly.
  const slope = Math.abs(span) > 1e-9 ? (explanation.probability - baseProbability) / span : baseProbability * (1 - baseProbability);
  return { probability: explanation.probability, baseProbability, logOdds, slope };
}

function sameDimensions(a: readonly IntentDimension[], b: readonly IntentDimension[]): boolean {
  return a.length === b.length && a.every((dimension, i) => dimension === b[i]);
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
