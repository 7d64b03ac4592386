import { MessageDraft } from "../../content/messageDraft";
import type { StatusChange } from "../audit/statusChange";
import type { MessageStatus } from "./status";

/**
 * What a person can do to a message in the approval queue: approve it, reject it (with a reason),
 * or edit the copy, which approves the edited copy subject to the critic checking it again.
 *
 * Decisions, so the queue behaves predictably under double clicks and stale pages:
 *  - Tenancy is checked first, before anything about the message is revealed: an admin acting for
 *    one shop cannot act on, or learn the status of, another shop's message.
 *  - Repeating the action that already happened is a no-op success (changed: false, no audit
 *    entry): approving an approved message, or rejecting a rejected one, whoever repeats it. The
 *    first decision, its actor and its reason stay on record. A double-clicked button or a retried
 *    request must not look like a failure, nor write a second audit row.
 *  - Any other action on a message not awaiting approval is an error that says why (already sent,
 *    already rejected, cleared to send without review, blocked, ...). Changing one's mind after
 *    approving is not an approval action; it is out of this machine on purpose.
 *  - A rejection needs a reason (trimmed, 1..500 characters): it is what the team and the audit
 *    trail learn from.
 *  - An edit must change something, must leave a valid draft, and always sets recheckRequired.
 */
export type Actor = { shopId: string; userId: string; email: string | null };

export type ApprovalItem = { messageId: string; shopId: string; status: MessageStatus; draft: MessageDraft };

export type ApprovalAction = { kind: "approve" } | { kind: "reject"; reason: string } | { kind: "edit"; changes: Partial<MessageDraft> };

export const REJECTION_REASON_MAX = 500;

export type ApprovalErrorCode = "other-shop" | "not-awaiting-approval" | "reason-required" | "reason-too-long" | "invalid-edit" | "no-changes";

export type ApprovalSuccess = {
  ok: true;
  /** False for a repeated action: nothing changed and nothing should be written. */
  changed: boolean;
  status: MessageStatus;
  /** The draft that would go out (the edited one after an edit). */
  draft: MessageDraft;
  /** The copy changed: run the critic on `draft` before it can be sent. */
  recheckRequired: boolean;
  auditEntry: StatusChange | null;
};
export type ApprovalFailure = { ok: false; error: { code: ApprovalErrorCode; message: string } };
export type ApprovalResult = ApprovalSuccess | ApprovalFailure;

const fail = (code: ApprovalErrorCode, message: string): ApprovalFailure => ({ ok: false, error: { code, message } });

/** Why a message that is not awaiting approval cannot take this action (the sentence the admin sees). */
const NOT_AWAITING: Record<MessageStatus, string> = {
  "awaiting-approval": "",
  approved: "This message was already approved.",
  "edited-approved": "This message was already edited and approved.",
  rejected: "This message was already rejected.",
  ready: "This message was cleared to send without review; there is nothing to approve.",
  blocked: "This message was blocked by the checks and cannot be sent.",
  sent: "This message was already sent.",
  failed: "This message already went to sending (it failed); it is no longer awaiting approval.",
};

export function applyApprovalAction(current: ApprovalItem, action: ApprovalAction, actor: Actor, now: Date): ApprovalResult {
  if (current.shopId !== actor.shopId) return fail("other-shop", "This message belongs to another shop.");
  const noop: ApprovalSuccess = { ok: true, changed: false, status: current.status, draft: current.draft, recheckRequired: false, auditEntry: null };
  if (action.kind === "approve" && (current.status === "approved" || current.status === "edited-approved")) return noop;
  if (action.kind === "reject" && current.status === "rejected") return noop;
  if (current.status !== "awaiting-approval") return fail("not-awaiting-approval", NOT_AWAITING[current.status]);

  const by = { userId: actor.userId, email: actor.email };
  const entry = (to: MessageStatus, note: string | null, changedFields: string[] = []): StatusChange => ({
    at: now,
    from: current.status,
    to,
    action: action.kind,
    by,
    note,
    changedFields,
  });
  switch (action.kind) {
    case "approve":
      return { ...noop, changed: true, status: "approved", auditEntry: entry("approved", null) };
    case "reject": {
      const reason = typeof action.reason === "string" ? action.reason.trim() : "";
      if (reason === "") return fail("reason-required", "Say why you are rejecting this message; the reason is kept in the audit trail.");
      if ([...reason].length > REJECTION_REASON_MAX) return fail("reason-too-long", `Keep the reason to ${REJECTION_REASON_MAX} characters.`);
      return { ...noop, changed: true, status: "rejected", auditEntry: entry("rejected", reason) };
    }
    case "edit":
      return applyEdit(current, action.changes, noop, (fields) => entry("edited-approved", null, fields));
  }
}

function applyEdit(current: ApprovalItem, changes: Partial<MessageDraft>, noop: ApprovalSuccess, entry: (fields: string[]) => StatusChange): ApprovalResult {
  // strict(): an unknown field is a client bug, not something to drop silently.
  const parsedChanges = MessageDraft.partial().strict().safeParse(changes);
  if (!parsedChanges.success) return fail("invalid-edit", describeIssue(parsedChanges.error.issues[0]));
  const merged = MessageDraft.safeParse({ ...current.draft, ...parsedChanges.data });
  if (!merged.success) return fail("invalid-edit", describeIssue(merged.error.issues[0]));
  const changedFields = (Object.keys(parsedChanges.data) as Array<keyof MessageDraft>).filter(
    (field) => JSON.stringify(merged.data[field]) !== JSON.stringify(current.draft[field]),
  );
  if (changedFields.length === 0) return fail("no-changes", "The edit changes nothing; approve the message instead.");
  return { ...noop, changed: true, status: "edited-approved", draft: merged.data, recheckRequired: true, auditEntry: entry(changedFields.sort()) };
}

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (issue === undefined) return "The edited message is not valid.";
  const where = issue.path.map(String).join(".");
  return where === "" ? `The edited message is not valid: ${issue.message}` : `The edited message is not valid (${where}): ${issue.message}`;
}
