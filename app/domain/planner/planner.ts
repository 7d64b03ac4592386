import { z } from "zod";
import { AGENT_NAMES, type AgentName, type Objective, type Proposal, type ShopperSnapshot } from "../agents/contract";
import { DAY_MS } from "../shared/time";
import { DROP_KINDS, explainDrop, type DropKind, type DropReason } from "./dropReasons";
import { agentWeight } from "./objectives";
import { DEFAULT_QUIET_HOURS, formatLocal, isValidTimeZone, nextSendableMoment, QuietHours } from "./quietHours";

/**
 * The planner: per shopper, at most the weekly budget of proposals, chosen by expected incremental
 * value weighted toward the active objectives, each scheduled in the shopper's own time zone
 * outside quiet hours. Every proposal not planned gets a typed reason (dropReasons.ts).
 *
 * Two passes. Screening, per shopper: suppressed, not subscribed, no active objective allows the
 * agent, already planned or sent (same id, or the same agent and subject within the cool-down),
 * no moment in the window outside quiet hours. Allocation, across the whole batch, in descending
 * weighted value: a shopper's weekly slots (the strictest active objective's limit, less what was
 * sent or scheduled in the last 7 days), one message per subject, spacing between a shopper's
 * messages, and each objective's discount budget, which therefore goes to the most valuable offers
 * in the batch. Ties break by raw value, agent order, customer id, then proposal id, and inputs are
 * sorted first, so the same inputs always give the same plan. planShopper(x) is planShop([x]).
 */
export const PlannerSettings = z.object({
  /** Null: no quiet hours. */
  quietHours: QuietHours.nullable().default(DEFAULT_QUIET_HOURS),
  /** The shop's zone, for shoppers whose own zone is unknown. */
  defaultTimeZone: z.string().min(1).default("UTC"),
  minHoursBetweenMessages: z.number().min(0, "Spacing cannot be negative.").max(168, "Spacing is at most a week (168 hours).").default(12),
  /** A message about the same agent and subject is not repeated within this many days. */
  subjectCooldownDays: z.number().int().min(0).max(90).default(7),
});
export type PlannerSettings = z.infer<typeof PlannerSettings>;

export const DEFAULT_PLANNER_SETTINGS: PlannerSettings = PlannerSettings.parse({});

export type PlanInput = {
  now: Date;
  objectives: readonly Objective[];
  currencyCode: string;
  settings?: Partial<PlannerSettings>;
  /** Discount already committed per objective id (minor units), from earlier runs or chunks. */
  discountSpentMinor?: Readonly<Record<string, number>>;
};

export type ShopperProposals = { shopper: ShopperSnapshot; proposals: readonly Proposal[] };

export type PlannedMessage = {
  proposal: Proposal;
  sendAt: Date;
  /** The send time on the shopper's clock, "2026-03-08 08:00". */
  localSendAt: string;
  /** The objective it serves: the one weighting its agent most, or the next with discount budget left to pay for its discount. */
  objectiveId: string;
  /** The highest weight an active objective gives the agent: what it was ranked by. */
  weight: number;
  /** Expected incremental revenue x the objective's weight for the agent: what the planner ranks by. */
  score: number;
  /** The discount's cost if redeemed: discount x the order value (0 without a discount). */
  discountCostMinor: number;
};

export type DroppedProposal = { proposal: Proposal; reason: DropReason; explanation: string };

export type ShopperPlan = {
  customerId: string;
  timeZone: string;
  timeZoneSource: "shopper" | "shop-default";
  limitPerWeek: number;
  alreadySentThisWeek: number;
  /** In the order chosen (highest weighted value first). */
  planned: PlannedMessage[];
  dropped: DroppedProposal[];
};

export type ShopPlan = { shoppers: ShopperPlan[]; discountSpentMinor: Record<string, number> };

type State = ShopperPlan & { shopper: ShopperSnapshot; slots: number; taken: number[] };
type Candidate = { state: State; proposal: Proposal; objectives: Objective[]; weight: number; score: number; start: Date };

const WEEK_MS = 7 * DAY_MS;

