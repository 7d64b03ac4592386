import type { Db } from "~/db.server";
import { DEFAULT_INTENT_SETTINGS } from "~/domain/models/intent/intentDimensions";
import { ensureShopBtydModel } from "~/services/models/btydModel.server";
import { ensureShopIntentModel } from "~/services/models/intent.server";
import { sweepPlanningEvents } from "~/services/planning/planningEvents.server";
import { reviewDueMessages } from "~/services/governance/reviewMessages.server";
import { deliverDueForAllShops, type DeliveryDeps } from "./deliveryTick.server";
import { runPlanning } from "~/services/planning/runPlanning.server";

/**
 * Planning's triggers, run by the inbox worker after each drain (at most once a minute):
 * - events: carts and checkouts abandoned, orders placed (sweepPlanningEvents);
 * - the nightly run: once the shop's local clock has passed NIGHTLY_HOUR, the BTYD fit is refreshed
 *   under its refit policy, the intent model retrained when a week old, and the whole shop is planned for that moment (so a restart replans the
 *   same moment, which is idempotent), unless a scheduled run for that moment or later exists or
 *   another run is in progress.
 * - governance: planned messages due within two days are reviewed, REVIEW_PER_TICK per shop a tick;
 * - delivery (when configured): due messages are emailed, and Flow triggers and metafields follow.
 * Only shops with an active objective are planned. Whole-shop runs read shoppers on a second thread
 * when the database URL is given.
 */
export const NIGHTLY_HOUR = 2;
const TICK_MS = 60_000;
const RUN_HOLD_MS = 15 * 60_000;

export function planningTrigger(store: Db, options: { databaseUrl?: string; now?: () => Date; delivery?: DeliveryDeps } = {}): () => Promise<void> {
  const clock = options.now ?? (() => new Date());
  let last = -Infinity;
  return async () => {
    const now = clock();
    if (now.getTime() - last < TICK_MS) return;
    last = now.getTime();
    await runNightlyPlanning(store, now, options.databaseUrl);
    await sweepPlanningEvents(store, now);
    await reviewDueForAllShops(store, now);
    if (options.delivery) await deliverDueForAllShops(store, now, options.delivery);
  };
}

export async function runNightlyPlanning(store: Db, now: Date, databaseUrl?: string): Promise<string[]> {
  const planned: string[] = [];
  const shops = await store.objective.findMany({ where: { active: true }, select: { shopId: true }, distinct: ["shopId"] });
  for (const { shopId } of shops) {
    const shop = await store.shop.findUnique({ where: { id: shopId }, select: { status: true, ianaTimezone: true } });
    if (shop?.status !== "installed") continue;
    const moment = lastNightly(now, shop.ianaTimezone);
    const [done, busy] = await Promise.all([
      store.planningRun.findFirst({ where: { shopId, trigger: "schedule", moment: { gte: moment } }, select: { id: true } }),
      store.planningRun.findFirst({ where: { shopId, status: "running", startedAt: { gt: new Date(now.getTime() - RUN_HOLD_MS) } }, select: { id: true } }),
    ]);
    if (done || busy) continue;
    // The models job's step: the BTYD fit is refreshed under its refit policy and the intent model
    // retrained when stale, then planning scores with them.
    await ensureShopBtydModel(store, shopId, moment);
    await ensureShopIntentModel(store, shopId, moment, DEFAULT_INTENT_SETTINGS);
    planned.push((await runPlanning(store, shopId, { now: moment, trigger: "schedule", databaseUrl })).runId);
  }
  return planned;
}

/** Messages governance reviews per shop per tick, so the worker gets back to the inbox within seconds. */
export const REVIEW_PER_TICK = 2_000;

/** Governance's stage: each planned message due within two days is checked and routed (reviewMessages.server.ts). */
export async function reviewDueForAllShops(store: Db, now: Date): Promise<number> {
  let reviewed = 0;
  const shops = await store.objective.findMany({ where: { active: true }, select: { shopId: true }, distinct: ["shopId"] });
  for (const { shopId } of shops) {
    const shop = await store.shop.findUnique({ where: { id: shopId }, select: { status: true } });
    if (shop?.status !== "installed") continue;
    reviewed += (await reviewDueMessages(store, shopId, now, { limit: REVIEW_PER_TICK })).reviewed;
  }
  return reviewed;
}

/** The latest NIGHTLY_HOUR:00 in the shop's zone at or before `now`. */
export function lastNightly(now: Date, timeZone: string): Date {
  const parts = localParts(now, timeZone);
  // Today's nightly hour in UTC, found by correcting a first guess by the zone's offset at that time.
  let guess = Date.UTC(parts.year, parts.month - 1, parts.day, NIGHTLY_HOUR);
  for (let i = 0; i < 2; i++) {
    const local = localParts(new Date(guess), timeZone);
    const drift = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) - Date.UTC(parts.year, parts.month - 1, parts.day, NIGHTLY_HOUR);
    guess -= drift;
  }
  return guess <= now.getTime() ? new Date(guess) : new Date(guess - 86_400_000);
}

function localParts(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
  } catch {
    format = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
  }
  const value = (type: string) => Number(format.formatToParts(at).find((part) => part.type === type)?.value ?? 0);
  return { year: value("year"), month: value("month"), day: value("day"), hour: value("hour"), minute: value("minute") };
}
