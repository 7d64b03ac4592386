import type { ContentBrief, Proposal } from "~/domain/agents/contract";
import type { ShopperPlan } from "~/domain/planner/planner";

/**
 * A shopper's plan as Decision rows (pure): one row per proposal planned or dropped by the
 * planner's choices, carrying the proposal's brief and its reasoning trace with the planner's part
 * appended (when and why it was scheduled, or which typed reason dropped it and the sentence the
 * merchant reads). Dates inside the JSON are ISO strings.
 *
 * Drops that follow from the shopper alone (suppressed, not subscribed) are counted in the run
 * (per agent and reason) but not stored one by one: they are about half of all proposals, they say
 * nothing about the planner's choices, and the customer's own page shows their consent.
 */
export const UNSTORED_DROPS: ReadonlySet<string> = new Set(["suppressed", "not-subscribed"]);

export type DecisionRow = {
  shopId: string;
  id: string;
  runId: string;
  moment: Date;
  customerId: string;
  agent: string;
  subject: string;
  messageType: string;
  channel: string;
  status: "planned" | "dropped";
  sendAt: Date | null;
  dropReason: string | null;
  brief: string;
  expectedValueMinor: number;
  method: string;
  objectiveId: string | null;
  discountCostMinor: number;
  pclvMinor: number | null;
  trace: string;
  createdAt: Date;
  updatedAt: Date;
};

export type StoredTrace = Proposal["trace"] & {
  proposal: { action: Proposal["action"]; expectedValue: Proposal["expectedValue"] };
  planner: PlannerTrace;
};

export type PlannerTrace =
  | {
      outcome: "planned";
      sendAt: Date;
      localSendAt: string;
      timeZone: string;
      timeZoneSource: ShopperPlan["timeZoneSource"];
      objectiveId: string;
      weight: number;
      score: number;
      discountCostMinor: number;
      limitPerWeek: number;
      alreadySentThisWeek: number;
    }
  | { outcome: "dropped"; reason: ShopperPlan["dropped"][number]["reason"]; explanation: string; limitPerWeek: number; alreadySentThisWeek: number };

export function decisionRows(shopId: string, runId: string, moment: Date, plan: ShopperPlan, writtenAt: Date, pclvMinor: number | null = null): DecisionRow[] {
  const base = (proposal: Proposal) => ({
    shopId,
    id: proposal.id,
    runId,
    moment,
    customerId: proposal.customerId,
    agent: proposal.agent,
    subject: proposal.subject,
    messageType: proposal.action.messageType,
    channel: proposal.action.channel,
    brief: JSON.stringify(proposal.brief),
    expectedValueMinor: Math.round(proposal.expectedValue.incrementalRevenueMinor),
    method: proposal.expectedValue.method,
    pclvMinor: pclvMinor === null ? null : Math.round(pclvMinor),
    createdAt: writtenAt,
    updatedAt: writtenAt,
  });
  const trace = (proposal: Proposal, planner: PlannerTrace): string =>
    JSON.stringify({ ...proposal.trace, proposal: { action: proposal.action, expectedValue: proposal.expectedValue }, planner } satisfies StoredTrace);
  const budget = { limitPerWeek: plan.limitPerWeek, alreadySentThisWeek: plan.alreadySentThisWeek };
  return [
    ...plan.planned.map((message): DecisionRow => ({
      ...base(message.proposal),
      status: "planned",
      sendAt: message.sendAt,
      dropReason: null,
      objectiveId: message.objectiveId,
      discountCostMinor: message.discountCostMinor,
      trace: trace(message.proposal, {
        outcome: "planned",
        sendAt: message.sendAt,
        localSendAt: message.localSendAt,
        timeZone: plan.timeZone,
        timeZoneSource: plan.timeZoneSource,
        objectiveId: message.objectiveId,
        weight: message.weight,
        score: message.score,
        discountCostMinor: message.discountCostMinor,
        ...budget,
      }),
    })),
    ...plan.dropped
      .filter((dropped) => !UNSTORED_DROPS.has(dropped.reason.kind))
      .map((dropped): DecisionRow => ({
      ...base(dropped.proposal),
      status: "dropped",
      sendAt: null,
      dropReason: dropped.reason.kind,
      objectiveId: null,
      discountCostMinor: 0,
      trace: trace(dropped.proposal, { outcome: "dropped", reason: dropped.reason, explanation: dropped.explanation, ...budget }),
    })),
  ];
}

/**
 * A brief as decisionRows stored it (JSON, deadlines as ISO strings), read back for the review and
 * for rendering. Missing parts read as empty rather than undefined; invalid JSON throws.
 */
export function parseStoredBrief(json: string): ContentBrief {
  const raw = JSON.parse(json) as Partial<ContentBrief> & { deadlines?: Record<string, string> };
  return {
    products: Array.isArray(raw.products) ? raw.products : [],
    numbers: raw.numbers && typeof raw.numbers === "object" ? raw.numbers : {},
    deadlines: Object.fromEntries(Object.entries(raw.deadlines ?? {}).map(([key, at]) => [key, new Date(at)])),
    leadAttribute: typeof raw.leadAttribute === "string" ? raw.leadAttribute : null,
    discount: typeof raw.discount === "number" ? raw.discount : null,
  };
}