export function planShop(input: PlanInput, batch: readonly ShopperProposals[]): ShopPlan {
  const settings = { ...DEFAULT_PLANNER_SETTINGS, ...input.settings };
  const active = input.objectives.filter((objective) => objective.active).sort((a, b) => compare(a.id, b.id));
  const limit = active.length === 0 ? 0 : Math.min(...active.map((objective) => objective.messagesPerShopperPerWeek));
  const states: State[] = [];
  const candidates: Candidate[] = [];
  for (const entry of [...batch].sort((a, b) => compare(a.shopper.customerId, b.shopper.customerId))) {
    const state = newState(entry.shopper, input.now, limit, settings);
    states.push(state);
    candidates.push(...screen(state, entry.proposals, active, input.now, settings));
  }
  candidates.sort(byPriority);
  const spent: Record<string, number> = { ...input.discountSpentMinor };
  for (const candidate of candidates) allocate(candidate, spent, input, settings);
  return { shoppers: states.map(({ shopper: _s, slots: _l, taken: _t, ...plan }) => plan), discountSpentMinor: spent };
}

export function planShopper(input: PlanInput, entry: ShopperProposals): ShopperPlan {
  return planShop(input, [entry]).shoppers[0] as ShopperPlan;
}

function newState(shopper: ShopperSnapshot, now: Date, limit: number, settings: PlannerSettings): State {
  const own = shopper.timeZone !== null && isValidTimeZone(shopper.timeZone) ? shopper.timeZone : null;
  const timeZone = own ?? (isValidTimeZone(settings.defaultTimeZone) ? settings.defaultTimeZone : "UTC");
  const alreadySent = shopper.recentMessages.filter((message) => message.sendAt.getTime() > now.getTime() - WEEK_MS).length;
  return {
    shopper,
    customerId: shopper.customerId,
    timeZone,
    timeZoneSource: own !== null ? "shopper" : "shop-default",
    limitPerWeek: limit,
    alreadySentThisWeek: alreadySent,
    planned: [],
    dropped: [],
    slots: Math.max(0, limit - alreadySent),
    taken: shopper.recentMessages.map((message) => message.sendAt.getTime()),
  };
}

function screen(state: State, proposals: readonly Proposal[], active: readonly Objective[], now: Date, settings: PlannerSettings): Candidate[] {
  const { shopper } = state;
  const drop = (proposal: Proposal, reason: DropReason) => state.dropped.push({ proposal, reason, explanation: explainDrop(reason) });
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const cooldownFrom = now.getTime() - settings.subjectCooldownDays * DAY_MS;
  for (const proposal of [...proposals].sort((a, b) => compare(a.id, b.id))) {
    const objectives = active
      .filter((objective) => agentWeight(objective, proposal.agent) > 0)
      .sort((a, b) => agentWeight(b, proposal.agent) - agentWeight(a, proposal.agent) || compare(a.id, b.id));
    const samePlan = shopper.recentMessages.find((message) => message.proposalId === proposal.id);
    const sameSubject = shopper.recentMessages.find((m) => m.agent === proposal.agent && m.subject === proposal.subject && m.sendAt.getTime() > cooldownFrom);
    const start = new Date(Math.max(now.getTime(), proposal.action.earliestSendAt.getTime()));
    if (shopper.suppressed) drop(proposal, { kind: "suppressed", suppressionReason: shopper.suppressed.reason });
    else if (shopper.emailMarketingState !== "SUBSCRIBED" || !shopper.email) {
      drop(proposal, { kind: "not-subscribed", emailMarketingState: shopper.emailMarketingState, hasEmail: Boolean(shopper.email) });
    } else if (objectives.length === 0) drop(proposal, { kind: "agent-not-allowed", agent: proposal.agent, activeObjectiveIds: active.map((o) => o.id) });
    else if (seen.has(proposal.id)) drop(proposal, { kind: "duplicate", of: proposal.id, how: "same-proposal-in-run", previousSendAt: null });
    else if (samePlan) drop(proposal, { kind: "duplicate", of: proposal.id, how: "already-planned", previousSendAt: samePlan.sendAt });
    else if (sameSubject) {
      drop(proposal, { kind: "duplicate", of: sameSubject.proposalId ?? `${sameSubject.agent}:${proposal.subject}`, how: "same-subject-recently", previousSendAt: sameSubject.sendAt });
    } else if (nextSendableMoment(start, state.timeZone, settings.quietHours).getTime() > proposal.action.latestSendAt.getTime()) {
      drop(proposal, noWindow(proposal, state, settings, false));
    } else {
      const weight = agentWeight(objectives[0] as Objective, proposal.agent);
      candidates.push({ state, proposal, objectives, weight, score: round2(proposal.expectedValue.incrementalRevenueMinor * weight), start });
    }
    seen.add(proposal.id);
  }
  return candidates;
}

