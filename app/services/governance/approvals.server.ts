import type { Db } from "~/db.server";
import { MessageDraft } from "~/domain/content/messageDraft";
import { AuditRecord, recordStatusChange } from "~/domain/governance/audit";
import { applyBulk, MessageStatus, type Actor, type ApprovalErrorCode, type ApprovalItem } from "~/domain/governance/autonomy";
import type { Violation } from "~/domain/governance/violation";
import { displayName } from "~/domain/profiles/identity";
import { findInBatches } from "~/services/queryBatches";
import { recheckEditedMessage } from "./reviewMessages.server";

/**
 * The approval queue: messages waiting for a person, and what a person does to them (approve,
 * reject with a reason, edit; one by one or in bulk), applied by the domain's approval machine.
 *
 * - Tenancy: every query is scoped by the authenticated shop. A message id of another shop is
 *   simply not found ("not in your shop"): the admin learns nothing about it, and nothing changes.
 * - Optimistic writes: a message is written only if its row is still exactly what was read (same
 *   status and same updatedAt), in one UPDATE per message, so two admins deciding the same message
 *   at once cannot both win; the loser gets "changed meanwhile". When the page sends the version it
 *   showed (`seen`, the row's updatedAt), an action that would change a message that has changed
 *   since (say, someone else edited its copy) is refused the same way. Repeating an action that
 *   already happened stays a no-op success, as the domain decides.
 * - An edit moves the message to edited-approved (never sendable) and then the critic re-checks
 *   it (recheckEditedMessage): ready, blocked, or back in this queue. If the re-check itself fails,
 *   the edit is kept and the message stays unsendable until it is re-checked.
 */
export const SHOP_ADMIN_USER_ID = "shop-admin";

/** The actor the audit trail records: the signed-in user when the session names one, else the shop's admin. */
export function governanceActor(context: { shop: string; user: { id: string; email: string | null } | null }): Actor {
  return { shopId: context.shop, userId: context.user?.id ?? SHOP_ADMIN_USER_ID, email: context.user?.email ?? null };
}

/** Who saved a policy or setting, as PolicyVersion.savedBy records it. */
export function actorLabel(actor: Actor): string {
  return actor.email ?? actor.userId;
}

export type QueueItem = {
  id: string;
  customerId: string;
  customerName: string;
  agent: string;
  objectiveId: string | null;
  messageType: string;
  sendAt: string | null;
  awaitingSince: string | null;
  /** The row version the page shows; sent back with an action (see `seen`). */
  version: string;
  reasons: string[];
  /** The findings of the latest round of checks, with its stage. */
  violations: Array<Violation & { stage: string }>;
  draft: MessageDraft;
};

export type ApprovalQueue = { rows: QueueItem[]; unreadable: string[]; total: number; page: number; pageCount: number; pageSize: number };

