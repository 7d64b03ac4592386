import type { Db } from "~/db.server";
import { AGENT_NAMES, type AgentName } from "~/domain/agents/contract";
import type { DropKind } from "~/domain/planner/dropReasons";
import { showcaseDecisions } from "./decisionsView.server";
import { activeObjectives, createObjective } from "./objectives.server";
import { DEFAULT_INTENT_SETTINGS } from "~/domain/models/intent/intentDimensions";
import { ensureShopBtydModel } from "~/services/models/btydModel.server";
import { ensureShopIntentModel } from "~/services/models/intent.server";
import { runPlanning } from "./runPlanning.server";
import { traceText } from "./traceText";

/**
 * The demo's planning step: the demo shop's default objective (grow repeat revenue, two messages
 * per shopper per week, every agent) unless one is active, one scheduled run over the whole store,
 * and what to print: decisions per agent, what the budgets and consent dropped, and the full
 * reasoning traces of three planned decisions from different agents.
 */
export type DemoPlanningSummary = {
  runId: string;
  shoppers: number;
  proposals: number;
  planned: number;
  plannedByAgent: Record<AgentName, number>;
  droppedByBudget: { messages: number; discount: number };
  droppedByConsent: { notSubscribed: number; suppressed: number };
  droppedByReason: Record<DropKind, number>;
  examples: string[];
  intentModel: "cached" | "refitted" | "too-little-data";
  seconds: number;
};

export const DEMO_OBJECTIVE = {
  goal: "grow-repeat-revenue",
  target: { metric: "repeat-revenue-growth-percent", value: 15 },
  horizonDays: 90,
  messagesPerShopperPerWeek: 2,
  discountBudgetMinor: 50_000,
  agentsAllowed: [...AGENT_NAMES],
} as const;

export async function planDemoStore(store: Db, shopId: string, now: Date, databaseUrl?: string): Promise<{ summary: DemoPlanningSummary; text: string }> {
  if ((await activeObjectives(store, shopId)).length === 0) await createObjective(store, shopId, { ...DEMO_OBJECTIVE, agentsAllowed: [...DEMO_OBJECTIVE.agentsAllowed] });
  const started = performance.now();
  // What the nightly job does first: the models are fitted on the store's history (the intent model
  // on its browsing), then the whole shop is planned with them.
  await ensureShopBtydModel(store, shopId, now);
  const intentModel = await ensureShopIntentModel(store, shopId, now, DEFAULT_INTENT_SETTINGS);
  const run = await runPlanning(store, shopId, { now, trigger: "schedule", databaseUrl });
  const seconds = +((performance.now() - started) / 1000).toFixed(1);
  const { counts } = run;
  const shop = await store.shop.findUnique({ where: { id: shopId }, select: { currencyCode: true } });
  const examples = await showcaseDecisions(store, shopId, run.runId, 3);
  const summary: DemoPlanningSummary = {
    runId: run.runId,
    shoppers: counts.shoppers,
    proposals: counts.proposals,
    planned: Object.values(counts.plannedByAgent).reduce((sum, n) => sum + n, 0),
    plannedByAgent: counts.plannedByAgent,
    droppedByBudget: { messages: counts.droppedByReason["over-budget"], discount: counts.droppedByReason["discount-budget"] },
    droppedByConsent: { notSubscribed: counts.droppedByReason["not-subscribed"], suppressed: counts.droppedByReason.suppressed },
    droppedByReason: counts.droppedByReason,
    examples: examples.map((decision) => decision.id),
    intentModel,
    seconds,
  };
  const text = [
    `Planning run ${run.runId}: ${counts.shoppers} shoppers, ${counts.proposals} proposals in ${seconds} s (intent model: ${intentModel})`,
    `  planned per agent: ${AGENT_NAMES.map((agent) => `${agent} ${counts.plannedByAgent[agent]}`).join(", ")}`,
    `  dropped by budget: ${summary.droppedByBudget.messages} over the weekly message budget, ${summary.droppedByBudget.discount} over the discount budget`,
    `  dropped by consent: ${summary.droppedByConsent.notSubscribed} not subscribed, ${summary.droppedByConsent.suppressed} suppressed`,
    `  other drops: ${Object.entries(counts.droppedByReason)
      .filter(([kind, n]) => n > 0 && !["over-budget", "discount-budget", "not-subscribed", "suppressed"].includes(kind))
      .map(([kind, n]) => `${kind} ${n}`)
      .join(", ") || "none"}`,
    "",
    ...examples.map((decision, i) => `Reasoning trace ${i + 1} of ${examples.length}\n${traceText(decision, shop?.currencyCode ?? "USD")}\n`),
  ].join("\n");
  return { summary, text };
}
