import type { Db } from "~/db.server";

export type InboxSource = "webhook" | "pixel" | "backfill";

export type InboxEventInput = {
  shopId: string;
  source: InboxSource;
  /** The idempotency key: X-Shopify-Webhook-Id, a pixel event id, or a bulk-operation line id. */
  deliveryId: string;
  topic: string;
  eventId: string | null;
  triggeredAt: Date | null;
  /** The raw body, exactly as received. */
  payload: string;
};

export type RecordOutcome = { status: "recorded"; id: number } | { status: "duplicate" };

/**
 * Stores a raw event once. A second delivery with the same id is a no-op (Shopify retries, and
 * sometimes delivers twice); the caller answers 200 either way so Shopify stops retrying.
 */
export async function recordInboxEvent(store: Db, input: InboxEventInput): Promise<RecordOutcome> {
  try {
    const row = await store.inboxEvent.create({ data: input, select: { id: true } });
    return { status: "recorded", id: row.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { status: "duplicate" };
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
