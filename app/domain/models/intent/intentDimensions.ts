import { z } from "zod";
import type { IntentSignals } from "./intentSessions";
import { TRAFFIC_CHANNELS, type TrafficChannel } from "./trafficChannel";

/**
 * The behavioural dimensions an intent score is built from, which the merchant switches on and
 * weights, and how each reads as a 0-1 signal (for the weighted score) and as model features (for
 * the learned one). Counts saturate (1 - e^(-count/scale): the fifth product view adds less than
 * the first); a recent return visit reads high and fades over a week; channels read from a table
 * the merchant can change.
 */
export const INTENT_DIMENSIONS = ["pageViews", "sessionDepth", "productViews", "addToCarts", "returnVisits", "daysSinceLastVisit", "trafficSource"] as const;
export type IntentDimension = (typeof INTENT_DIMENSIONS)[number];

const Weight = z.number().min(0).max(100);
const Strength = z.number().min(0).max(1);

/** The merchant's choice: a weight per dimension (0 or absent: off), how much the learned model counts, channel strengths. */
export const IntentSettings = z.object({
  weights: z.object(Object.fromEntries(INTENT_DIMENSIONS.map((dimension) => [dimension, Weight.optional()])) as Record<IntentDimension, z.ZodOptional<typeof Weight>>),
  /** 0: the weighted score only; 1: the learned probability only (once a model is trained). */
  learnedShare: Strength,
  channelStrength: z.object(Object.fromEntries(TRAFFIC_CHANNELS.map((channel) => [channel, Strength.optional()])) as Record<TrafficChannel, z.ZodOptional<typeof Strength>>),
});
export type IntentSettings = z.infer<typeof IntentSettings>;

export const DEFAULT_CHANNEL_STRENGTH: Record<TrafficChannel, number> = {
  email: 0.8,
  direct: 0.6,
  "paid-search": 0.6,
  "organic-search": 0.5,
  referral: 0.4,
  "paid-social": 0.3,
  "organic-social": 0.3,
};

export const DEFAULT_INTENT_SETTINGS: IntentSettings = {
  weights: { pageViews: 1, sessionDepth: 1, productViews: 2, addToCarts: 3, returnVisits: 1, daysSinceLastVisit: 1, trafficSource: 1 },
  learnedShare: 0.5,
  channelStrength: {},
};

/** The dimensions switched on, in canonical order. */
export function enabledDimensions(settings: IntentSettings): IntentDimension[] {
  return INTENT_DIMENSIONS.filter((dimension) => (settings.weights[dimension] ?? 0) > 0);
}

const SATURATION: Record<"pageViews" | "sessionDepth" | "productViews" | "addToCarts" | "returnVisits", number> = {
  pageViews: 5,
  sessionDepth: 4,
  productViews: 3,
  addToCarts: 1,
  returnVisits: 2,
};
/** A return visit's signal falls by a factor e every this many days. */
const RETURN_FADE_DAYS = 7;

/** One dimension read as a signal from 0 (no sign of intent) to 1 (strong). */
export function dimensionSignal(dimension: IntentDimension, signals: IntentSignals, settings: IntentSettings): number {
  switch (dimension) {
    case "pageViews":
    case "sessionDepth":
    case "productViews":
    case "addToCarts":
    case "returnVisits":
      return 1 - Math.exp(-signals[dimension] / SATURATION[dimension]);
    case "daysSinceLastVisit":
      return signals.daysSinceLastVisit === null ? 0 : Math.exp(-signals.daysSinceLastVisit / RETURN_FADE_DAYS);
    case "trafficSource":
      return settings.channelStrength[signals.trafficSource] ?? DEFAULT_CHANNEL_STRENGTH[signals.trafficSource];
    default:
      return assertUnreachable(dimension);
  }
}

/** The raw value shown beside a dimension's contribution. */
export function dimensionValue(dimension: IntentDimension, signals: IntentSignals): number | string | null {
  return signals[dimension];
}

/** Model features of the chosen dimensions: one per count, days (-1 on a first visit), one indicator per channel. */
export function featureLayout(dimensions: readonly IntentDimension[]): { names: string[]; dimensionOf: IntentDimension[] } {
  const names: string[] = [];
  const dimensionOf: IntentDimension[] = [];
  for (const dimension of dimensions) {
    const features = dimension === "trafficSource" ? TRAFFIC_CHANNELS.map((channel) => `trafficSource=${channel}`) : [dimension];
    for (const name of features) {
      names.push(name);
      dimensionOf.push(dimension);
    }
  }
  return { names, dimensionOf };
}

export function featureRow(dimensions: readonly IntentDimension[], signals: IntentSignals): number[] {
  return dimensions.flatMap((dimension) => {
    if (dimension === "trafficSource") return TRAFFIC_CHANNELS.map((channel) => (signals.trafficSource === channel ? 1 : 0));
    if (dimension === "daysSinceLastVisit") return [signals.daysSinceLastVisit ?? -1];
    return [signals[dimension]];
  });
}

function assertUnreachable(value: never): never {
  throw new Error(`unexpected dimension ${String(value)}`);
}
