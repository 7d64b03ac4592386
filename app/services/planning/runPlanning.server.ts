import type { Db } from "~/db.server";
import { proposeAll } from "~/domain/agents";
import { AGENT_NAMES, type AgentContext, type AgentName, type Objective } from "~/domain/agents/contract";
import { DROP_KINDS, type DropKind } from "~/domain/planner/dropReasons";
import { planShop, type PlannerSettings } from "~/domain/planner/planner";
import { DAY_MS } from "~/domain/shared/time";
import { parseShopSettings } from "~/domain/shop/shopSettings";
import { policyInForce } from "~/services/governance/policyStore.server";
import { loadCatalogSnapshot, withCategoryBestsellers } from "./catalogSnapshot.server";
import { decisionRows } from "./decisionRecords";
import { upsertDecisions } from "./decisionStore.server";
import { activeObjectives } from "./objectives.server";
import { loadPlanningModels } from "./planningModels.server";
import { MESSAGE_STATUSES } from "./shopperRows.server";
import { DEFAULT_CHUNK_SIZE, streamShopperSnapshots, type SuppressionLookup } from "./shopperStream.server";
import { threadedShopperStream, threadedStreamAvailable } from "./threadedShopperStream.server";

/**
 * A planning run: the shop's objectives and models are loaded once, shoppers stream in chunks
 * (1,000 by default), each chunk's proposals from the five agents go to the planner together, and
 * the chunk's decisions are written before the next chunk is read. The discount budget carries
 * from chunk to chunk, so it is shared by the whole run.
 *
 * Idempotent: the run's id is derived from its trigger and moment, a decision's id is its
 * proposal's, and a replay of the same run does not count its own earlier decisions as messages
 * already sent; so running the same moment twice stores the same decisions once, and the run row
 * is the same row, updated.
 */
export type PlanningTrigger = "schedule" | "event";

export type PlanningSettings = {
  loyaltyExpiryWarningDays: number;
  maxDiscount: number;
  /** The bestseller newsletter is due when no earlier run planned one within this many days. */
  newsletterEveryDays: number;
  planner: Partial<PlannerSettings>;
};

export const DEFAULT_PLANNING_SETTINGS: PlanningSettings = { loyaltyExpiryWarningDays: 30, maxDiscount: 0.15, newsletterEveryDays: 7, planner: {} };

export type RunPlanningOptions = {
  now: Date;
  trigger: PlanningTrigger;
  /** An event run's cause ("cart-abandoned:<token>"); part of its id. */
  event?: string;
  /** Plan only these shoppers (event runs). */
  customerIds?: readonly string[];
  chunkSize?: number;
  suppressions?: SuppressionLookup;
  settings?: Partial<PlanningSettings>;
  /**
   * The store's database URL: with it, a whole-shop run reads and assembles shoppers on a second
   * thread, one chunk ahead (threadedShopperStream.server.ts), where that thread can start.
   */
  databaseUrl?: string;
  /** Called after each chunk is written (progress, memory sampling). */
  onChunk?: (progress: { shoppers: number }) => void;
};

export type PlanningCounts = {
  shoppers: number;
  suppressed: number;
  proposals: number;
  proposedByAgent: Record<AgentName, number>;
  plannedByAgent: Record<AgentName, number>;
  droppedByReason: Record<DropKind, number>;
  /** agent -> drop reason -> proposals */
  droppedByAgent: Record<AgentName, Partial<Record<DropKind, number>>>;
  /** Decision rows inserted, or dropped ones revisited, by this run. */
  stored: number;
  discountCommittedMinor: Record<string, number>;
  newsletterDue: boolean;
  objectives: string[];
  models: { btyd: string; intent: string };
  note?: string;
};

export type PlanningRunResult = { runId: string; status: "finished"; counts: PlanningCounts };

export function planningRunId(trigger: PlanningTrigger, moment: Date, event?: string): string {
  return trigger === "schedule" ? `schedule:${moment.toISOString()}` : `event:${event ?? "manual"}:${moment.toISOString()}`;
}

