import type { Db } from "~/db.server";
import type { Prisma } from "~/generated/sqlite/client";

export type InboxSource = "webhook" | "pixel" | "backfill";

/** A client inside an interactive transaction (the same API as `Db`, minus connection management). */
export type DbTransaction = Prisma.TransactionClient;

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
  /** "invalid" when the body could not be read (kept for inspection, never applied); else pending. */
  status?: "pending" | "invalid";
  error?: string | null;
};

export type RecordOutcome = { status: "recorded"; id: number } | { status: "duplicate" };

/**
 * Stores a raw event once. A second delivery with the same id is a no-op (Shopify retries, and
 * sometimes delivers twice); the caller answers 200 either way so Shopify stops retrying.
 *
 * `effect` is work that must happen exactly when the event is first recorded (app/uninstalled
 * deactivating the shop). It runs in the same transaction as the insert: if it fails, the row is
 * not kept either, so Shopify's retry is recorded (and the effect run) instead of being taken for
 * a duplicate. It does not run for duplicates.
 */
export async function recordInboxEvent(
  store: Db,
  input: InboxEventInput,
  effect?: (tx: DbTransaction) => Promise<void>,
): Promise<RecordOutcome> {
  // Only the insert's unique violation means "duplicate"; one raised by the effect is its own failure.
  let inserted = false;
  try {
    if (!effect) {
      const row = await store.inboxEvent.create({ data: input, select: { id: true } });
      return { status: "recorded", id: row.id };
    }
    const id = await store.$transaction(async (tx) => {
      const row = await tx.inboxEvent.create({ data: input, select: { id: true } });
      inserted = true;
      await effect(tx);
      return row.id;
    });
    return { status: "recorded", id };
  } catch (error) {
    if (!inserted && isUniqueViolation(error)) return { status: "duplicate" };
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
