import crypto from "node:crypto";
import type { Db } from "~/db.server";
import type { DbTransaction } from "~/services/recordInboxEvent.server";
import { SmtpSendError, type EmailEnvelope, type EmailTransport } from "~/adapters/email/smtpTransport.server";
import { AuditRecord, recordStatusChange } from "~/domain/governance/audit";
import { systemTransition, type MessageStatus, type SystemAction } from "~/domain/governance/autonomy";
import { renderMessageEmail, type RenderedEmail } from "./renderEmail.server";

/**
 * The sender: every message that is sendable (ready or approved), due (sendAt <= now) and not
 * waiting out a retry goes to the shopper's inbox at most once.
 *
 * **Claims.** A message is claimed with one conditional UPDATE (status still sendable, still due,
 * and `sendingSince` empty or older than the lease) that sets `sendingSince`. The database decides
 * which of two concurrent senders wins (SQLite has one writer; PostgreSQL re-checks the WHERE on
 * the row the first updater committed), so two senders never both send a message. A claim older
 * than the lease (10 minutes; every SMTP timeout is far shorter) belongs to a sender that died, and
 * may be retaken.
 *
 * **Idempotency key: the message id.** The email's Message-ID header is derived from it
 * (`<sha256(shop, message)@app-host>`), and before talking to the provider the sender writes the
 * Delivery row (one per message and channel) in state "sending" with the exact email. The crash
 * window is between the provider's 250 and the row becoming "sent": a sender that retakes an
 * expired claim and finds a "sending" row cannot know whether the provider has the message.
 *   - With `lookupAccepted` (a record that can answer: the demo's local SMTP server, a provider API
 *     that searches by Message-ID) it asks: accepted -> the message is marked sent, nothing is
 *     sent again; not accepted -> it is sent now, under the same Message-ID.
 *   - Without one it does NOT resend: the Delivery becomes "unknown", the message "failed" with the
 *     reason in its audit history and lastError, and the admin decides (Outbox page). This is
 *     at-most-once on purpose: a marketing email lost in a crash costs less than one sent twice,
 *     and the window is milliseconds wide. Retrying such a message is a person's decision; when
 *     it is made (failed -> ready), the next send goes out under the same Message-ID, so receivers
 *     that deduplicate by it still can.
 *   SMTP itself has a similar window (the connection drops after the last byte and before the
 *   reply); the adapter reports that as a connection error and it is retried (smtpErrors.ts).
 *
 * **Consent, again, at send time.** Whatever planning and review saw, the shopper must still be
 * SUBSCRIBED, not suppressed (hard bounce, complaint, unsubscribe), not deleted or redacted, and
 * have an address; otherwise the message is blocked, with the reason in its audit history.
 *
 * **Provider answers.** Accepted -> sent (sentAt, providerMessageId, the Delivery row with what was
 * sent and what the server answered). Temporary (4xx, connection) -> attempts + 1, retryAt with
 * exponential backoff, status unchanged, lastError; after `maxAttempts` -> failed. Permanent (5xx)
 * -> failed; a hard bounce (550/551/553, 5.1.x) also suppresses the shopper so nothing is sent to
 * the address again. A failure of the transport itself (connection refused, bad credentials) ends
 * the run after that message: the others would fail the same way and each would lose an attempt.
 *
 * Anything the transport throws that is not an SmtpSendError is treated as a crash: it propagates,
 * the claim and the "sending" row stay, and the lease decides what happens next (see above).
 */
export type SendDeps = {
  transport: EmailTransport;
  /** The app's public URL: unsubscribe links and the Message-ID's domain. */
  appUrl: string;
  /** Signs unsubscribe tokens (renderMessageEmail). */
  secret: string;
  /** At most this many messages per run (default 50). */
  limit?: number;
  /** How long a claim holds (default 10 minutes). */
  leaseMs?: number;
  /** Attempts before a temporary failure becomes final (default 6). */
  maxAttempts?: number;
  /** Delay before attempt n+1 after the n-th temporary failure (default 5 min x 2^(n-1), at most 6 h). */
  backoffMs?: (attempts: number) => number;
  /** Whether the provider has a message with this Message-ID: true, false, or null (cannot tell). */
  lookupAccepted?: (messageIdHeader: string) => Promise<boolean | null>;
  render?: typeof renderMessageEmail;
};

export type SendReport = {
  /** Due messages looked at. */
  due: number;
  sent: number;
  /** Temporary failures that will be retried. */
  deferred: number;
  failed: number;
  blocked: number;
  /** Messages whose earlier attempt ended in a crash and were settled without sending (sent or unknown). */
  recovered: number;
  unknown: number;
  /** Claimed by another sender first. */
  skipped: number;
  /** Why the run stopped early (a transport failure), or null. */
  stoppedBy: string | null;
};

