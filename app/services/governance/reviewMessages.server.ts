import type { Db } from "~/db.server";
import type { DbTransaction } from "~/services/recordInboxEvent.server";
import type { AgentName, CatalogSnapshot } from "~/domain/agents/contract";
import { MessageDraft } from "~/domain/content/messageDraft";
import type { BrandVoice } from "~/domain/content/templates";
import { recordCheck, recordStatusChange, AuditRecord } from "~/domain/governance/audit";
import { systemTransition, statusAfterRecheck, type AutonomySettings, type MessageStatus, MESSAGE_STATUSES } from "~/domain/governance/autonomy";
import { categoryPathsOf, type PolicyDocument } from "~/domain/governance/policy";
import { judgeCopy, routeReviewed, screenMessage, type ReviewInput, type ReviewShop, type ReviewShopper } from "~/domain/governance/reviewMessage";
import type { ChatModel } from "~/domain/content/llm/chatModel";
import type { LlmSettings } from "~/domain/content/llm/llmSettings";
import { chatModelFromEnv } from "~/adapters/llm/openAiChatModel.server";
import { openAiEnv } from "~/env.server";
import { writeCopy } from "~/services/content/writeCopy.server";
import type { Violation } from "~/domain/governance/violation";
import { isValidTimeZone } from "~/domain/planner/quietHours";
import type { PlannedMessage } from "~/domain/planner/planner";
import { parseStoredBrief, type StoredTrace } from "~/services/planning/decisionRecords";
import { findInBatches } from "~/services/queryBatches";
import { loadCatalogSnapshot } from "~/services/planning/catalogSnapshot.server";
import { DAY_MS } from "~/domain/shared/time";
import { parseShopSettings } from "~/domain/shop/shopSettings";
import { policyInForce } from "./policyStore.server";

/**
 * Governance, the stage after planning: every planned decision due within the horizon that has no
 * Message yet is screened by the shop's policy, written (templates), judged by the critic and
 * routed by the autonomy level, and stored as a Message with its audit record. It runs apart from
 * planning (the worker calls it after each planning tick; the demo after its run) because it reads
 * the catalog and consent as they are when the message is about to go, and because writing and
 * checking copy costs milliseconds per message that a 100,000-customer plan should not wait for.
 * Idempotent: a message that exists (perhaps approved, edited or sent) is never reviewed again.
 * The shop-wide send rate is not applied here but by the sender, which is where sends happen: at
 * review time thousands of messages share a send minute, and spacing them is the sender's queue.
 */
export type GovernanceContext = {
  policy: PolicyDocument;
  policyVersion: number | null;
  autonomy: AutonomySettings;
  voice: BrandVoice;
  shop: ReviewShop;
  llm: LlmSettings;
  /** The language model for copy; null: templates write everything (no OPENAI_API_KEY / OPENAI_BASE_URL). */
  chat: ChatModel | null;
};

let processChat: { model: ChatModel | null } | null = null;

/** One model client per process, from the environment (tests pass their own through `options.chat`). */
function chatFromEnvironment(): ChatModel | null {
  processChat ??= { model: chatModelFromEnv(openAiEnv()) };
  return processChat.model;
}

export async function loadGovernanceContext(store: Db, shopId: string, chat?: ChatModel | null): Promise<GovernanceContext> {
  const shop = await store.shop.findUnique({ where: { id: shopId } });
  if (!shop) throw new Error(`no shop ${shopId}`);
  const settings = parseShopSettings(shop.settings);
  const { policy, version } = await policyInForce(store, shopId);
  return {
    policy,
    policyVersion: version,
    autonomy: settings.autonomy,
    voice: settings.brandVoice,
    shop: reviewShop(shop),
    llm: settings.llm,
    chat: chat === undefined ? chatFromEnvironment() : chat,
  };
}

function reviewShop(shop: { id: string; name: string | null; currencyCode: string; primaryDomain: string | null; ianaTimezone: string }): ReviewShop {
  return { id: shop.id, name: shop.name ?? shop.id, currencyCode: shop.currencyCode, myshopifyDomain: shop.id, primaryDomain: shop.primaryDomain, locale: null, timeZone: shop.ianaTimezone };
}

export type ReviewCounts = Record<MessageStatus, number>;

