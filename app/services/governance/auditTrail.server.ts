import type { Db } from "~/db.server";
import { AuditRecord, matchesAuditQuery, toCsv, toJsonLines, type AuditQuery } from "~/domain/governance/audit";
import { logger } from "~/logger.server";

/**
 * The audit trail of a shop's messages: search, pages and exports.
 *
 * A search narrows in SQL on the columns the Message table has (shop, status, agent, customer,
 * createdAt), then reads each row's AuditRecord and keeps those matchesAuditQuery accepts (text and
 * rule live inside the record), so the page and the exports agree on what matched. Rows are read
 * in batches of 500 by a (createdAt, id) cursor, never all at once, and never by OFFSET:
 *  - a page is newest first; "older" and "newer" links carry the cursor of the page's edge, so a
 *    deep page costs what the first one does;
 *  - a page reads at most `maxScan` rows: a rare text over a large shop returns what it found so
 *    far with an "older" link that continues the scan where it stopped (`scanLimited`);
 *  - an export streams every match, oldest first, batch after batch.
 * The date filters and the order use the Message.createdAt column, while matchesAuditQuery
 * compares the record's own createdAt (decision time): the two must be the same instant for the
 * date prefilter to be exact (see the report on reviewMessages.server.ts).
 * A row whose audit record no longer parses is skipped and counted (`unreadable`), and logged on export.
 */
export type AuditCursor = { createdAt: Date; id: string };

export type AuditRow = {
  id: string;
  createdAt: string;
  customerId: string;
  agent: string;
  subject: string;
  messageType: string;
  status: string;
  route: string;
  approval: { decision: string; by: string; reason: string | null } | null;
  violations: number;
  rules: string[];
};

export type AuditPage = {
  rows: AuditRow[];
  /** Cursor for the page of newer records (null: this is the newest page). */
  newer: string | null;
  /** Cursor for the page of older records (null: nothing older matches). */
  older: string | null;
  scanned: number;
  scanLimited: boolean;
  unreadable: number;
};

export const AUDIT_BATCH = 500;
const DEFAULT_MAX_SCAN = 10_000;

export function encodeCursor(cursor: AuditCursor): string {
  return `${cursor.createdAt.toISOString()}_${cursor.id}`;
}

export function decodeCursor(text: string | null | undefined): AuditCursor | null {
  if (!text) return null;
  const at = text.indexOf("_");
  if (at < 0) return null;
  const createdAt = new Date(text.slice(0, at));
  const id = text.slice(at + 1);
  return Number.isNaN(createdAt.getTime()) || id === "" ? null : { createdAt, id };
}

type Direction = "older" | "newer";

/** The SQL part of a query: shop, the indexed columns, and the cursor. */
function prefilter(shopId: string, query: AuditQuery, cursor: AuditCursor | null, direction: Direction) {
  const statuses = query.status === undefined ? undefined : typeof query.status === "string" ? [query.status] : [...query.status];
  const past = direction === "older" ? "lt" : "gt";
  return {
    shopId,
    ...(query.agent !== undefined ? { agent: query.agent } : {}),
    ...(statuses !== undefined ? { status: { in: statuses } } : {}),
    ...(query.customerId !== undefined ? { customerId: query.customerId } : {}),
    AND: [
      ...(query.from !== undefined ? [{ createdAt: { gte: query.from } }] : []),
      ...(query.to !== undefined ? [{ createdAt: { lt: query.to } }] : []),
      ...(cursor ? [{ OR: [{ createdAt: { [past]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [past]: cursor.id } }] }] : []),
    ],
  };
}

type ScannedRow = { cursor: AuditCursor; record: AuditRecord | null };

