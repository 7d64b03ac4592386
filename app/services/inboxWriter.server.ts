import { valuesList } from "~/adapters/prisma/bulkInsert.server";
import { databaseKindOf, type Db } from "~/db.server";
import type { InboxEventInput, RecordOutcome } from "./recordInboxEvent.server";

/**
 * Group commit for webhook intake. SQLite has one writer, so a thousand deliveries a second, each
 * in its own transaction, queue on the write lock; instead, deliveries that arrive while a write is
 * in flight are stored together by the next multi-row INSERT, and each request is answered when
 * its own row is durable. Same semantics as recordInboxEvent: keyed by (shop, source, delivery id),
 * a second delivery is reported as a duplicate and writes nothing.
 */
type Pending = { input: InboxEventInput; resolve: (outcome: RecordOutcome) => void; reject: (error: unknown) => void };

const MAX_ROWS = 500;
const COLUMNS = ["shopId", "source", "deliveryId", "topic", "eventId", "triggeredAt", "receivedAt", "payload", "status", "error", "attempts"] as const;

export class InboxWriter {
  private queue: Pending[] = [];
  private writing = false;

  constructor(private readonly store: Db) {}

  record(input: InboxEventInput): Promise<RecordOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.writing) void this.writeQueued();
    });
  }

  private async writeQueued(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_ROWS);
        try {
          const outcomes = await insertMany(this.store, batch.map((item) => item.input));
          batch.forEach((item, index) => item.resolve(outcomes[index] ?? { status: "duplicate" }));
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

const writers = new WeakMap<Db, InboxWriter>();

/** The process's writer for a database client. */
export function inboxWriter(store: Db): InboxWriter {
  let writer = writers.get(store);
  if (!writer) {
    writer = new InboxWriter(store);
    writers.set(store, writer);
  }
  return writer;
}

/** One INSERT for many events; rows that already exist are skipped and reported as duplicates. */
async function insertMany(store: Db, inputs: readonly InboxEventInput[]): Promise<RecordOutcome[]> {
  const postgres = databaseKindOf(store) === "postgres";
  const receivedAt = new Date();
  const { sql: values, parameters } = valuesList(
    inputs.map((input) => [input.shopId, input.source, input.deliveryId, input.topic, input.eventId, input.triggeredAt, receivedAt, input.payload, input.status ?? "pending", input.error ?? null, 0]),
    postgres,
  );
  const sql =
    `INSERT INTO "InboxEvent" (${COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES ${values} ` +
    `ON CONFLICT ("shopId", "source", "deliveryId") DO NOTHING RETURNING "id", "shopId", "source", "deliveryId"`;
  const inserted = await store.$queryRawUnsafe<Array<{ id: number | bigint; shopId: string; source: string; deliveryId: string }>>(sql, ...parameters);
  const ids = new Map(inserted.map((row) => [`${row.shopId}\n${row.source}\n${row.deliveryId}`, Number(row.id)]));
  // The first of several identical deliveries in one batch is the one recorded; the rest are duplicates.
  return inputs.map((input) => {
    const key = `${input.shopId}\n${input.source}\n${input.deliveryId}`;
    const id = ids.get(key);
    if (id === undefined) return { status: "duplicate" };
    ids.delete(key);
    return { status: "recorded", id };
  });
}