export function emptyReviewCounts(): ReviewCounts {
  return Object.fromEntries(MESSAGE_STATUSES.map((status) => [status, 0])) as ReviewCounts;
}

export type ReviewReport = { reviewed: number; byStatus: ReviewCounts; byAgent: Record<string, ReviewCounts>; policyVersion: number | null; more: boolean };

export type ReviewOptions = {
  /** Review decisions whose send time is at most this far ahead (default 48 hours). */
  horizonHours?: number;
  /** Stop after this many messages (the worker's share of a tick); `more` says whether any are left. */
  limit?: number;
  batchSize?: number;
  /** The model to write copy with (default: from the environment; null: templates only). */
  chat?: ChatModel | null;
};

const HOUR_MS = 3_600_000;
/** Statuses that count as a message the shopper is getting (for frequency caps). */
const LIVE: readonly MessageStatus[] = ["awaiting-approval", "approved", "edited-approved", "ready", "sent"];

export async function reviewDueMessages(store: Db, shopId: string, now: Date, options: ReviewOptions = {}): Promise<ReviewReport> {
  const context = await loadGovernanceContext(store, shopId, options.chat);
  const catalog = await loadCatalogSnapshot(store, shopId, context.shop.currencyCode);
  const until = new Date(now.getTime() + (options.horizonHours ?? 48) * HOUR_MS);
  const limit = options.limit ?? Infinity;
  const batchSize = options.batchSize ?? 500;
  const report: ReviewReport = { reviewed: 0, byStatus: emptyReviewCounts(), byAgent: {}, policyVersion: context.policyVersion, more: false };
  // Once per review, not per batch: the sum reads every planned decision with a discount.
  const objectiveSpent = await spentByObjective(store, shopId);
  let cursor: string | null = null;
  for (;;) {
    const decisions: DecisionForReview[] = await store.decision.findMany({
      where: { shopId, status: "planned", sendAt: { lte: until }, ...(cursor === null ? {} : { id: { gt: cursor } }) },
      orderBy: { id: "asc" },
      take: batchSize,
      select: DECISION_SELECT,
    });
    if (decisions.length === 0) break;
    cursor = decisions[decisions.length - 1]!.id;
    const reviewed = new Set((await store.message.findMany({ where: { shopId, id: { in: decisions.map((d) => d.id) } }, select: { id: true } })).map((m) => m.id));
    let todo = decisions.filter((decision) => !reviewed.has(decision.id));
    if (report.reviewed + todo.length > limit) {
      todo = todo.slice(0, Math.max(0, limit - report.reviewed));
      report.more = true;
    }
    if (todo.length > 0) {
      const rows = await reviewBatch(store, context, catalog, todo, now, report, objectiveSpent);
      await insertMessages(store, rows);
    }
    if (report.more) break;
  }
  return report;
}

const DECISION_SELECT = { id: true, runId: true, customerId: true, agent: true, subject: true, sendAt: true, brief: true, trace: true, objectiveId: true, discountCostMinor: true, pclvMinor: true } as const;
type DecisionForReview = { id: string; runId: string; customerId: string; agent: string; subject: string; sendAt: Date | null; brief: string; trace: string; objectiveId: string | null; discountCostMinor: number; pclvMinor: number | null };