export async function runPlanning(store: Db, shopId: string, options: RunPlanningOptions): Promise<PlanningRunResult> {
  const { now, trigger } = options;
  const settings = { ...DEFAULT_PLANNING_SETTINGS, ...options.settings };
  const shop = await store.shop.findUnique({ where: { id: shopId }, select: { currencyCode: true, ianaTimezone: true, settings: true, status: true } });
  if (!shop) throw new Error(`no shop ${shopId}`);
  const shopSettings = parseShopSettings(shop.settings);
  const runId = planningRunId(trigger, now, options.event);
  const started = new Date();
  const run = { trigger, event: options.event ?? null, moment: now, status: "running", startedAt: started, finishedAt: null, error: null, counts: "{}" };
  await store.planningRun.upsert({ where: { shopId_id: { shopId, id: runId } }, create: { shopId, id: runId, ...run }, update: run });
  try {
    const objectives = await activeObjectives(store, shopId);
    const counts = emptyCounts(objectives);
    if (objectives.length === 0 || shop.status !== "installed") {
      counts.note = shop.status !== "installed" ? `the shop is ${shop.status}` : "no active objective: nothing is planned";
      return await finish(store, shopId, runId, counts);
    }
    const horizonDays = Math.max(...objectives.map((objective) => objective.horizonDays));
    const models = await loadPlanningModels(store, shopId, now, { horizonWeeks: horizonDays / 7 });
    counts.models = {
      btyd: models.btyd.ok ? `BG/NBD + gamma-gamma fitted ${models.btyd.fittedAt.toISOString()}` : `no lifetime value: ${models.btyd.error}`,
      intent: models.intent.model ? "weighted score blended with the shop's learned model" : "weighted score (no learned model yet)",
    };
    const catalog = withCategoryBestsellers(await loadCatalogSnapshot(store, shopId, shop.currencyCode), models.bestsellers.ranking);
    counts.newsletterDue = trigger === "schedule" && !(await newsletterPlannedRecently(store, shopId, runId, now, settings.newsletterEveryDays));
    const context: AgentContext = {
      now,
      catalog,
      objectives,
      settings: {
        abandonmentDelayMinutes: shopSettings.abandonmentDelayMinutes,
        loyaltyExpiryWarningDays: settings.loyaltyExpiryWarningDays,
        newsletterDue: counts.newsletterDue,
        maxDiscount: settings.maxDiscount,
        pointsPerCurrencyUnit: shopSettings.loyaltyRule.pointsPerCurrencyUnit,
      },
    };
    let spent = await committedDiscounts(store, shopId, runId, objectives, now);
    // The planner schedules inside the policy's quiet hours and daily cap, so governance does not
    // have to block what the planner could have spaced out.
    const { suppression } = (await policyInForce(store, shopId)).policy;
    const planner = {
      defaultTimeZone: shop.ianaTimezone,
      quietHours: suppression.quietHours,
      minHoursBetweenMessages: Math.min(168, Math.max(12, 24 / suppression.maxPerDay)),
      ...settings.planner,
    };
    const snapshotShop = { currencyCode: shop.currencyCode, ianaTimezone: shop.ianaTimezone, settings: shopSettings };
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    const threaded = options.databaseUrl !== undefined && options.customerIds === undefined && threadedStreamAvailable();
    const chunks = threaded
      ? threadedShopperStream({ databaseUrl: options.databaseUrl as string, shopId, shop: snapshotShop, models, now, chunkSize, runId }, options.suppressions)
      : streamShopperSnapshots(store, shopId, snapshotShop, models, now, { chunkSize, customerIds: options.customerIds, suppressions: options.suppressions, runId });
    for await (const shoppers of chunks) {
      const batch = shoppers.map((shopper) => ({ shopper, proposals: proposeAll(shopper, context) }));
      const plan = planShop({ now, objectives, currencyCode: shop.currencyCode, settings: planner, discountSpentMinor: spent }, batch);
      spent = plan.discountSpentMinor;
      const writtenAt = new Date();
      const pclv = new Map(shoppers.map((shopper) => [shopper.customerId, shopper.pclvMinor]));
      const rows = plan.shoppers.flatMap((shopperPlan) => decisionRows(shopId, runId, now, shopperPlan, writtenAt, pclv.get(shopperPlan.customerId) ?? null));
      counts.stored += await store.$transaction((tx) => upsertDecisions(store, tx, rows), { timeout: 300_000, maxWait: 60_000 });
      tally(counts, batch, plan.shoppers);
      options.onChunk?.({ shoppers: counts.shoppers });
    }
    counts.discountCommittedMinor = spent;
    return await finish(store, shopId, runId, counts);
  } catch (error) {
    await store.planningRun.update({
      where: { shopId_id: { shopId, id: runId } },
      data: { status: "failed", finishedAt: new Date(), error: String((error as Error).stack ?? error).slice(0, 4000) },
    });
    throw error;
  }
}

