import type { Db } from "~/db.server";
import { AGENT_NAMES, type AgentName } from "~/domain/agents/contract";
import type { DropKind } from "~/domain/planner/dropReasons";
import { showcaseDecisions } from "./decisionsView.server";
import { activeObjectives, createObjective } from "./objectives.server";
import { DEFAULT_INTENT_SETTINGS } from "~/domain/models/intent/intentDimensions";
import { ensureShopBtydModel } from "~/services/models/btydModel.server";
import { ensureShopIntentModel } from "~/services/models/intent.server";
import { AuditRecord } from "~/domain/governance/audit";
import { AutonomySettings } from "~/domain/governance/autonomy";
import { parseShopSettings } from "~/domain/shop/shopSettings";
import { reviewDueMessages } from "~/services/governance/reviewMessages.server";
import { runPlanning } from "./runPlanning.server";

/** The demo reviews every planned message at once, however far ahead it is scheduled. */
const REVIEW_EVERYTHING_HOURS = 24 * 60;
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
  /** Governance of the planned messages: ready to send, waiting for approval, blocked. */
  reviewed: { ready: number; awaitingApproval: number; blocked: number };
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

/**
 * The demo runs supervised: messages inside the guardrails go out, a person reviews any discount
 * above 5% and any shopper predicted to be worth more than 300 in the shop currency.
 */
export const DEMO_AUTONOMY = AutonomySettings.parse({ defaultLevel: "supervised", supervised: { discountAbove: 0.05, pclvAboveMinor: 30_000 } });

export async function planDemoStore(store: Db, shopId: string, now: Date, databaseUrl?: string): Promise<{ summary: DemoPlanningSummary; text: string }> {
  if ((await activeObjectives(store, shopId)).length === 0) await createObjective(store, shopId, { ...DEMO_OBJECTIVE, agentsAllowed: [...DEMO_OBJECTIVE.agentsAllowed] });
  const started = performance.now();
  // What the nightly job does first: the models are fitted on the store's history (the intent model
  // on its browsing), then the whole shop is planned with them.
  await ensureShopBtydModel(store, shopId, now);
  const intentModel = await ensureShopIntentModel(store, shopId, now, DEFAULT_INTENT_SETTINGS);
  const run = await runPlanning(store, shopId, { now, trigger: "schedule", databaseUrl });
  // Then governance reviews everything the run planned (the worker does it a slice per tick).
  const review = await reviewDueMessages(store, shopId, now, { horizonHours: REVIEW_EVERYTHING_HOURS });
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
    reviewed: { ready: review.byStatus.ready, awaitingApproval: review.byStatus["awaiting-approval"], blocked: review.byStatus.blocked },
    seconds,
  };
  const governed = await governanceExamples(store, shopId, run.runId);
  const text = [
    `Planning run ${run.runId}: ${counts.shoppers} shoppers, ${counts.proposals} proposals in ${seconds} s (intent model: ${intentModel})`,
    `  planned per agent: ${AGENT_NAMES.map((agent) => `${agent} ${counts.plannedByAgent[agent]}`).join(", ")}`,
    `  dropped by budget: ${summary.droppedByBudget.messages} over the weekly message budget, ${summary.droppedByBudget.discount} over the discount budget`,
    `  dropped by consent: ${summary.droppedByConsent.notSubscribed} not subscribed, ${summary.droppedByConsent.suppressed} suppressed`,
    `  other drops: ${Object.entries(counts.droppedByReason)
      .filter(([kind, n]) => n > 0 && !["over-budget", "discount-budget", "not-subscribed", "suppressed"].includes(kind))
      .map(([kind, n]) => `${kind} ${n}`)
      .join(", ") || "none"}`,
    `Governance (autonomy: ${governed.level}; policy ${review.policyVersion === null ? "defaults" : `version ${review.policyVersion}`}):`,
    `  ${summary.reviewed.ready} cleared to send, ${summary.reviewed.awaitingApproval} waiting for approval, ${summary.reviewed.blocked} blocked`,
    ...governed.lines,
    "",
    ...examples.map((decision, i) => `Reasoning trace ${i + 1} of ${examples.length}\n${traceText(decision, shop?.currencyCode ?? "USD")}\n`),
  ].join("\n");
  return { summary, text };
}

/** One message of each outcome with the reasons the merchant reads (routing reasons, broken rules). */
async function governanceExamples(store: Db, shopId: string, runId: string): Promise<{ level: string; lines: string[] }> {
  const shop = await store.shop.findUniqueOrThrow({ where: { id: shopId }, select: { settings: true } });
  const level = parseShopSettings(shop.settings).autonomy.defaultLevel;
  const lines: string[] = [];
  for (const [status, label] of [
    ["ready", "cleared"],
    ["awaiting-approval", "waiting"],
    ["blocked", "blocked"],
  ] as const) {
    const row = await store.message.findFirst({ where: { shopId, runId, status }, orderBy: { id: "asc" }, select: { id: true, agent: true, audit: true, draft: true } });
    if (!row) continue;
    const audit = AuditRecord.parse(JSON.parse(row.audit));
    const rules = [...new Set(audit.checks.flatMap((check) => check.violations.map((v) => v.rule)))];
    const subject = (JSON.parse(row.draft) as { subject: string }).subject;
    lines.push(`  ${label}: ${row.agent} "${subject}" - ${audit.routing.reasons.join(" ")}${rules.length ? ` [rules: ${rules.join(", ")}]` : ""}`);
  }
  return { level, lines };
}
