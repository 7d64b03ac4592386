import { money, plainDate } from "../agents/agentHelpers";
import type { AgentName } from "../agents/contract";
import type { QuietHours } from "./quietHours";

/**
 * Why the planner did not send a proposal: one typed reason each, with the facts behind it and a
 * sentence the merchant reads. Switched on exhaustively, so a new reason cannot go unexplained.
 */
export type BeatenBy = { proposalId: string; agent: AgentName; score: number };

export type DropReason =
  | { kind: "suppressed"; suppressionReason: string }
  | { kind: "not-subscribed"; emailMarketingState: string; hasEmail: boolean }
  | { kind: "agent-not-allowed"; agent: AgentName; activeObjectiveIds: string[] }
  | { kind: "duplicate"; of: string; how: "same-proposal-in-run" | "already-planned" | "same-subject-recently" | "same-subject-in-run"; previousSendAt: Date | null }
  | { kind: "no-send-window"; earliestSendAt: Date; latestSendAt: Date; timeZone: string; quietHours: QuietHours | null; spacingHours: number; blockedBySpacing: boolean }
  | { kind: "over-budget"; limitPerWeek: number; alreadySentThisWeek: number; beatenBy: BeatenBy[] }
  | { kind: "discount-budget"; objectiveIds: string[]; costMinor: number; remainingMinor: number; currencyCode: string };

export type DropKind = DropReason["kind"];

export const DROP_KINDS: readonly DropKind[] = ["suppressed", "not-subscribed", "agent-not-allowed", "duplicate", "no-send-window", "over-budget", "discount-budget"];

export function explainDrop(reason: DropReason): string {
  switch (reason.kind) {
    case "suppressed":
      return `Not sent: this shopper is suppressed (${reason.suppressionReason}) and is never messaged.`;
    case "not-subscribed":
      return reason.hasEmail
        ? `Not sent: the shopper's email marketing consent is ${reason.emailMarketingState}, not SUBSCRIBED.`
        : "Not sent: the shopper has no email address.";
    case "agent-not-allowed":
      return reason.activeObjectiveIds.length === 0
        ? `Not sent: no objective is active, so no agent may send (${reason.agent} proposed it).`
        : `Not sent: none of the active objectives (${reason.activeObjectiveIds.join(", ")}) allows the ${reason.agent} agent.`;
    case "duplicate":
      switch (reason.how) {
        case "same-proposal-in-run":
          return `Not sent: the same proposal (${reason.of}) appeared twice in this run; it is planned once.`;
        case "already-planned":
          return `Not sent again: this proposal was already planned${reason.previousSendAt ? ` for ${plainDate(reason.previousSendAt)}` : ""}.`;
        case "same-subject-recently":
          return `Not sent: a message about the same subject went out${reason.previousSendAt ? ` on ${plainDate(reason.previousSendAt)}` : ""} (${reason.of}), within the cool-down.`;
        case "same-subject-in-run":
          return `Not sent: a more valuable message about the same subject (${reason.of}) is already planned in this run.`;
        default:
          return assertNever(reason.how);
      }
    case "no-send-window":
      return reason.blockedBySpacing
        ? `Not sent: between ${plainDate(reason.earliestSendAt)} and ${plainDate(reason.latestSendAt)} there is no moment outside quiet hours that is also ${reason.spacingHours} hours from the shopper's other messages.`
        : `Not sent: the window from ${plainDate(reason.earliestSendAt)} to ${plainDate(reason.latestSendAt)} has passed or falls entirely within quiet hours (${reason.quietHours ? `${reason.quietHours.start}-${reason.quietHours.end} ` : "none set, "}${reason.timeZone} time).`;
    case "over-budget": {
      const sent = `${reason.alreadySentThisWeek} already sent or scheduled in the last 7 days`;
      const beaten = reason.beatenBy.length
        ? `; chosen instead: ${reason.beatenBy.map((b) => `${b.agent} (${b.proposalId}, weighted value ${b.score})`).join(", ")}`
        : "";
      return `Not sent: over the budget of ${reason.limitPerWeek} message${reason.limitPerWeek === 1 ? "" : "s"} per shopper per week (${sent}${beaten}).`;
    }
    case "discount-budget":
      return `Not sent: its discount would cost up to ${money(reason.costMinor, reason.currencyCode)}, more than the ${money(reason.remainingMinor, reason.currencyCode)} left in the discount budget of ${reason.objectiveIds.join(", ")}.`;
    default:
      return assertNever(reason);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexplained drop reason: ${JSON.stringify(value)}`);
}