async function reviewBatch(
  store: Db,
  context: GovernanceContext,
  catalog: CatalogSnapshot,
  decisions: readonly DecisionForReview[],
  now: Date,
  report: ReviewReport,
  objectiveSpent: ReadonlyMap<string, number>,
) {
  const { shop } = context;
  const customerIds = [...new Set(decisions.map((d) => d.customerId))];
  const [customers, lastOrders, live, discounts] = await Promise.all([
    store.customer.findMany({
      where: { shopId: shop.id, id: { in: customerIds } },
      select: { id: true, firstName: true, email: true, emailMarketingState: true, timeZone: true, locale: true, countryCode: true, deletedAt: true, redactedAt: true },
    }),
    store.order.groupBy({ by: ["customerId"], where: { shopId: shop.id, customerId: { in: customerIds }, cancelledAt: null, processedAt: { lte: now } }, _max: { processedAt: true } }),
    // By customer only, filtered here: with status and time in the query SQLite picks the
    // (status, sendAt) index and reads every live message of the shop for every batch.
    store.message
      .findMany({ where: { shopId: shop.id, customerId: { in: customerIds } }, select: { customerId: true, sendAt: true, status: true } })
      .then((rows) => rows.filter((row) => LIVE.includes(row.status as MessageStatus) && row.sendAt !== null && row.sendAt.getTime() >= now.getTime() - 8 * 24 * HOUR_MS)),
    recentDiscountsOf(store, shop.id, customerIds, now),
  ]);
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const lastOrderOf = new Map(lastOrders.map((row) => [row.customerId as string, row._max.processedAt]));
  const timesOf = new Map<string, Date[]>();
  for (const message of live) if (message.sendAt) timesOf.set(message.customerId, [...(timesOf.get(message.customerId) ?? []), message.sendAt]);
  const rows: MessageRow[] = [];
  // A shopper's messages in send order, so the first one is judged first against the caps.
  const ordered = [...decisions].sort((a, b) => a.customerId.localeCompare(b.customerId) || (a.sendAt?.getTime() ?? 0) - (b.sendAt?.getTime() ?? 0) || a.id.localeCompare(b.id));
  for (const decision of ordered) {
    const customer = customerById.get(decision.customerId);
    const planned = plannedFromDecision(decision);
    const shopper: ReviewShopper = {
      customerId: decision.customerId,
      firstName: customer?.firstName ?? null,
      email: customer?.email ?? null,
      emailMarketingState: customer?.emailMarketingState ?? "UNKNOWN",
      timeZone: customer?.timeZone ?? null,
      locale: customer?.locale ?? null,
      countryCode: customer?.countryCode ?? null,
      suppressed: !customer ? { reason: "customer not found" } : customer.redactedAt ? { reason: "redacted" } : customer.deletedAt ? { reason: "deleted" } : null,
      pclvMinor: decision.pclvMinor,
      lastOrderAt: lastOrderOf.get(decision.customerId) ?? null,
      messageTimes: timesOf.get(decision.customerId) ?? [],
    };
    const input: ReviewInput = {
      planned,
      shopper,
      catalog,
      policy: context.policy,
      autonomy: context.autonomy,
      voice: context.voice,
      shop,
      now,
      objectiveSpentMinor: Math.max(0, (objectiveSpent.get(planned.objectiveId) ?? 0) - planned.discountCostMinor),
      recentDiscounts: (discounts.get(decision.customerId) ?? []).filter((offer) => offer.id !== decision.id),
    };
    const screening = screenMessage(input);
    const written = await writeCopy({ chat: context.chat, store, now: () => now }, input, screening, context.llm, { pAlive: pAliveOf(planned) });
    const outcome = routeReviewed(input, screening, written.copy, written.checks, shopper.messageTimes.length === 0);
    report.reviewed++;
    report.byStatus[outcome.status]++;
    const perAgent = (report.byAgent[decision.agent] ??= emptyReviewCounts());
    perAgent[outcome.status]++;
    if (outcome.status !== "blocked") timesOf.set(decision.customerId, [...shopper.messageTimes, outcome.sendAt]);
    rows.push({
      shopId: shop.id,
      id: decision.id,
      runId: decision.runId,
      customerId: decision.customerId,
      agent: decision.agent,
      objectiveId: decision.objectiveId,
      status: outcome.status,
      sendAt: outcome.sendAt,
      engine: outcome.copy.engine,
      templateId: outcome.copy.templateId,
      variant: outcome.copy.variant,
      draft: JSON.stringify(outcome.copy.draft),
      brief: JSON.stringify(outcome.brief),
      policyVersion: context.policyVersion,
      audit: JSON.stringify(outcome.audit),
      firstDraftPassed: outcome.firstDraftPassed,
      awaitingSince: outcome.status === "awaiting-approval" ? now : null,
      // The review's moment, as in its audit record, so date filters on the column and the record agree.
      createdAt: now,
    });
  }
  return rows;
}

type MessageRow = Parameters<Db["message"]["create"]>[0]["data"];