export const SENDABLE: readonly MessageStatus[] = ["ready", "approved"];
export const DEFAULT_LEASE_MS = 10 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 6;

export function defaultBackoffMs(attempts: number): number {
  return Math.min(6 * 3_600_000, 5 * 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** The Message-ID a message is always sent under: stable across retries, senders and restarts. */
export function deliveryMessageId(shopId: string, messageId: string, appUrl: string): string {
  const hash = crypto.createHash("sha256").update(`${shopId}\n${messageId}`).digest("hex").slice(0, 40);
  let host = "localhost";
  try {
    host = new URL(appUrl).hostname.replace(/^\[|\]$/g, "") || host;
  } catch {
    // keep localhost
  }
  return `<${hash}@${host}>`;
}

/** What the Delivery row of an email holds (payload JSON). */
export type EmailDeliveryPayload = {
  messageId: string;
  from: { name: string | null; address: string };
  to: string;
  toName: string | null;
  subject: string;
  headers: Record<string, string>;
  text: string;
  html: string;
  unsubscribeUrl: string;
  links: string[];
};

/** Delivery.status values of the email channel. */
export type EmailDeliveryStatus = "sending" | "sent" | "deferred" | "failed" | "unknown" | "skipped";

const CHANNEL = "email";

export async function sendDueMessages(store: Db, shopId: string, now: Date, deps: SendDeps): Promise<SendReport> {
  const report: SendReport = { due: 0, sent: 0, deferred: 0, failed: 0, blocked: 0, recovered: 0, unknown: 0, skipped: 0, stoppedBy: null };
  const shop = await store.shop.findUnique({ where: { id: shopId }, select: { status: true } });
  if (!shop || shop.status !== "installed") {
    report.stoppedBy = shop ? "the shop uninstalled the app" : "no such shop";
    return report;
  }
  const lease = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const due = await store.message.findMany({
    where: dueWhere(shopId, now, lease),
    orderBy: [{ sendAt: "asc" }, { id: "asc" }],
    take: deps.limit ?? 50,
    select: { id: true },
  });
  report.due = due.length;
  for (const { id } of due) {
    const outcome = await sendOne(store, shopId, id, now, deps, lease);
    report[outcome.result]++;
    if (outcome.stop) {
      report.stoppedBy = outcome.stop;
      break;
    }
  }
  return report;
}

function dueWhere(shopId: string, now: Date, lease: number) {
  return {
    shopId,
    status: { in: [...SENDABLE] },
    sendAt: { lte: now },
    AND: [{ OR: [{ retryAt: null }, { retryAt: { lte: now } }] }, { OR: [{ sendingSince: null }, { sendingSince: { lt: new Date(now.getTime() - lease) } }] }],
  };
}

type Outcome = { result: Exclude<keyof SendReport, "due" | "stoppedBy">; stop?: string };

async function sendOne(store: Db, shopId: string, id: string, now: Date, deps: SendDeps, lease: number): Promise<Outcome> {
  // The claim: one conditional UPDATE; whoever changes the row owns the message until the lease ends.
  const claimed = await store.message.updateMany({ where: { ...dueWhere(shopId, now, lease), id }, data: { sendingSince: now } });
  if (claimed.count !== 1) return { result: "skipped" };
  const message = await store.message.findUniqueOrThrow({
    where: { shopId_id: { shopId, id } },
    select: { id: true, customerId: true, status: true, attempts: true, providerMessageId: true, audit: true },
  });
  const claim: Claim = { shopId, id, from: message.status as MessageStatus, at: now, audit: message.audit, attempts: message.attempts };
  const messageIdHeader = deliveryMessageId(shopId, id, deps.appUrl);

  // A previous attempt that got as far as the provider: settle it, never send blindly.
  const previous = await store.delivery.findUnique({ where: { shopId_messageId_channel: { shopId, messageId: id, channel: CHANNEL } } });
  if (message.providerMessageId || previous?.status === "sent") {
    await markSent(store, claim, message.providerMessageId ?? messageIdHeader, previous?.response ?? null, "Already accepted by the provider in an earlier attempt; recorded as sent, not sent again.");
    return { result: "recovered" };
  }
  if (previous?.status === "sending") {
    const accepted = deps.lookupAccepted ? await deps.lookupAccepted(messageIdHeader) : null;
    if (accepted === true) {
      await markSent(store, claim, messageIdHeader, JSON.stringify({ confirmedBy: "lookup", at: now.toISOString() }), "An earlier attempt stopped after sending; the provider's record shows it accepted this Message-ID, so it was not sent again.");
      return { result: "recovered" };
    }
    if (accepted === null) {
      const note =
        "An earlier attempt stopped between handing the email to the provider and recording the answer, so whether the shopper received it is unknown. " +
        "It was not sent again, to avoid a duplicate; check the provider's log for this Message-ID before retrying.";
      await store.$transaction(async (tx) => {
        await tx.delivery.update({ where: { shopId_messageId_channel: { shopId, messageId: id, channel: CHANNEL } }, data: { status: "unknown" satisfies EmailDeliveryStatus, response: JSON.stringify({ unknown: true, at: now.toISOString(), note }) } });
        await transition(tx, claim, "failed", "fail", note, { lastError: note });
      });
      return { result: "unknown" };
    }
    // accepted === false: the provider does not have it; sending now is safe.
  }

  // Consent and suppression, as they are now.
  const refusal = await consentRefusal(store, shopId, message.customerId);
  if (refusal) {
    await store.$transaction(async (tx) => {
      if (previous) await tx.delivery.update({ where: { shopId_messageId_channel: { shopId, messageId: id, channel: CHANNEL } }, data: { status: "skipped" satisfies EmailDeliveryStatus, response: JSON.stringify({ blocked: refusal, at: now.toISOString() }) } });
      await transition(tx, claim, "blocked", "block", `Blocked at send time: ${refusal}`, { lastError: null });
    });
    return { result: "blocked" };
  }

  let rendered: RenderedEmail;
  try {
    rendered = await (deps.render ?? renderMessageEmail)(store, shopId, id, { appUrl: deps.appUrl, secret: deps.secret, now });
  } catch (error) {
    const note = `The email could not be rendered: ${(error as Error).message}`;
    await store.$transaction((tx) => transition(tx, claim, "failed", "fail", note, { lastError: note }));
    return { result: "failed" };
  }

  const headers = Object.fromEntries(Object.entries(rendered.headers).filter(([name]) => name.toLowerCase() !== "message-id"));
  const envelope: EmailEnvelope = { from: deps.transport.from, to: { name: rendered.toName, address: rendered.to }, subject: rendered.subject, text: rendered.text, html: rendered.html, headers, messageId: messageIdHeader };
  const payload: EmailDeliveryPayload = {
    messageId: messageIdHeader,
    from: deps.transport.from,
    to: rendered.to,
    toName: rendered.toName,
    subject: rendered.subject,
    headers: { ...headers, "Message-ID": messageIdHeader },
    text: rendered.text,
    html: rendered.html,
    unsubscribeUrl: rendered.unsubscribeUrl,
    links: rendered.links,
  };
  // The intent, durable before the provider sees anything (see "Idempotency key" above).
  const key = { shopId_messageId_channel: { shopId, messageId: id, channel: CHANNEL } };
  const intent = { status: "sending" satisfies EmailDeliveryStatus, payload: JSON.stringify(payload), response: null };
  await store.delivery.upsert({ where: key, create: { shopId, messageId: id, channel: CHANNEL, ...intent }, update: intent });

  let accepted: { messageId: string; response: string; accepted: string[] };
  try {
    accepted = await deps.transport.send(envelope);
  } catch (error) {
    if (!(error instanceof SmtpSendError)) throw error;
    return settleFailure(store, claim, error, now, deps);
  }
  await store.$transaction(async (tx) => {
    await tx.delivery.update({ where: key, data: { status: "sent" satisfies EmailDeliveryStatus, response: JSON.stringify({ ...accepted, at: now.toISOString() }) } });
    await transition(tx, claim, "sent", "send", `Accepted by the SMTP server: ${accepted.response}`.slice(0, 500), { sentAt: now, providerMessageId: messageIdHeader, lastError: null, attempts: claim.attempts + 1 });
  });
  return { result: "sent" };
}

type Claim = { shopId: string; id: string; from: MessageStatus; at: Date; audit: string; attempts: number };

type MessageFields = { sentAt?: Date; providerMessageId?: string; lastError?: string | null; attempts?: number; retryAt?: Date | null };

/**
 * Moves a claimed message to `to` with its audit entry, and releases the claim. Guarded by the
 * status and the claim it was taken with: if another sender retook an expired claim, or a person
 * or an unsubscribe changed the message meanwhile, nothing is overwritten.
 */
async function transition(tx: DbTransaction, claim: Claim, to: MessageStatus, action: SystemAction, note: string, fields: MessageFields): Promise<boolean> {
  const change = systemTransition(claim.from, to, action, claim.at, note);
  if (!change.ok) throw new Error(change.error);
  const audit = recordStatusChange(AuditRecord.parse(JSON.parse(claim.audit)), change.auditEntry);
  const updated = await tx.message.updateMany({
    where: { shopId: claim.shopId, id: claim.id, status: claim.from, sendingSince: claim.at },
    data: { ...fields, status: to, audit: JSON.stringify(audit), sendingSince: null, retryAt: null },
  });
  if (updated.count === 1) return true;
  // Lost the claim: record what the provider did without touching the status the message now has.
  if (fields.providerMessageId) await tx.message.updateMany({ where: { shopId: claim.shopId, id: claim.id }, data: { sentAt: fields.sentAt, providerMessageId: fields.providerMessageId, lastError: `Sent while its status changed to something else: ${note}`.slice(0, 1000) } });
  return false;
}

async function markSent(store: Db, claim: Claim, providerMessageId: string, response: string | null, note: string): Promise<void> {
  await store.$transaction(async (tx) => {
    await tx.delivery.updateMany({ where: { shopId: claim.shopId, messageId: claim.id, channel: CHANNEL }, data: { status: "sent" satisfies EmailDeliveryStatus, ...(response ? { response } : {}) } });
    await transition(tx, claim, "sent", "send", note, { sentAt: claim.at, providerMessageId, lastError: null });
  });
}

async function settleFailure(store: Db, claim: Claim, error: SmtpSendError, now: Date, deps: SendDeps): Promise<Outcome> {
  const attempts = claim.attempts + 1;
  const said = `${error.responseCode ?? error.code ?? "error"} ${error.response}`.slice(0, 1000);
  const stop = error.scope === "transport" ? `the SMTP server failed: ${said}` : undefined;
  const key = { shopId_messageId_channel: { shopId: claim.shopId, messageId: claim.id, channel: CHANNEL } };
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (error.kind === "temporary" && attempts < maxAttempts) {
    const retryAt = new Date(now.getTime() + (deps.backoffMs ?? defaultBackoffMs)(attempts));
    await store.$transaction(async (tx) => {
      await tx.delivery.update({ where: key, data: { status: "deferred" satisfies EmailDeliveryStatus, response: JSON.stringify({ error: error.toJSON(), attempt: attempts, retryAt: retryAt.toISOString(), at: now.toISOString() }) } });
      // Status unchanged: no audit entry, the attempt count and lastError say it.
      await tx.message.updateMany({ where: { shopId: claim.shopId, id: claim.id, status: claim.from, sendingSince: claim.at }, data: { attempts, retryAt, lastError: said, sendingSince: null } });
    });
    return { result: "deferred", stop };
  }
  const note =
    error.kind === "temporary"
      ? `Gave up after ${attempts} attempts; the last answer was: ${said}`
      : error.hardBounce
        ? `Hard bounce, the address does not accept mail: ${said}. The shopper is suppressed.`
        : `Refused by the SMTP server: ${said}`;
  await store.$transaction(async (tx) => {
    await tx.delivery.update({ where: key, data: { status: "failed" satisfies EmailDeliveryStatus, response: JSON.stringify({ error: error.toJSON(), attempt: attempts, at: now.toISOString() }) } });
    await transition(tx, claim, "failed", "fail", note, { attempts, lastError: said });
    if (error.hardBounce) {
      const message = await tx.message.findUniqueOrThrow({ where: { shopId_id: { shopId: claim.shopId, id: claim.id } }, select: { customerId: true } });
      const detail = JSON.stringify({ messageId: claim.id, response: said, at: now.toISOString() });
      await tx.suppression.upsert({
        where: { shopId_customerId_reason: { shopId: claim.shopId, customerId: message.customerId, reason: "hard-bounce" } },
        create: { shopId: claim.shopId, customerId: message.customerId, reason: "hard-bounce", detail, createdAt: now },
        update: { detail },
      });
    }
  });
  return { result: "failed", stop };
}

/** Why the shopper may not be emailed now, or null when they may. */
export async function consentRefusal(store: Db | DbTransaction, shopId: string, customerId: string): Promise<string | null> {
  const [customer, suppressions] = await Promise.all([
    store.customer.findUnique({ where: { shopId_id: { shopId, id: customerId } }, select: { email: true, emailMarketingState: true, deletedAt: true, redactedAt: true } }),
    store.suppression.findMany({ where: { shopId, customerId }, select: { reason: true }, orderBy: { reason: "asc" } }),
  ]);
  if (!customer) return "the shopper is no longer in the store's records.";
  if (customer.redactedAt) return "the shopper's data was erased by a privacy request.";
  if (customer.deletedAt) return "the shopper was deleted in Shopify.";
  if (suppressions.length > 0) return `the shopper is suppressed (${suppressions.map((s) => s.reason).join(", ")}).`;
  if (customer.emailMarketingState !== "SUBSCRIBED") return `email marketing consent is ${customer.emailMarketingState}, not SUBSCRIBED.`;
  if (!customer.email) return "the shopper has no email address.";
  return null;
}
