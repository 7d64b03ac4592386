import { describe, expect, it } from "vitest";
import { DEFAULT_INTENT_SETTINGS, IntentSettings, type IntentDimension } from "~/domain/models/intent/intentDimensions";
import type { IntentSession, IntentSignals } from "~/domain/models/intent/intentSessions";
import { scoreIntent, trainIntentModel } from "~/domain/models/intent/intentScore";
import { seededRandom } from "~/domain/models/intent/seededRandom";
import { TRAFFIC_CHANNELS } from "~/domain/models/intent/trafficChannel";

const QUIET: IntentSignals = { pageViews: 1, sessionDepth: 1, productViews: 0, addToCarts: 0, returnVisits: 0, daysSinceLastVisit: null, trafficSource: "direct" };
const KEEN: IntentSignals = { pageViews: 9, sessionDepth: 6, productViews: 4, addToCarts: 2, returnVisits: 3, daysSinceLastVisit: 1, trafficSource: "email" };

/** A store whose shoppers buy mostly after adding to cart, a little more from email, regardless of page views. */
function storeSessions(n: number, seed: number): IntentSession[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const addToCarts = random() < 0.3 ? 1 + Math.floor(random() * 3) : 0;
    const trafficSource = TRAFFIC_CHANNELS[Math.floor(random() * TRAFFIC_CHANNELS.length)] ?? "direct";
    const signals: IntentSignals = { pageViews: Math.floor(random() * 12), sessionDepth: Math.floor(random() * 8), productViews: Math.floor(random() * 5), addToCarts, returnVisits: Math.floor(random() * 4), daysSinceLastVisit: random() < 0.5 ? null : Math.floor(random() * 30), trafficSource };
    const p = (addToCarts > 0 ? 0.45 : 0.03) + (trafficSource === "email" ? 0.1 : 0);
    const startedAt = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000);
    return { visitorId: `v${i % 400}`, clientId: `c${i}`, startedAt, endedAt: startedAt, signals, converted: random() < p };
  });
}

const sessions = storeSessions(3000, 11);
const trained = trainIntentModel(sessions, DEFAULT_INTENT_SETTINGS, { seed: 5, boosting: { trees: 80 } });
const model = trained.ok ? trained.model : null;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("the weighted score (no model yet)", () => {
  it.each([
    { name: "a quiet visit", signals: QUIET, below: 0.3 },
    { name: "a keen, returning visit from email", signals: KEEN, above: 0.7 },
  ])("$name", ({ signals, below, above }) => {
    const score = scoreIntent(signals, DEFAULT_INTENT_SETTINGS, null);
    expect(score).toMatchObject({ basis: "weighted", learnedShare: 0, baseline: 0, learnedProbability: null, learnedSkipped: "no-model" });
    if (below !== undefined) expect(score.score).toBeLessThan(below);
    if (above !== undefined) expect(score.score).toBeGreaterThan(above);
    expect(sum(score.contributions.map((c) => c.contribution))).toBeCloseTo(score.score, 3);
  });

  it("weights are the merchant's: a dimension weighted 0 is left out, and weight moves the score", () => {
    const onlyCart = { ...DEFAULT_INTENT_SETTINGS, weights: { addToCarts: 1 } };
    const score = scoreIntent(KEEN, onlyCart, null);
    expect(score.contributions.map((c) => c.dimension)).toEqual(["addToCarts"]);
    expect(score.score).toBeCloseTo(1 - Math.exp(-2), 4);
    const channelsOnly = scoreIntent(KEEN, { ...DEFAULT_INTENT_SETTINGS, weights: { trafficSource: 1 }, channelStrength: { email: 0.2 } }, null);
    expect(channelsOnly.score).toBeCloseTo(0.2, 4);
  });

  it("settings from outside are validated", () => {
    expect(IntentSettings.safeParse({ weights: { addToCarts: -1 }, learnedShare: 0.5, channelStrength: {} }).success).toBe(false);
    expect(IntentSettings.safeParse({ weights: { addToCarts: 2 }, learnedShare: 1.5, channelStrength: {} }).success).toBe(false);
    expect(IntentSettings.safeParse(DEFAULT_INTENT_SETTINGS).success).toBe(true);
  });
});

describe("training on the store's sessions", () => {
  it.each([
    { name: "too few sessions", sessions: sessions.slice(0, 100), settings: DEFAULT_INTENT_SETTINGS, reason: "too-few-sessions" },
    { name: "too few conversions", sessions: sessions.map((s) => ({ ...s, converted: false })), settings: DEFAULT_INTENT_SETTINGS, reason: "too-few-conversions" },
    { name: "no dimension switched on", sessions, settings: { ...DEFAULT_INTENT_SETTINGS, weights: {} }, reason: "no-dimensions" },
  ])("declines with $name", ({ sessions: list, settings, reason }) => {
    expect(trainIntentModel(list, settings, { seed: 1 })).toMatchObject({ ok: false, reason });
  });

  it("is deterministic for a seed", () => {
    const again = trainIntentModel(sessions, DEFAULT_INTENT_SETTINGS, { seed: 5, boosting: { trees: 80 } });
    expect(JSON.stringify(again.ok && again.model)).toBe(JSON.stringify(model));
  });
});

describe("the blended score", () => {
  const learnedOnly = { ...DEFAULT_INTENT_SETTINGS, learnedShare: 1 };

  it("puts what drives purchases in this store first: add-to-cart, not page views", () => {
    const withCart = scoreIntent({ ...QUIET, addToCarts: 2, pageViews: 10 }, learnedOnly, model);
    expect(withCart.contributions[0]?.dimension).toBe("addToCarts");
    expect(withCart.learnedProbability).toBeGreaterThan(0.3);
    const pageViews = withCart.contributions.find((c) => c.dimension === "pageViews");
    expect(Math.abs(pageViews?.contribution ?? 1)).toBeLessThan(withCart.contributions[0]?.contribution ?? 0);
    expect(scoreIntent(QUIET, learnedOnly, model).learnedProbability).toBeLessThan(0.1);
  });

  it.each([0, 0.3, 0.5, 1])("with learned share %s, baseline + contributions = score", (learnedShare) => {
    const settings = { ...DEFAULT_INTENT_SETTINGS, learnedShare };
    for (const signals of [QUIET, KEEN, ...sessions.slice(0, 20).map((s) => s.signals)]) {
      const score = scoreIntent(signals, settings, model);
      expect(score.baseline + sum(score.contributions.map((c) => c.contribution))).toBeCloseTo(score.score, 3);
      expect(score.score).toBeCloseTo((1 - learnedShare) * score.weightedScore + learnedShare * (score.learnedProbability ?? 0), 3);
    }
  });

  it("a model trained on other dimensions than the merchant now chooses is set aside, and says so", () => {
    const weights: Partial<Record<IntentDimension, number>> = { ...DEFAULT_INTENT_SETTINGS.weights, pageViews: 0 };
    const score = scoreIntent(KEEN, { ...DEFAULT_INTENT_SETTINGS, weights }, model);
    expect(score).toMatchObject({ basis: "weighted", learnedSkipped: "dimensions-changed", learnedProbability: null });
  });
});
