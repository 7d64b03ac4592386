import type { Db } from "~/db.server";
import type { EmailDeliveryPayload } from "./sendMessages.server";

/**
 * The Outbox pages' reads: the Delivery rows of the email channel (what the sender handed to the
 * SMTP server, headers and both bodies, and what the server answered), with their message's status;
 * an email's page also shows the other channels of the same message (the Flow trigger and the
 * customer metafields: what was, or in demo mode would have been, sent to Shopify, and its answer)
 * and the decision behind it (a message's id is its decision's).
 * Scoped by shop: another shop's message id is simply not found.
 */
export const OUTBOX_PAGE_SIZE = 50;

export type OutboxRow = { messageId: string; subject: string; to: string; status: string; messageStatus: string | null; updatedAt: string };

export async function listOutbox(store: Db, shopId: string, page: number): Promise<{ emails: OutboxRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    store.delivery.findMany({ where: { shopId, channel: "email" }, orderBy: [{ updatedAt: "desc" }, { messageId: "asc" }], skip: (page - 1) * OUTBOX_PAGE_SIZE, take: OUTBOX_PAGE_SIZE }),
    store.delivery.count({ where: { shopId, channel: "email" } }),
  ]);
  const messages = await store.message.findMany({ where: { shopId, id: { in: rows.map((r) => r.messageId) } }, select: { id: true, status: true } });
  const statusOf = new Map(messages.map((m) => [m.id, m.status]));
  return {
    total,
    emails: rows.map((row) => {
      const payload = parsePayload(row.payload);
      return { messageId: row.messageId, subject: payload?.subject ?? "(unreadable)", to: payload?.to ?? "", status: row.status, messageStatus: statusOf.get(row.messageId) ?? null, updatedAt: row.updatedAt.toISOString() };
    }),
  };
}

/** A Shopify-side channel of the message: its payload and Shopify's answer, parsed (as stored when not JSON). */
export type OutboxChannel = { channel: "flow" | "metafields"; status: string; payload: unknown; response: unknown; updatedAt: string };

export const OTHER_CHANNELS = ["flow", "metafields"] as const;

export type OutboxEmail = {
  messageId: string;
  /** The decision the message was written for, when it is still recorded. */
  decisionId: string | null;
  /** The Flow trigger and metafields rows of the same message, in that order; a channel not delivered is absent. */
  channels: OutboxChannel[];
  status: string;
  payload: EmailDeliveryPayload | null;
  response: unknown;
  updatedAt: string;
  message: { status: string; attempts: number; sentAt: string | null; retryAt: string | null; lastError: string | null; customerId: string; agent: string } | null;
};

export async function getOutboxEmail(store: Db, shopId: string, messageId: string): Promise<OutboxEmail | null> {
  const row = await store.delivery.findUnique({ where: { shopId_messageId_channel: { shopId, messageId, channel: "email" } } });
  if (!row) return null;
  const [message, others, decision] = await Promise.all([
    store.message.findUnique({
      where: { shopId_id: { shopId, id: messageId } },
      select: { status: true, attempts: true, sentAt: true, retryAt: true, lastError: true, customerId: true, agent: true },
    }),
    store.delivery.findMany({ where: { shopId, messageId, channel: { in: [...OTHER_CHANNELS] } } }),
    store.decision.findUnique({ where: { shopId_id: { shopId, id: messageId } }, select: { id: true } }),
  ]);
  const channels = OTHER_CHANNELS.flatMap((channel) =>
    others
      .filter((other) => other.channel === channel)
      .map((other) => ({ channel, status: other.status, payload: parseJson(other.payload), response: other.response === null ? null : parseJson(other.response), updatedAt: other.updatedAt.toISOString() })),
  );
  return {
    messageId,
    decisionId: decision?.id ?? null,
    channels,
    status: row.status,
    payload: parsePayload(row.payload),
    response: row.response ? parseJson(row.response) : null,
    updatedAt: row.updatedAt.toISOString(),
    message: message && { ...message, sentAt: message.sentAt?.toISOString() ?? null, retryAt: message.retryAt?.toISOString() ?? null },
  };
}

/** The stored JSON, or the text itself when it is not JSON (shown as it is rather than hidden). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function parsePayload(json: string): EmailDeliveryPayload | null {
  try {
    const value = JSON.parse(json) as EmailDeliveryPayload;
    return typeof value === "object" && value !== null && typeof value.subject === "string" ? value : null;
  } catch {
    return null;
  }
}