function emptyCounts(objectives: readonly Objective[]): PlanningCounts {
  const perAgent = () => Object.fromEntries(AGENT_NAMES.map((agent) => [agent, 0])) as Record<AgentName, number>;
  return {
    shoppers: 0,
    suppressed: 0,
    proposals: 0,
    proposedByAgent: perAgent(),
    plannedByAgent: perAgent(),
    droppedByReason: Object.fromEntries(DROP_KINDS.map((kind) => [kind, 0])) as Record<DropKind, number>,
    droppedByAgent: Object.fromEntries(AGENT_NAMES.map((agent) => [agent, {}])) as Record<AgentName, Partial<Record<DropKind, number>>>,
    stored: 0,
    discountCommittedMinor: {},
    newsletterDue: false,
    objectives: objectives.map((objective) => objective.id),
    models: { btyd: "not loaded", intent: "not loaded" },
  };
}

function tally(counts: PlanningCounts, batch: readonly { shopper: { suppressed: unknown }; proposals: readonly { agent: AgentName }[] }[], plans: ReturnType<typeof planShop>["shoppers"]): void {
  for (const { shopper, proposals } of batch) {
    counts.shoppers++;
    if (shopper.suppressed) counts.suppressed++;
    counts.proposals += proposals.length;
    for (const proposal of proposals) counts.proposedByAgent[proposal.agent]++;
  }
  for (const plan of plans) {
    for (const message of plan.planned) counts.plannedByAgent[message.proposal.agent]++;
    for (const { proposal, reason } of plan.dropped) {
      counts.droppedByReason[reason.kind]++;
      const byReason = counts.droppedByAgent[proposal.agent];
      byReason[reason.kind] = (byReason[reason.kind] ?? 0) + 1;
    }
  }
}

async function finish(store: Db, shopId: string, runId: string, counts: PlanningCounts): Promise<PlanningRunResult> {
  await store.planningRun.update({ where: { shopId_id: { shopId, id: runId } }, data: { status: "finished", finishedAt: new Date(), counts: JSON.stringify(counts) } });
  return { runId, status: "finished", counts };
}

/** Did an earlier run plan a newsletter that goes out within the newsletter period? (A replay ignores its own.) */
async function newsletterPlannedRecently(store: Db, shopId: string, runId: string, now: Date, everyDays: number): Promise<boolean> {
  const found = await store.decision.findFirst({
    where: { shopId, agent: "bestseller-newsletter", runId: { not: runId }, status: { in: [...MESSAGE_STATUSES] }, sendAt: { gt: new Date(now.getTime() - everyDays * DAY_MS) } },
    select: { id: true },
  });
  return found !== null;
}

/** Discount each objective has committed to messages planned by earlier runs within its horizon. */
async function committedDiscounts(store: Db, shopId: string, runId: string, objectives: readonly Objective[], now: Date): Promise<Record<string, number>> {
  const spent: Record<string, number> = {};
  for (const objective of objectives) {
    const sum = await store.decision.aggregate({
      where: {
        shopId,
        objectiveId: objective.id,
        runId: { not: runId },
        status: { in: [...MESSAGE_STATUSES] },
        moment: { gt: new Date(now.getTime() - objective.horizonDays * DAY_MS) },
      },
      _sum: { discountCostMinor: true },
    });
    spent[objective.id] = sum._sum.discountCostMinor ?? 0;
  }
  return spent;
}