/** Rows in (createdAt, id) order from a cursor, a batch at a time, with their parsed records (null: unreadable). */
async function* scan(store: Db, shopId: string, query: AuditQuery, from: AuditCursor | null, direction: Direction): AsyncGenerator<ScannedRow[]> {
  const order = direction === "older" ? "desc" : "asc";
  let cursor = from;
  for (;;) {
    const batch = await store.message.findMany({
      where: prefilter(shopId, query, cursor, direction),
      orderBy: [{ createdAt: order }, { id: order }],
      take: AUDIT_BATCH,
      select: { id: true, createdAt: true, audit: true },
    });
    if (batch.length === 0) return;
    yield batch.map((row) => ({ cursor: { createdAt: row.createdAt, id: row.id }, record: parseRecord(row.audit) }));
    if (batch.length < AUDIT_BATCH) return;
    const last = batch[batch.length - 1]!;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}

export async function searchAuditTrail(
  store: Db,
  shopId: string,
  query: AuditQuery,
  options: { after?: AuditCursor | null; before?: AuditCursor | null; pageSize?: number; maxScan?: number } = {},
): Promise<AuditPage> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 25, 1), 200);
  const maxScan = options.maxScan ?? DEFAULT_MAX_SCAN;
  const direction: Direction = options.before ? "newer" : "older";
  const start = options.before ?? options.after ?? null;
  const found: Array<{ cursor: AuditCursor; record: AuditRecord }> = [];
  let scanned = 0;
  let unreadable = 0;
  let lastConsumed: AuditCursor | null = null;
  let more = false;
  let scanLimited = false;
  outer: for await (const batch of scan(store, shopId, query, start, direction)) {
    for (const row of batch) {
      if (scanned >= maxScan) {
        // Stopped before this row: the next page continues from the last row read.
        scanLimited = true;
        more = true;
        break outer;
      }
      if (row.record && matchesAuditQuery(row.record, query)) {
        if (found.length === pageSize) {
          more = true;
          break outer;
        }
        found.push({ cursor: row.cursor, record: row.record });
      }
      if (!row.record) unreadable += 1;
      scanned += 1;
      lastConsumed = row.cursor;
    }
  }
  const continueFrom = scanLimited ? lastConsumed : (found.at(-1)?.cursor ?? null);
  const inOrder = direction === "older" ? found : [...found].reverse();
  const newestShown = inOrder[0]?.cursor ?? null;
  const oldestShown = inOrder.at(-1)?.cursor ?? null;
  let newer: AuditCursor | null;
  let older: AuditCursor | null;
  if (direction === "older") {
    // Came from a newer page (or the start): a newer page exists iff we started from a cursor.
    newer = start ? (newestShown ?? start) : null;
    older = more ? continueFrom : null;
  } else {
    newer = more ? continueFrom : null;
    older = oldestShown ?? start;
  }
  return {
    rows: inOrder.map(({ record }) => auditRow(record)),
    newer: newer ? encodeCursor(newer) : null,
    older: older ? encodeCursor(older) : null,
    scanned,
    scanLimited,
    unreadable,
  };
}

function auditRow(record: AuditRecord): AuditRow {
  const violations = record.checks.flatMap((check) => check.violations);
  return {
    id: record.id,
    createdAt: record.createdAt.toISOString(),
    customerId: record.customerId,
    agent: record.agent,
    subject: record.subject,
    messageType: record.messageType,
    status: record.status,
    route: record.routing.route,
    approval: record.approval ? { decision: record.approval.decision, by: record.approval.by.email ?? record.approval.by.userId, reason: record.approval.reason } : null,
    violations: violations.length,
    rules: [...new Set(violations.map((violation) => violation.rule))],
  };
}

/** Every record matching the query, oldest first, a batch (up to 500) at a time. */
export async function* auditRecords(store: Db, shopId: string, query: AuditQuery): AsyncGenerator<AuditRecord[]> {
  let unreadable = 0;
  for await (const batch of scan(store, shopId, query, null, "newer")) {
    const records: AuditRecord[] = [];
    for (const row of batch) {
      if (!row.record) unreadable += 1;
      else if (matchesAuditQuery(row.record, query)) records.push(row.record);
    }
    if (records.length > 0) yield records;
  }
  if (unreadable > 0) logger().warn({ shopId, unreadable }, "audit export skipped records that no longer parse");
}

export const AUDIT_EXPORT_FORMATS = ["csv", "json", "jsonl"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const CSV_HEADER = toCsv([]);

/**
 * The export as a byte stream, pulled batch by batch as the client reads (nothing is held whole):
 * CSV (RFC 4180 via the domain's toCsv, with a UTF-8 BOM so Excel opens emoji and accents right),
 * a JSON array (one record per line inside it), or JSON Lines.
 */
export function auditExportStream(store: Db, shopId: string, query: AuditQuery, format: AuditExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = auditRecords(store, shopId, query);
  let first = true;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          if (format === "csv") return controller.enqueue(encoder.encode(`\uFEFF${CSV_HEADER}`));
          if (format === "json") return controller.enqueue(encoder.encode("["));
        }
        const next = await batches.next();
        if (next.done) {
          if (format === "json") controller.enqueue(encoder.encode(first ? "]\n" : "\n]\n"));
          controller.close();
          return;
        }
        const records = next.value;
        if (format === "csv") controller.enqueue(encoder.encode(toCsv(records).slice(CSV_HEADER.length)));
        else if (format === "jsonl") controller.enqueue(encoder.encode(toJsonLines(records)));
        else {
          const items = toJsonLines(records).slice(0, -1).split("\n");
          controller.enqueue(encoder.encode(`${first ? "\n" : ",\n"}${items.join(",\n")}`));
        }
        first = false;
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

export const AUDIT_EXPORT_TYPES: Record<AuditExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
};

function parseRecord(json: string): AuditRecord | null {
  try {
    const parsed = AuditRecord.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
