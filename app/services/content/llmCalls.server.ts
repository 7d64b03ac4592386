import { randomUUID } from "node:crypto";
import type { Db } from "~/db.server";
import { monthWindow } from "~/domain/content/llm/cost";

/**
 * LlmCall rows: one per model call (and one per call the monthly cap stopped), with its tokens,
 * its cost from the shop's price table, and how it ended, so spend can be capped per month and
 * summed per message, agent and objective.
 */
export const LLM_CALL_OUTCOMES = ["ok", "invalid-output", "critic-rejected", "error", "timeout", "over-cap"] as const;
export type LlmCallOutcome = (typeof LLM_CALL_OUTCOMES)[number];

export type LlmCallStore = Pick<Db, "llmCall">;

export type LlmCallRecord = {
  shopId: string;
  messageId: string;
  agent: string;
  objectiveId: string | null;
  tier: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  costMicros: number;
  outcome: LlmCallOutcome;
  promptSha256: string;
  createdAt: Date;
};

export async function recordLlmCall(store: LlmCallStore, call: LlmCallRecord): Promise<void> {
  await store.llmCall.create({ data: { id: randomUUID(), ...call } });
}

/** What the shop has spent on model calls in the calendar month (UTC) of `now`, micros. */
export async function monthlySpendMicros(store: LlmCallStore, shopId: string, now: Date): Promise<number> {
  const { from, to } = monthWindow(now);
  const sum = await store.llmCall.aggregate({ where: { shopId, createdAt: { gte: from, lt: to } }, _sum: { costMicros: true } });
  return sum._sum.costMicros ?? 0;
}

export type CostLine = {
  /** Model calls made (rows the cap stopped are not calls). */
  calls: number;
  /** Distinct messages with at least one row. */
  messages: number;
  promptTokens: number;
  completionTokens: number;
  costMicros: number;
  byOutcome: Partial<Record<string, number>>;
};

export type LlmCostSummary = {
  from: Date;
  to: Date;
  total: CostLine;
  /** Dearest first. `costPerMessageMicros` is rounded to the nearest micro. */
  byAgentObjective: Array<CostLine & { agent: string; objectiveId: string | null; costPerMessageMicros: number }>;
  byTier: Array<{ tier: string; model: string; calls: number; promptTokens: number; completionTokens: number; costMicros: number }>;
};

function emptyLine(): CostLine {
  return { calls: 0, messages: 0, promptTokens: 0, completionTokens: 0, costMicros: 0, byOutcome: {} };
}

/** Spend on model calls in [from, to), by agent and objective, by tier, and in total. */
export async function llmCostSummary(store: LlmCallStore, shopId: string, from: Date, to: Date): Promise<LlmCostSummary> {
  const where = { shopId, createdAt: { gte: from, lt: to } };
  const [byOutcome, messages, tiers] = await Promise.all([
    store.llmCall.groupBy({ by: ["agent", "objectiveId", "outcome"], where, _sum: { promptTokens: true, completionTokens: true, costMicros: true }, _count: { _all: true } }),
    store.llmCall.groupBy({ by: ["agent", "objectiveId", "messageId"], where }),
    store.llmCall.groupBy({ by: ["tier", "model", "outcome"], where, _sum: { promptTokens: true, completionTokens: true, costMicros: true }, _count: { _all: true } }),
  ]);
  const key = (agent: string, objectiveId: string | null) => JSON.stringify([agent, objectiveId]);
  const lines = new Map<string, CostLine & { agent: string; objectiveId: string | null }>();
  const total = emptyLine();
  for (const row of byOutcome) {
    const line = lines.get(key(row.agent, row.objectiveId)) ?? { ...emptyLine(), agent: row.agent, objectiveId: row.objectiveId };
    lines.set(key(row.agent, row.objectiveId), line);
    for (const target of [line, total]) {
      const count = row._count._all;
      if (row.outcome !== "over-cap") target.calls += count;
      target.byOutcome[row.outcome] = (target.byOutcome[row.outcome] ?? 0) + count;
      target.promptTokens += row._sum.promptTokens ?? 0;
      target.completionTokens += row._sum.completionTokens ?? 0;
      target.costMicros += row._sum.costMicros ?? 0;
    }
  }
  const distinct = new Set<string>();
  for (const row of messages) {
    const line = lines.get(key(row.agent, row.objectiveId));
    if (line) line.messages++;
    distinct.add(row.messageId);
  }
  total.messages = distinct.size;
  const byTier = new Map<string, LlmCostSummary["byTier"][number]>();
  for (const row of tiers) {
    const k = JSON.stringify([row.tier, row.model]);
    const line = byTier.get(k) ?? { tier: row.tier, model: row.model, calls: 0, promptTokens: 0, completionTokens: 0, costMicros: 0 };
    byTier.set(k, line);
    if (row.outcome !== "over-cap") line.calls += row._count._all;
    line.promptTokens += row._sum.promptTokens ?? 0;
    line.completionTokens += row._sum.completionTokens ?? 0;
    line.costMicros += row._sum.costMicros ?? 0;
  }
  const order = (a: { costMicros: number }, b: { costMicros: number }) => b.costMicros - a.costMicros;
  return {
    from,
    to,
    total,
    byAgentObjective: [...lines.values()]
      .map((line) => ({ ...line, costPerMessageMicros: line.messages === 0 ? 0 : Math.round(line.costMicros / line.messages) }))
      .sort((a, b) => order(a, b) || a.agent.localeCompare(b.agent) || String(a.objectiveId).localeCompare(String(b.objectiveId))),
    byTier: [...byTier.values()].sort((a, b) => order(a, b) || a.tier.localeCompare(b.tier)),
  };
}
