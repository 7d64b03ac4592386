import { createHash } from "node:crypto";
import type { Db } from "~/db.server";
import { judgePixelEvents, PixelBatch, type JudgedPixelEvent } from "~/domain/pixel/pixelBatch";
import type { TokenBuckets } from "~/domain/pixel/tokenBucket";
import { parseShopifyJson } from "~/domain/shared/ids";
import { inboxWriter } from "~/services/inboxWriter.server";
import type { InboxEventInput } from "~/services/recordInboxEvent.server";
import { pixelRateKey } from "./pixelRateLimit.server";

export type PixelIngestOutcome =
  | { status: 202; shop: string; received: number; accepted: number; duplicates: number; invalid: number }
  | { status: 400 | 403 | 404; error: string }
  | { status: 429; retryAfterSeconds: number };

/**
 * Takes one batch from the web pixel into the inbox, one row per event (deliveryId = the event's
 * id, so a batch sent twice, or an event in two batches, is stored once). In order, each step
 * cheaper than the next:
 * - a body that is not JSON, or an envelope that does not parse (shop, clientId, customerId,
 *   timeZone, 1 to 100 events): 400, nothing written;
 * - over the browser's budget (tokens = events): 429 with the wait, nothing written;
 * - a shop that never installed the app: 404; one that uninstalled it: 403; nothing written;
 * - each event is validated on its own: valid ones are stored `pending` for the worker, invalid
 *   ones are stored `invalid` with the reason (kept for the admin to see, never applied), under a
 *   delivery id derived from their content so a resent invalid event is stored once too.
 */
export async function ingestPixelBatch(store: Db, body: string, deps: { limiter: TokenBuckets; now: Date }): Promise<PixelIngestOutcome> {
  let json: unknown;
  try {
    json = parseShopifyJson(body);
  } catch {
    return { status: 400, error: "body is not JSON" };
  }
  const parsed = PixelBatch.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
    return { status: 400, error: `invalid batch: ${problems.join("; ")}` };
  }
  const batch = parsed.data;

  const limited = deps.limiter.take(pixelRateKey(batch.shop, batch.clientId), batch.events.length, deps.now.getTime());
  if (!limited.allowed) return { status: 429, retryAfterSeconds: limited.retryAfterSeconds };

  const shop = await store.shop.findUnique({ where: { id: batch.shop }, select: { status: true } });
  if (!shop) return { status: 404, error: "unknown shop" };
  if (shop.status !== "installed") return { status: 403, error: "the app is not installed on this shop" };

  const judged = judgePixelEvents(batch, deps.now);
  const rows = uniqueByDeliveryId(judged.map((event) => inboxRow(batch.shop, event)));
  const recorded = await recordAll(store, rows);
  const invalid = judged.filter((event) => event.kind === "invalid").length;
  const accepted = rows.filter((row) => row.status === "pending" && recorded.has(row.deliveryId)).length;
  return { status: 202, shop: batch.shop, received: judged.length, accepted, duplicates: judged.length - invalid - accepted, invalid };
}

function inboxRow(shopId: string, event: JudgedPixelEvent): InboxEventInput & { status: "pending" | "invalid" } {
  if (event.kind === "valid") {
    return { shopId, source: "pixel", deliveryId: event.id, topic: event.name, eventId: event.id, triggeredAt: event.occurredAt, payload: event.payload, status: "pending" };
  }
  return {
    shopId,
    source: "pixel",
    // Never the event's own id: an invalid event must not take the id its valid resend would need.
    deliveryId: `invalid:${createHash("sha256").update(event.payload).digest("base64url")}`,
    topic: event.name ?? "invalid",
    eventId: event.id,
    triggeredAt: null,
    payload: event.payload,
    status: "invalid",
    error: event.error,
  };
}

function uniqueByDeliveryId<T extends { deliveryId: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.deliveryId) && seen.add(row.deliveryId));
}

/**
 * Inserts the rows not stored yet and returns the delivery ids this call stored, through the
 * group-committing inbox writer (one INSERT ... ON CONFLICT DO NOTHING shared with concurrent
 * requests, so duplicates, also racing ones, are skipped without failing the batch).
 */
async function recordAll(store: Db, rows: InboxEventInput[]): Promise<Set<string>> {
  const writer = inboxWriter(store);
  const outcomes = await Promise.all(rows.map((row) => writer.record(row)));
  return new Set(rows.filter((_, index) => outcomes[index]?.status === "recorded").map((row) => row.deliveryId));
}

