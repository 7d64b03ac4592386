import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { Random } from "~/demo/generator/random";
import { estimateCadence, type CadenceResult } from "~/domain/models/cadence/cadence";
import { poolCadence } from "~/domain/models/cadence/cadencePrior";
import { categoryHistories, type PurchasedLine } from "~/domain/profiles/categoryHistory";
import { DEFAULT_INTENT_SETTINGS } from "~/domain/models/intent/intentDimensions";
import type { IntentSession, IntentSignals } from "~/domain/models/intent/intentSessions";
import { scoreIntent, trainIntentModel, type IntentScore } from "~/domain/models/intent/intentScore";
import { TRAFFIC_CHANNELS } from "~/domain/models/intent/trafficChannel";
import { bestOf, type Benchmark, type Figure } from "./benchmark";

const CUSTOMERS = 100_000;
const DAY = 86_400_000;
const NOW = new Date("2026-11-25T12:00:00Z");

/**
 * Cadence and intent scoring speed and memory, one thread, on 100,000 generated customers (seeded).
 * - cadence: one category each, 2-16 purchases around a personal interval (log-normal across
 *   customers, 20% jitter), with the category's pooled prior; beside the profile's run-out estimate
 *   (median interval, categoryHistories) on the same purchases.
 * - intent: the latest session of each customer, scored with a 200-tree model trained on 5,000
 *   generated sessions (weighted + learned, with contributions); beside the weighted score alone.
 * - memory: heap held by the 100,000 results (after a forced GC) beside the heap held by their inputs.
 */
export const cadenceIntentBenchmark: Benchmark = {
  name: "cadence and intent scoring",
  run: async () => {
    const gc = exposeGc();
    const figures: Figure[] = [];
    const perSecond = (ms: number) => Math.round(CUSTOMERS / (ms / 1000));

    const heapBeforeInput = heapMb(gc);
    const histories = generatePurchases(CUSTOMERS, new Random("cadence-bench"));
    const inputMb = heapMb(gc) - heapBeforeInput;
    const pooled = poolCadence(histories.map((purchases) => purchases.slice(1).map((p, i) => (p.at.getTime() - (purchases[i] as { at: Date }).at.getTime()) / DAY)));
    const cadenceMs = await bestOf(2, () => histories.map((purchases) => estimateCadence({ purchases, category: null, pooled, now: NOW })));
    const lines: PurchasedLine[][] = histories.map((purchases) => purchases.map((p, i) => ({ orderId: String(i), orderedAt: p.at, categoryPath: "Coffee", productId: "p", title: "Coffee", quantity: 1, priceMinor: 900, discountMinor: 0 })));
    const ruleMs = await bestOf(3, () => lines.map((customer) => categoryHistories(customer, () => pooled?.days ?? null, NOW)));
    lines.length = 0;
    const heapBeforeResults = heapMb(gc);
    const cadences: CadenceResult[] = histories.map((purchases) => estimateCadence({ purchases, category: null, pooled, now: NOW }));
    const resultsMb = heapMb(gc) - heapBeforeResults;
    const answered = cadences.filter((c) => c.kind === "estimate").length;
    cadences.length = 0;
    figures.push({ name: `cadence estimate (due date, band, deviation; ${Math.round((100 * answered) / CUSTOMERS)}% answered)`, unit: "customers/s", value: perSecond(cadenceMs), baseline: { name: "profile run-out (median interval)", value: perSecond(ruleMs) }, better: "higher" });
    figures.push({ name: "cadence: heap held by 100,000 results", unit: "MB", value: resultsMb, baseline: { name: "their purchase histories (input)", value: inputMb }, better: "lower" });
    histories.length = 0;

    const random = new Random("intent-bench");
    const training = Array.from({ length: 5_000 }, (_, i) => trainingSession(random, i));
    const trained = trainIntentModel(training, DEFAULT_INTENT_SETTINGS, { seed: 1 });
    if (!trained.ok) throw new Error(`intent model did not train: ${trained.reason}`);
    const heapBeforeSignals = heapMb(gc);
    const latest = Array.from({ length: CUSTOMERS }, () => randomSignals(random));
    const signalsMb = heapMb(gc) - heapBeforeSignals;
    const blendedMs = await bestOf(2, () => latest.map((signals) => scoreIntent(signals, DEFAULT_INTENT_SETTINGS, trained.model)));
    const weightedMs = await bestOf(3, () => latest.map((signals) => scoreIntent(signals, DEFAULT_INTENT_SETTINGS, null)));
    figures.push({ name: "intent score (weighted + 200-tree model, per-dimension contributions)", unit: "customers/s", value: perSecond(blendedMs), baseline: { name: "weighted score alone", value: perSecond(weightedMs) }, better: "higher" });
    const heapBeforeScores = heapMb(gc);
    const scores: IntentScore[] = latest.map((signals) => scoreIntent(signals, DEFAULT_INTENT_SETTINGS, trained.model));
    const scoresMb = heapMb(gc) - heapBeforeScores;
    scores.length = 0;
    figures.push({ name: "intent: heap held by 100,000 scores (with contributions)", unit: "MB", value: scoresMb, baseline: { name: "their session signals (input)", value: signalsMb }, better: "lower" });
    return figures;
  },
};

function generatePurchases(customers: number, random: Random): { at: Date; quantity: number }[][] {
  return Array.from({ length: customers }, () => {
    const interval = 30 * Math.exp(0.6 * normal(random));
    const count = random.int(2, 16);
    let at = NOW.getTime() - count * interval * DAY * 1.1;
    return Array.from({ length: count }, () => {
      const purchase = { at: new Date(at), quantity: 1 };
      at += Math.max(1, interval * (1 + 0.2 * normal(random))) * DAY;
      return purchase;
    });
  });
}

function randomSignals(random: Random): IntentSignals {
  return {
    pageViews: random.int(0, 15),
    sessionDepth: random.int(0, 10),
    productViews: random.int(0, 6),
    addToCarts: random.chance(0.25) ? random.int(1, 3) : 0,
    returnVisits: random.int(0, 5),
    daysSinceLastVisit: random.chance(0.4) ? null : random.int(0, 60),
    trafficSource: TRAFFIC_CHANNELS[random.int(0, TRAFFIC_CHANNELS.length - 1)] ?? "direct",
  };
}

function trainingSession(random: Random, i: number): IntentSession {
  const signals = randomSignals(random);
  const p = 0.02 + (signals.addToCarts > 0 ? 0.35 : 0) + 0.02 * signals.productViews + (signals.trafficSource === "email" ? 0.08 : 0);
  const at = new Date(NOW.getTime() - i * 600_000);
  return { visitorId: `v${i}`, clientId: `c${i}`, startedAt: at, endedAt: at, signals, converted: random.chance(p) };
}

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(random.uniform())) * Math.cos(2 * Math.PI * random.uniform());
}

function exposeGc(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

function heapMb(gc: () => void): number {
  gc();
  gc();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}