function allocate(candidate: Candidate, spent: Record<string, number>, input: PlanInput, settings: PlannerSettings): void {
  const { state, proposal } = candidate;
  const drop = (reason: DropReason): void => void state.dropped.push({ proposal, reason, explanation: explainDrop(reason) });
  if (state.planned.length >= state.slots) {
    const beatenBy = state.planned.map((p) => ({ proposalId: p.proposal.id, agent: p.proposal.agent, score: p.score }));
    return drop({ kind: "over-budget", limitPerWeek: state.limitPerWeek, alreadySentThisWeek: state.alreadySentThisWeek, beatenBy });
  }
  const sameSubject = state.planned.find((p) => p.proposal.agent === proposal.agent && p.proposal.subject === proposal.subject);
  if (sameSubject) return drop({ kind: "duplicate", of: sameSubject.proposal.id, how: "same-subject-in-run", previousSendAt: sameSubject.sendAt });
  const sendAt = schedule(candidate.start, proposal.action.latestSendAt, state, settings);
  if (!sendAt) return drop(noWindow(proposal, state, settings, true));
  const discount = proposal.brief.discount ?? 0;
  const cost = discount > 0 ? Math.round(discount * proposal.expectedValue.orderValueMinor) : 0;
  const remaining = (objective: Objective) => objective.discountBudgetMinor - (spent[objective.id] ?? 0);
  const payer = cost > 0 ? candidate.objectives.find((objective) => remaining(objective) >= cost) : candidate.objectives[0];
  if (!payer) {
    const most = Math.max(0, ...candidate.objectives.map(remaining));
    return drop({ kind: "discount-budget", objectiveIds: candidate.objectives.map((o) => o.id), costMinor: cost, remainingMinor: most, currencyCode: input.currencyCode });
  }
  if (cost > 0) spent[payer.id] = (spent[payer.id] ?? 0) + cost;
  state.taken.push(sendAt.getTime());
  state.planned.push({
    proposal,
    sendAt,
    localSendAt: formatLocal(sendAt, state.timeZone),
    objectiveId: payer.id,
    weight: candidate.weight,
    score: candidate.score,
    discountCostMinor: cost,
  });
}

/** The first moment from `start` outside quiet hours and at least the spacing away from the shopper's other messages. */
function schedule(start: Date, latest: Date, state: State, settings: PlannerSettings): Date | null {
  const gap = settings.minHoursBetweenMessages * 3_600_000;
  let at = nextSendableMoment(start, state.timeZone, settings.quietHours);
  for (let moves = 0; moves <= state.taken.length && at.getTime() <= latest.getTime(); moves++) {
    const clash = state.taken.find((taken) => Math.abs(taken - at.getTime()) < gap);
    if (clash === undefined) return at;
    at = nextSendableMoment(new Date(clash + gap), state.timeZone, settings.quietHours);
  }
  return null;
}

function noWindow(proposal: Proposal, state: State, settings: PlannerSettings, blockedBySpacing: boolean): DropReason {
  return {
    kind: "no-send-window",
    earliestSendAt: proposal.action.earliestSendAt,
    latestSendAt: proposal.action.latestSendAt,
    timeZone: state.timeZone,
    quietHours: settings.quietHours,
    spacingHours: settings.minHoursBetweenMessages,
    blockedBySpacing,
  };
}

function byPriority(a: Candidate, b: Candidate): number {
  return (
    b.score - a.score ||
    b.proposal.expectedValue.incrementalRevenueMinor - a.proposal.expectedValue.incrementalRevenueMinor ||
    AGENT_NAMES.indexOf(a.proposal.agent) - AGENT_NAMES.indexOf(b.proposal.agent) ||
    compare(a.state.customerId, b.state.customerId) ||
    compare(a.proposal.id, b.proposal.id)
  );
}

export type PlanSummary = { plannedByAgent: Record<AgentName, number>; droppedByReason: Record<DropKind, number> };

/** Counts for a run's report: messages planned per agent, proposals dropped per reason. */
export function summarisePlan(shoppers: readonly ShopperPlan[]): PlanSummary {
  const plannedByAgent = Object.fromEntries(AGENT_NAMES.map((agent) => [agent, 0])) as Record<AgentName, number>;
  const droppedByReason = Object.fromEntries(DROP_KINDS.map((kind) => [kind, 0])) as Record<DropKind, number>;
  for (const plan of shoppers) {
    for (const message of plan.planned) plannedByAgent[message.proposal.agent]++;
    for (const dropped of plan.dropped) droppedByReason[dropped.reason.kind]++;
  }
  return { plannedByAgent, droppedByReason };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