export async function listApprovalQueue(store: Db, shopId: string, options: { page?: number; pageSize?: number } = {}): Promise<ApprovalQueue> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 20, 1), 100);
  const where = { shopId, status: "awaiting-approval" };
  const total = await store.message.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(options.page ?? 1, 1), pageCount);
  const messages = await store.message.findMany({
    where,
    orderBy: [{ awaitingSince: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: { id: true, customerId: true, agent: true, objectiveId: true, sendAt: true, awaitingSince: true, updatedAt: true, draft: true, audit: true },
  });
  const customers = await store.customer.findMany({
    where: { shopId, id: { in: [...new Set(messages.map((m) => m.customerId))] } },
    select: { id: true, email: true, firstName: true, lastName: true, redactedAt: true, deletedAt: true },
  });
  const names = new Map(customers.map((customer) => [customer.id, displayName(customer)]));
  const rows: QueueItem[] = [];
  const unreadable: string[] = [];
  for (const message of messages) {
    const draft = MessageDraft.safeParse(parseJson(message.draft));
    const audit = AuditRecord.safeParse(parseJson(message.audit));
    if (!draft.success || !audit.success) {
      unreadable.push(`Message ${message.id} cannot be read by this version (${!draft.success ? "draft" : "audit record"}).`);
      continue;
    }
    const latest = audit.data.checks.at(-1);
    rows.push({
      id: message.id,
      customerId: message.customerId,
      customerName: names.get(message.customerId) ?? `Customer ${message.customerId}`,
      agent: message.agent,
      objectiveId: message.objectiveId,
      messageType: audit.data.messageType,
      sendAt: message.sendAt?.toISOString() ?? null,
      awaitingSince: message.awaitingSince?.toISOString() ?? null,
      version: message.updatedAt.toISOString(),
      reasons: audit.data.routing.reasons,
      violations: latest ? latest.violations.map((violation) => ({ ...violation, stage: latest.stage })) : [],
      draft: draft.data,
    });
  }
  return { rows, unreadable, total, page, pageCount, pageSize };
}

/** One message to act on, with the version the page showed it at (optional). */
export type ApprovalTarget = { messageId: string; seen?: string | null };

/** An edit as the page's form gives it; the call-to-action keeps its link. */
export type DraftEdit = { subject?: string; preheader?: string; paragraphs?: string[]; callToActionLabel?: string };

export type DecisionAction = { kind: "approve" } | { kind: "reject"; reason: string } | { kind: "edit"; edit: DraftEdit };

export type DecisionErrorCode = ApprovalErrorCode | "not-found" | "changed-meanwhile" | "unreadable" | "recheck-failed";

export type DecisionOutcome =
  | { messageId: string; ok: true; changed: boolean; status: MessageStatus; recheck: { violations: Violation[] } | null }
  | { messageId: string; ok: false; code: DecisionErrorCode; message: string };

export type DecisionReport = { results: DecisionOutcome[]; succeeded: number; failed: number };

const NOT_FOUND = "This message is not in your shop's messages (it may belong to another shop, or the id is wrong). Nothing was changed.";
const CHANGED = "This message changed meanwhile (someone else acted on it, or it was re-checked); nothing was changed. Reload to see it as it is now.";

/** Approve, reject or edit one message. */
export async function decideMessage(store: Db, actor: Actor, target: ApprovalTarget, action: DecisionAction, now: Date): Promise<DecisionOutcome> {
  const report = await decideMessages(store, actor, [target], action, now);
  return report.results[0] as DecisionOutcome;
}

/**
 * The same action on many messages, each on its own: one that is refused (another shop's, already
 * decided, changed meanwhile) does not stop the rest. Results come back in the order given.
 */
export async function decideMessages(store: Db, actor: Actor, targets: readonly ApprovalTarget[], action: DecisionAction, now: Date): Promise<DecisionReport> {
  const ids = [...new Set(targets.map((target) => target.messageId))];
  const found = await findInBatches(ids, (batch) => store.message.findMany({ where: { shopId: actor.shopId, id: { in: batch } } }));
  const rows = new Map(found.map((row) => [row.id, row]));

  const results: Array<DecisionOutcome | null> = targets.map(() => null);
  const items: ApprovalItem[] = [];
  const itemIndex: number[] = [];
  targets.forEach((target, i) => {
    const row = rows.get(target.messageId);
    if (!row) return void (results[i] = fail(target.messageId, "not-found", NOT_FOUND));
    const status = MessageStatus.safeParse(row.status);
    const draft = MessageDraft.safeParse(parseJson(row.draft));
    if (!status.success || !draft.success) return void (results[i] = fail(target.messageId, "unreadable", "This message cannot be read by this version of the app; nothing was changed."));
    items.push({ messageId: row.id, shopId: row.shopId, status: status.data, draft: draft.data });
    itemIndex.push(i);
  });

  // An edit is relative to each message's own draft; approvals and rejections are the same for all
  // (and applyBulk turns a repeated id into a no-op rather than a second audit entry).
  const applied =
    action.kind === "edit"
      ? items.map((item) => applyBulk([item], { kind: "edit", changes: editChanges(item.draft, action.edit) }, actor, now).results[0]!)
      : applyBulk(items, action, actor, now).results;

  for (let k = 0; k < items.length; k++) {
    const i = itemIndex[k] as number;
    const item = items[k] as ApprovalItem;
    const { result } = applied[k]!;
    const target = targets[i] as ApprovalTarget;
    if (!result.ok) {
      results[i] = fail(item.messageId, result.error.code, result.error.message);
      continue;
    }
    if (!result.changed || !result.auditEntry) {
      results[i] = { messageId: item.messageId, ok: true, changed: false, status: result.status, recheck: null };
      continue;
    }
    const row = rows.get(item.messageId)!;
    if (target.seen && target.seen !== row.updatedAt.toISOString()) {
      results[i] = fail(item.messageId, "changed-meanwhile", CHANGED);
      continue;
    }
    const audit = AuditRecord.safeParse(parseJson(row.audit));
    if (!audit.success || audit.data.status !== row.status) {
      results[i] = fail(item.messageId, "unreadable", "This message's audit record cannot be read or disagrees with its status; nothing was changed.");
      continue;
    }
    const written = await store.message.updateMany({
      where: { shopId: actor.shopId, id: item.messageId, status: row.status, updatedAt: row.updatedAt },
      data: {
        status: result.status,
        draft: JSON.stringify(result.draft),
        audit: JSON.stringify(recordStatusChange(audit.data, result.auditEntry)),
        awaitingSince: null,
      },
    });
    if (written.count === 0) {
      results[i] = fail(item.messageId, "changed-meanwhile", CHANGED);
      continue;
    }
    if (!result.recheckRequired) {
      results[i] = { messageId: item.messageId, ok: true, changed: true, status: result.status, recheck: null };
      continue;
    }
    try {
      const recheck = await recheckEditedMessage(store, actor.shopId, item.messageId, now);
      results[i] = { messageId: item.messageId, ok: true, changed: true, status: recheck.status, recheck: { violations: recheck.violations } };
    } catch (error) {
      results[i] = fail(
        item.messageId,
        "recheck-failed",
        `The edit was saved, but the critic could not re-check it (${(error as Error).message}); the message will not be sent until it is re-checked.`,
      );
    }
  }
  const done = results.map((result, i) => result ?? fail(targets[i]!.messageId, "not-found", NOT_FOUND));
  const succeeded = done.filter((result) => result.ok).length;
  return { results: done, succeeded, failed: done.length - succeeded };
}

/** The form's edit as a partial draft for the approval machine (it decides what actually changed). */
export function editChanges(current: MessageDraft, edit: DraftEdit): Partial<MessageDraft> {
  const changes: Partial<MessageDraft> = {};
  if (edit.subject !== undefined) changes.subject = edit.subject.trim();
  if (edit.preheader !== undefined) changes.preheader = edit.preheader.trim();
  if (edit.paragraphs !== undefined) changes.paragraphs = edit.paragraphs;
  if (edit.callToActionLabel !== undefined) changes.callToAction = { ...current.callToAction, label: edit.callToActionLabel.trim() };
  return changes;
}

/** The paragraphs textarea: paragraphs separated by a blank line. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "");
}

function fail(messageId: string, code: DecisionErrorCode, message: string): DecisionOutcome {
  return { messageId, ok: false, code, message };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