/** Inserts the batch; if another reviewer stored some of these ids meanwhile, keeps theirs. */
async function insertMessages(store: Db, rows: readonly MessageRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 200) {
    const slice = rows.slice(start, start + 200);
    try {
      await store.message.createMany({ data: slice });
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
      for (const row of slice) {
        try {
          await store.message.create({ data: row });
        } catch (inner) {
          if ((inner as { code?: string }).code !== "P2002") throw inner;
        }
      }
    }
  }
}

/** P(alive) as the agent recorded it in its inputs, when it did (the at-risk tier reads it). */
function pAliveOf(planned: PlannedMessage): number | null {
  const value = planned.proposal.trace.inputs.pAlive;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The planner's message as the Decision row stored it (its trace keeps the whole proposal). */
function plannedFromDecision(decision: DecisionForReview): PlannedMessage {
  const trace = JSON.parse(decision.trace) as StoredTrace;
  const brief = parseStoredBrief(decision.brief);
  if (trace.planner.outcome !== "planned") throw new Error(`decision ${decision.id} is planned but its trace says ${trace.planner.outcome}`);
  const planner = trace.planner;
  const action = trace.proposal.action;
  return {
    proposal: {
      id: decision.id,
      customerId: decision.customerId,
      agent: decision.agent as AgentName,
      subject: decision.subject,
      action: { ...action, earliestSendAt: new Date(action.earliestSendAt), latestSendAt: new Date(action.latestSendAt) },
      brief,
      expectedValue: trace.proposal.expectedValue,
      trace: { inputs: trace.inputs, reasoning: trace.reasoning, action: trace.action, expectedImpact: trace.expectedImpact },
    },
    sendAt: decision.sendAt ?? new Date(planner.sendAt),
    localSendAt: planner.localSendAt,
    objectiveId: decision.objectiveId ?? planner.objectiveId,
    weight: planner.weight,
    score: planner.score,
    discountCostMinor: decision.discountCostMinor,
  };
}

/** Discount committed per objective by messages not withdrawn (blocked or rejected). */
async function spentByObjective(store: Db, shopId: string): Promise<Map<string, number>> {
  const rows = await store.decision.groupBy({ by: ["objectiveId"], where: { shopId, status: "planned", discountCostMinor: { gt: 0 } }, _sum: { discountCostMinor: true } });
  return new Map(rows.flatMap((row) => (row.objectiveId ? [[row.objectiveId, row._sum.discountCostMinor ?? 0] as const] : [])));
}


/** Discounts each shopper was offered in the last 30 days by messages not blocked or rejected. */
async function recentDiscountsOf(store: Db, shopId: string, customerIds: readonly string[], now: Date): Promise<Map<string, Array<{ id: string; at: Date; discount: number; valueMinor: number }>>> {
  const byCustomer = new Map<string, Array<{ id: string; at: Date; discount: number; valueMinor: number }>>();
  const decisions = await findInBatches(customerIds, (ids) =>
    store.decision.findMany({
      where: { shopId, customerId: { in: ids }, status: "planned", discountCostMinor: { gt: 0 }, moment: { gt: new Date(now.getTime() - 30 * DAY_MS) } },
      select: { id: true, customerId: true, sendAt: true, moment: true, brief: true, discountCostMinor: true },
    }),
  );
  // Batched too: a few hundred shoppers can hold more than 999 offers between them.
  const messages = await findInBatches(
    decisions.map((d) => d.id),
    (ids) => store.message.findMany({ where: { shopId, id: { in: ids } }, select: { id: true, status: true } }),
  );
  const withdrawn = new Set(messages.filter((m) => m.status === "blocked" || m.status === "rejected").map((m) => m.id));
  for (const decision of decisions) {
    if (withdrawn.has(decision.id)) continue;
    const discount = parseStoredBrief(decision.brief).discount;
    if (!discount) continue;
    const list = byCustomer.get(decision.customerId) ?? [];
    list.push({ id: decision.id, at: decision.sendAt ?? decision.moment, discount, valueMinor: decision.discountCostMinor });
    byCustomer.set(decision.customerId, list);
  }
  return byCustomer;
}

/**
 * The critic's re-check of a person's edit: the policy's voice rules and the critic's fact and
 * safety checks on the edited draft, against the brief it was written from and the catalog as it
 * is now. The message moves to ready, blocked, or back to the approval queue (statusAfterRecheck),
 * and the round of checks joins its audit record. (Consent and suppression are checked again at
 * send time, whatever happened here.)
 */
export async function recheckEditedMessage(store: Db, shopId: string, messageId: string, now: Date): Promise<{ status: MessageStatus; violations: Violation[] }> {
  const context = await loadGovernanceContext(store, shopId, null);
  const row = await store.message.findUnique({ where: { shopId_id: { shopId, id: messageId } } });
  if (!row) throw new Error(`no message ${messageId} in ${shopId}`);
  if (row.status !== "edited-approved") throw new Error(`message ${messageId} is ${row.status}, not edited-approved`);
  const [customer, shop] = await Promise.all([
    store.customer.findUnique({ where: { shopId_id: { shopId, id: row.customerId } }, select: { firstName: true, timeZone: true, locale: true } }),
    store.shop.findUniqueOrThrow({ where: { id: shopId }, select: { currencyCode: true } }),
  ]);
  const catalog = await loadCatalogSnapshot(store, shopId, shop.currencyCode);
  const brief = parseStoredBrief(row.brief);
  const timeZone = customer?.timeZone && isValidTimeZone(customer.timeZone) ? customer.timeZone : context.shop.timeZone;
  const categoryPaths = categoryPathsOf(brief.products.map((product) => product.productId), catalog);
  const verdict = judgeCopy({
    policy: context.policy,
    draft: MessageDraft.parse(JSON.parse(row.draft)),
    brief,
    catalog,
    shopper: { firstName: customer?.firstName ?? null, timeZone, locale: customer?.locale ?? null },
    shop: context.shop,
    categoryPaths,
    results: [],
  });
  const status = statusAfterRecheck(verdict.outcome);
  const transition = systemTransition("edited-approved", status, "recheck", now, verdict.violations.map((v) => v.message).join(" ") || "The edit passed every check.");
  if (!transition.ok) throw new Error(transition.error);
  const audit = recordStatusChange(recordCheck(AuditRecord.parse(JSON.parse(row.audit)), "edit", now, verdict), transition.auditEntry);
  // Guarded: only the edit this re-check read moves on (a concurrent decision wins, and is kept).
  const moved = await store.message.updateMany({
    where: { shopId, id: messageId, status: "edited-approved", updatedAt: row.updatedAt },
    data: { status, audit: JSON.stringify(audit), awaitingSince: status === "awaiting-approval" ? now : null },
  });
  if (moved.count === 0) throw new Error(`message ${messageId} changed while its edit was re-checked`);
  return { status, violations: [...verdict.violations] };
}


/** Statuses a withdrawn decision's message leaves: anything not yet sent, rejected or blocked. */
const WITHDRAWABLE: readonly MessageStatus[] = ["awaiting-approval", "approved", "edited-approved", "ready", "failed"];

/**
 * When a decision is cancelled (an order made it moot), its message must not go out: a pending one
 * is blocked, with the reason in its audit history. Run inside the cancelling transaction.
 */
export async function withdrawMessages(tx: DbTransaction, shopId: string, withdrawn: ReadonlyArray<{ id: string; reason: string }>, now: Date): Promise<number> {
  let count = 0;
  for (const { id, reason } of withdrawn) {
    const row = await tx.message.findUnique({ where: { shopId_id: { shopId, id } }, select: { status: true, audit: true } });
    if (!row || !WITHDRAWABLE.includes(row.status as MessageStatus)) continue;
    const from = row.status as MessageStatus;
    // A failed send cannot be blocked directly in the state machine; it is retried to ready first.
    const path: MessageStatus[] = from === "failed" ? ["ready", "blocked"] : ["blocked"];
    let audit = AuditRecord.parse(JSON.parse(row.audit));
    let current = from;
    for (const to of path) {
      const change = systemTransition(current, to, to === "blocked" ? "block" : "retry", now, `Withdrawn: ${reason}.`);
      if (!change.ok) throw new Error(change.error);
      audit = recordStatusChange(audit, change.auditEntry);
      current = to;
    }
    const updated = await tx.message.updateMany({ where: { shopId, id, status: from }, data: { status: "blocked", audit: JSON.stringify(audit), awaitingSince: null } });
    count += updated.count;
  }
  return count;
}
