import { z } from "zod";
import type { Db } from "~/db.server";
import { AGENT_NAMES, type AgentName } from "~/domain/agents/contract";

/**
 * What the admin's Decisions page reads: recent planning runs with their counts, a run's decisions
 * (paged, filterable by agent and status), and one decision with its full reasoning trace. Every
 * query is scoped by `shopId`.
 */
export type RunSummary = {
  id: string;
  trigger: string;
  event: string | null;
  moment: Date;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  counts: RunCounts;
};

/** The counts a run stores (runPlanning's PlanningCounts, or an order event's cancellations); read leniently. */
const RunCounts = z
  .object({
    shoppers: z.number().default(0),
    suppressed: z.number().default(0),
    proposals: z.number().default(0),
    proposedByAgent: z.record(z.string(), z.number()).default({}),
    plannedByAgent: z.record(z.string(), z.number()).default({}),
    droppedByReason: z.record(z.string(), z.number()).default({}),
    droppedByAgent: z.record(z.string(), z.record(z.string(), z.number())).default({}),
    cancelled: z.number().default(0),
    cancelledByAgent: z.record(z.string(), z.number()).default({}),
    stored: z.number().default(0),
    newsletterDue: z.boolean().default(false),
    models: z.object({ btyd: z.string(), intent: z.string() }).optional(),
    note: z.string().optional(),
  })
  .catch({
    shoppers: 0,
    suppressed: 0,
    proposals: 0,
    proposedByAgent: {},
    plannedByAgent: {},
    droppedByReason: {},
    droppedByAgent: {},
    cancelled: 0,
    cancelledByAgent: {},
    stored: 0,
    newsletterDue: false,
  });
export type RunCounts = z.infer<typeof RunCounts>;

function parseCounts(json: string): RunCounts {
  try {
    return RunCounts.parse(JSON.parse(json));
  } catch {
    return RunCounts.parse(null);
  }
}

export async function listRuns(store: Db, shopId: string, limit = 20): Promise<RunSummary[]> {
  const rows = await store.planningRun.findMany({ where: { shopId }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map(({ shopId: _s, counts, ...row }) => ({ ...row, counts: parseCounts(counts) }));
}

export async function getRun(store: Db, shopId: string, runId: string): Promise<RunSummary | null> {
  const row = await store.planningRun.findUnique({ where: { shopId_id: { shopId, id: runId } } });
  if (!row) return null;
  const { shopId: _s, counts, ...rest } = row;
  return { ...rest, counts: parseCounts(counts) };
}

export type DecisionListItem = {
  id: string;
  customerId: string;
  agent: string;
  subject: string;
  messageType: string;
  status: string;
  sendAt: Date | null;
  dropReason: string | null;
  cancelReason: string | null;
  expectedValueMinor: number;
};

export const DECISIONS_PAGE_SIZE = 50;

export async function listDecisions(
  store: Db,
  shopId: string,
  filter: { runId: string; agent?: AgentName; status?: string; page?: number },
): Promise<{ rows: DecisionListItem[]; total: number; page: number; pageCount: number }> {
  const where = { shopId, runId: filter.runId, ...(filter.agent ? { agent: filter.agent } : {}), ...(filter.status ? { status: filter.status } : {}) };
  const total = await store.decision.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / DECISIONS_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page ?? 1), pageCount);
  const rows = await store.decision.findMany({
    where,
    orderBy: [{ expectedValueMinor: "desc" }, { id: "asc" }],
    skip: (page - 1) * DECISIONS_PAGE_SIZE,
    take: DECISIONS_PAGE_SIZE,
    select: { id: true, customerId: true, agent: true, subject: true, messageType: true, status: true, sendAt: true, dropReason: true, cancelReason: true, expectedValueMinor: true },
  });
  return { rows, total, page, pageCount };
}

const Trace = z.object({
  inputs: z.record(z.string(), z.unknown()).default({}),
  reasoning: z.array(z.string()).default([]),
  action: z.string().default(""),
  expectedImpact: z.string().default(""),
  proposal: z
    .object({
      action: z.object({ messageType: z.string(), channel: z.string(), earliestSendAt: z.string(), latestSendAt: z.string() }).partial(),
      expectedValue: z.object({ incrementalRevenueMinor: z.number(), method: z.string(), probabilityUplift: z.number(), orderValueMinor: z.number() }).partial(),
    })
    .partial()
    .default({}),
  planner: z.record(z.string(), z.unknown()).default({}),
});
const Brief = z.object({
  products: z.array(z.object({ productId: z.string(), title: z.string(), priceMinor: z.number() })).default([]),
  numbers: z.record(z.string(), z.number()).default({}),
  deadlines: z.record(z.string(), z.string()).default({}),
  leadAttribute: z.string().nullable().default(null),
  discount: z.number().nullable().default(null),
});

export type DecisionDetail = Omit<DecisionListItem, never> & {
  runId: string;
  moment: Date;
  channel: string;
  method: string;
  objectiveId: string | null;
  discountCostMinor: number;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  brief: z.infer<typeof Brief>;
  trace: z.infer<typeof Trace>;
  customer: { displayName: string; emailMarketingState: string } | null;
};

export async function getDecision(store: Db, shopId: string, id: string): Promise<DecisionDetail | null> {
  const row = await store.decision.findUnique({ where: { shopId_id: { shopId, id } } });
  if (!row) return null;
  const customer = await store.customer.findUnique({
    where: { shopId_id: { shopId, id: row.customerId } },
    select: { firstName: true, lastName: true, email: true, redactedAt: true, emailMarketingState: true },
  });
  const { shopId: _s, brief, trace, ...rest } = row;
  const name = customer && !customer.redactedAt ? [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email : null;
  return {
    ...rest,
    brief: Brief.catch(Brief.parse({})).parse(safeJson(brief)),
    trace: Trace.catch(Trace.parse({})).parse(safeJson(trace)),
    customer: customer ? { displayName: name ?? `Customer ${row.customerId}`, emailMarketingState: customer.emailMarketingState } : null,
  };
}

export function isAgentName(value: string | null): value is AgentName {
  return value !== null && (AGENT_NAMES as readonly string[]).includes(value);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** A run's most valuable planned decision from each of `count` different agents (agent order): examples to show. */
export async function showcaseDecisions(store: Db, shopId: string, runId: string, count = 3): Promise<DecisionDetail[]> {
  const picked: DecisionDetail[] = [];
  for (const agent of AGENT_NAMES) {
    if (picked.length >= count) break;
    const top = await store.decision.findFirst({ where: { shopId, runId, agent, status: "planned" }, orderBy: [{ expectedValueMinor: "desc" }, { id: "asc" }], select: { id: true } });
    const detail = top ? await getDecision(store, shopId, top.id) : null;
    if (detail) picked.push(detail);
  }
  return picked;
}
