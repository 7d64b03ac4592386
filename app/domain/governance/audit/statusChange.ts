import { z } from "zod";
import { MessageStatus } from "../autonomy/status";

/**
 * One state change of a message, as the audit trail keeps it: when, from what to what, who did it
 * (null: the system) and why. The approval state machine produces these; the audit record keeps
 * them all, in order, so "who approved it and when" and "when did it change" are both answerable.
 */
export const STATUS_CHANGE_ACTIONS = ["route", "approve", "reject", "edit", "recheck", "send", "fail", "block", "retry"] as const;

export const AuditActor = z.object({ userId: z.string().min(1), email: z.string().nullable() });
export type AuditActor = z.infer<typeof AuditActor>;

export const StatusChange = z.object({
  at: z.coerce.date(),
  /** Null for the first entry: the message came into existence with this status. */
  from: MessageStatus.nullable(),
  to: MessageStatus,
  action: z.enum(STATUS_CHANGE_ACTIONS),
  by: AuditActor.nullable(),
  /** The rejection reason, the failure, the routing reason: a sentence, when there is one. */
  note: z.string().nullable().default(null),
  /** For an edit: the draft fields the person changed. */
  changedFields: z.array(z.string()).default([]),
});
export type StatusChange = z.infer<typeof StatusChange>;
