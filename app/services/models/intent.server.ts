import { z } from "zod";
import type { Db } from "~/db.server";
import { INTENT_DIMENSIONS, type IntentSettings } from "~/domain/models/intent/intentDimensions";
import { intentSessions, type IntentEventFact, type IntentSession } from "~/domain/models/intent/intentSessions";
import { scoreSessions, trainIntentModel, type IntentModel, type IntentScore, type TrainIntentResult } from "~/domain/models/intent/intentScore";
import { DAY_MS } from "~/domain/shared/time";

/**
 * Intent per session and per customer from the shop's web-pixel events. A browser's events count
 * for the customer it is linked to (PixelClient), so return visits span devices. The learned
 * model is trained on the shop's sessions of the last `lookbackDays` and cached in ModelFit
 * (kind "intent"; `customers` holds the visitors it saw, `ordersSeen` the converted sessions).
 */
export const INTENT_KIND = "intent";
export const DEFAULT_LOOKBACK_DAYS = 180;

const StoredTree = z.object({ feature: z.array(z.number().int()), threshold: z.array(z.number()), left: z.array(z.number().int()), right: z.array(z.number().int()), value: z.array(z.number()) });
const StoredIntentModel = z.object({
  kind: z.literal("intent-boosted-trees"),
  dimensions: z.array(z.enum(INTENT_DIMENSIONS)),
  trees: z.object({ kind: z.literal("gradient-boosted-trees"), featureNames: z.array(z.string()), base: z.number(), trees: z.array(StoredTree) }),
  trainedOn: z.object({ sessions: z.number().int(), conversions: z.number().int(), seed: z.number().int() }),
});

/** Trains the shop's model on its recent sessions and caches it; a shop with too little data gets the reason back. */
export async function fitShopIntentModel(store: Db, shopId: string, now: Date, settings: IntentSettings, seed: number, lookbackDays = DEFAULT_LOOKBACK_DAYS): Promise<TrainIntentResult> {
  const sessions = intentSessions(await loadIntentEvents(store, shopId, { from: new Date(now.getTime() - lookbackDays * DAY_MS), to: now }));
  const result = trainIntentModel(sessions, settings, { seed });
  if (!result.ok) return result;
  const row = {
    parameters: JSON.stringify(result.model),
    logLikelihood: null,
    customers: new Set(sessions.map((session) => session.visitorId)).size,
    ordersSeen: result.model.trainedOn.conversions,
    fittedAt: now,
  };
  await store.modelFit.upsert({ where: { shopId_kind: { shopId, kind: INTENT_KIND } }, create: { shopId, kind: INTENT_KIND, ...row }, update: row });
  return result;
}

/** How old a cached intent model may grow before the nightly run trains it again. */
export const INTENT_REFIT_AFTER_DAYS = 7;

/**
 * The nightly step: trains the shop's model when there is none, it no longer parses, or it is older
 * than INTENT_REFIT_AFTER_DAYS; otherwise keeps the cached one. The seed is fixed so a retrained
 * model depends only on the data. Returns what it did (a shop with too little browsing keeps
 * planning on the merchant-weighted dimensions alone).
 */
export async function ensureShopIntentModel(store: Db, shopId: string, now: Date, settings: IntentSettings): Promise<"cached" | "refitted" | "too-little-data"> {
  const row = await store.modelFit.findUnique({ where: { shopId_kind: { shopId, kind: INTENT_KIND } }, select: { fittedAt: true } });
  const fresh = row && now.getTime() - row.fittedAt.getTime() < INTENT_REFIT_AFTER_DAYS * DAY_MS && row.fittedAt <= now;
  if (fresh && (await loadShopIntentModel(store, shopId))) return "cached";
  const result = await fitShopIntentModel(store, shopId, now, settings, INTENT_SEED);
  return result.ok ? "refitted" : "too-little-data";
}

const INTENT_SEED = 1;

/** The cached model, or null when there is none (or it no longer parses: it is refitted then). */
export async function loadShopIntentModel(store: Db, shopId: string): Promise<IntentModel | null> {
  const row = await store.modelFit.findUnique({ where: { shopId_kind: { shopId, kind: INTENT_KIND } } });
  if (!row) return null;
  let json: unknown;
  try {
    json = JSON.parse(row.parameters);
  } catch {
    return null;
  }
  const parsed = StoredIntentModel.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export type CustomerIntent = {
  customerId: string;
  /** The latest session's score: the customer's intent now. Null without browsing. */
  current: (IntentSession & { intent: IntentScore }) | null;
  /** Every session in the lookback, oldest first. */
  sessions: (IntentSession & { intent: IntentScore })[];
};

export async function customerIntent(store: Db, shopId: string, customerId: string, now: Date, settings: IntentSettings, lookbackDays = DEFAULT_LOOKBACK_DAYS): Promise<CustomerIntent> {
  const [events, model] = await Promise.all([
    loadIntentEvents(store, shopId, { from: new Date(now.getTime() - lookbackDays * DAY_MS), to: now, customerId }),
    loadShopIntentModel(store, shopId),
  ]);
  const sessions = scoreSessions(intentSessions(events), settings, model);
  return { customerId, current: sessions.at(-1) ?? null, sessions };
}

/** Pixel events in [from, to], each with its visitor: the linked customer, else the event's own customer, else the browser. */
async function loadIntentEvents(store: Db, shopId: string, range: { from: Date; to: Date; customerId?: string }): Promise<IntentEventFact[]> {
  const links = await store.pixelClient.findMany({
    where: { shopId, customerId: range.customerId ?? { not: null } },
    select: { clientId: true, customerId: true },
  });
  const customerOfClient = new Map(links.map((link) => [link.clientId, link.customerId]));
  const who = range.customerId ? { OR: [{ customerId: range.customerId }, { clientId: { in: [...customerOfClient.keys()] } }] } : {};
  const rows = await store.browseEvent.findMany({
    where: { shopId, occurredAt: { gte: range.from, lte: range.to }, ...who },
    select: { clientId: true, customerId: true, name: true, occurredAt: true, url: true, referrer: true, productId: true, utmSource: true, utmMedium: true, utmCampaign: true },
  });
  return rows.map(({ customerId, ...event }) => ({ ...event, visitorId: customerOfClient.get(event.clientId) ?? customerId ?? `client:${event.clientId}` }));
}
