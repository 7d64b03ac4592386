import type { StatusChange } from "../audit/statusChange";
import type { CriticOutcome } from "./route";
import { canTransition, type MessageStatus } from "./status";

/**
 * The state changes the system makes (sending, failing, re-checking an edit, a late block), with
 * the same audit entry a person's action gets, so the history of a message has no gaps. A change
 * the state machine does not allow is refused, never forced: a sent message cannot be "retried".
 */
export type SystemAction = "send" | "fail" | "recheck" | "block" | "retry";

export type SystemTransitionResult = { ok: true; status: MessageStatus; auditEntry: StatusChange } | { ok: false; error: string };

export function systemTransition(from: MessageStatus, to: MessageStatus, action: SystemAction, now: Date, note: string | null = null): SystemTransitionResult {
  if (!canTransition(from, to)) return { ok: false, error: `A message that is ${from} cannot become ${to}.` };
  return { ok: true, status: to, auditEntry: { at: now, from, to, action, by: null, note, changedFields: [] } };
}

/**
 * Where an edited message goes once the critic has checked the edit: a pass clears it, a block
 * blocks it, and anything the critic wants fixed goes back to the person (the system does not
 * rewrite a person's words behind their back).
 */
export function statusAfterRecheck(outcome: CriticOutcome): MessageStatus {
  return outcome === "pass" ? "ready" : outcome === "block" ? "blocked" : "awaiting-approval";
}
