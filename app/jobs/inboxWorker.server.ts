import type { Db } from "~/db.server";
import { markAbandoned } from "./markAbandoned.server";
import type { DeliveryDeps } from "./deliveryTick.server";
import { planningTrigger } from "./planningTrigger.server";
import { parseShopSettings, type ShopSettings } from "~/domain/shop/shopSettings";
import { projectionFor } from "~/services/projections/registry.server";
import { InvalidPayloadError, readInboxPayload, type Projection, type ProjectionContext } from "~/services/projections/projection.server";

/**
 * The inbox worker: applies recorded events to the projections in order of arrival.
 *
 * Events are applied in batches, one transaction per batch (a transaction per event would cap
 * throughput at SQLite's commit rate). If anything in a batch fails, the batch is rolled back and
 * re-applied one event per transaction, so one bad event cannot hold back or half-write the others:
 * - a payload that cannot be applied (InvalidPayloadError) is marked `invalid` with its error and
 *   never retried;
 * - any other failure (a busy database, a bug) counts an attempt and is retried on a later drain,
 *   until MAX_ATTEMPTS, when it is marked `failed` for a person to look at;
 * - an event with no projection, or for a shop that is not installed, is marked `ignored`.
 * The admin sees invalid, failed and ignored events with their errors.
 */
export const MAX_ATTEMPTS = 5;

/** Topics applied even after uninstall: privacy requests arrive up to 48 hours later. */
const APPLIED_WHEN_UNINSTALLED = new Set(["customers/data_request", "customers/redact", "shop/redact", "app/uninstalled"]);

export type DrainReport = { applied: number; invalid: number; ignored: number; retried: number; failed: number };

type InboxRow = { id: number; shopId: string; source: string; topic: string; payload: string; receivedAt: Date; attempts: number };
type ShopState = { status: string; currencyCode: string; ianaTimezone: string; settings: ShopSettings } | null;

export type DrainOptions = {
  now?: () => Date;
  /** A fixed number of events per transaction; by default the size adapts to `targetBatchMs`. */
  batchSize?: number;
  /**
   * How long one transaction may hold the database (SQLite has a single writer, and webhook
   * intake waits behind it): the batch size grows or shrinks toward this, between 10 and 500.
   */
  targetBatchMs?: number;
  maxBatches?: number;
  /** Milliseconds to yield between batches (default 2; 0 for none, as in benchmarks). */
  pauseBetweenBatchesMs?: number;
};

export async function drainInbox(store: Db, options: DrainOptions = {}): Promise<DrainReport> {
  const now = options.now ?? (() => new Date());
  const targetMs = options.targetBatchMs ?? 50;
  let batchSize = options.batchSize ?? 100;
  const report: DrainReport = { applied: 0, invalid: 0, ignored: 0, retried: 0, failed: 0 };
  const shops = new Map<string, ShopState>();
  // Events that failed this pass are retried on the next drain: the cursor moves past them.
  let cursor = 0;
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch++) {
    const rows: InboxRow[] = await store.inboxEvent.findMany({
      where: { status: "pending", id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, shopId: true, source: true, topic: true, payload: true, receivedAt: true, attempts: true },
    });
    if (rows.length === 0) break;
    cursor = rows.at(-1)?.id ?? cursor;
    // Between batches, let waiting writers (webhook intake) take the lock before the next batch does.
    if (batch > 0 && options.pauseBetweenBatchesMs !== 0) await new Promise((resolve) => setTimeout(resolve, options.pauseBetweenBatchesMs ?? 2));
    for (const row of rows) if (!shops.has(row.shopId)) shops.set(row.shopId, await loadShop(store, row.shopId));
    const started = performance.now();
    const outcome = await applyBatch(store, rows, shops, now());
    if (options.batchSize === undefined && rows.length === batchSize) {
      const elapsed = Math.max(1, performance.now() - started);
      batchSize = Math.round(Math.min(500, Math.max(10, batchSize * Math.min(2, targetMs / elapsed))));
    }
    if (outcome) {
      report.applied += outcome.applied;
      report.ignored += outcome.ignored;
      continue;
    }
    for (const row of rows) {
      const result = await applyOne(store, row, shops, now());
      report[result]++;
    }
  }
  return report;
}

type Plan = { row: InboxRow; kind: "apply"; projection: Projection; payload: unknown; shop: NonNullable<ShopState> } | { row: InboxRow; kind: "ignore"; reason: string };

function plan(row: InboxRow, shops: Map<string, ShopState>): Plan {
  const projection = projectionFor(row.source, row.topic);
  if (!projection) return { row, kind: "ignore", reason: `no projection for ${row.source}:${row.topic}` };
  const shop = shops.get(row.shopId) ?? null;
  if (!shop) return { row, kind: "ignore", reason: "shop is not installed" };
  if (shop.status !== "installed" && !APPLIED_WHEN_UNINSTALLED.has(row.topic)) return { row, kind: "ignore", reason: `shop is ${shop.status}` };
  return { row, kind: "apply", projection, payload: readInboxPayload(row.payload), shop };
}

function contextFor(tx: ProjectionContext["tx"], item: Extract<Plan, { kind: "apply" }>, now: Date): ProjectionContext {
  const { row, shop } = item;
  return { tx, shopId: row.shopId, shop, settings: shop.settings, now, receivedAt: row.receivedAt, inboxEventId: row.id };
}

type Applicable = Extract<Plan, { kind: "apply" }>;

/**
 * The batch's events grouped by shop and projection, so a projection with a batch form applies all
 * its events with a few queries. Groups keep their events' arrival order and run in a fixed order
 * of kinds: reordering kinds within a batch is safe because every projection is built to be
 * applied out of order (versions decide, and links are made from whichever side arrives second),
 * and privacy requests run last so nothing in the batch can undo a redaction.
 */
function groupForBatch(plans: readonly Plan[]): Applicable[][] {
  const groups = new Map<string, Applicable[]>();
  for (const item of plans) {
    if (item.kind !== "apply") continue;
    const key = `${kindRank(item.row.topic)}|${item.row.shopId}|${item.row.source}:${item.row.topic.replace(/\/.*$/, "")}`;
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => rankOf(a) - rankOf(b)).map(([, group]) => splitByProjection(group)).flat();
}

const KIND_ORDER = ["products", "customers", "customers_email_marketing_consent", "carts", "checkouts", "orders"];
const PRIVACY_TOPICS = new Set(["customers/data_request", "customers/redact", "shop/redact"]);

function kindRank(topic: string): number {
  if (PRIVACY_TOPICS.has(topic)) return 99;
  const index = KIND_ORDER.indexOf(topic.replace(/\/.*$/, ""));
  return index === -1 ? 50 : index;
}

function rankOf(key: string): number {
  return Number(key.slice(0, key.indexOf("|")));
}

/** Within a kind, consecutive events with the same projection (create/update share one; delete has its own). */
function splitByProjection(group: Applicable[]): Applicable[][] {
  const runs: Applicable[][] = [];
  for (const item of group) {
    const last = runs.at(-1);
    if (last && last[0]?.projection === item.projection) last.push(item);
    else runs.push([item]);
  }
  return runs;
}

/**
 * Starts the transaction with a write. SQLite (WAL) begins transactions as readers; one that reads
 * and later writes fails at once with "database is locked" if another connection (webhook intake)
 * committed in between, without waiting. A first statement that writes takes the write lock up
 * front and waits for it like any writer. (On PostgreSQL it is a harmless no-op update.)
 */
async function takeWriteLock(tx: ProjectionContext["tx"], rows: readonly InboxRow[]): Promise<void> {
  const first = rows[0];
  if (first) await tx.inboxEvent.updateMany({ where: { id: first.id, status: "pending" }, data: { status: "pending" } });
}

/** All of a batch in one transaction, or null when anything failed (then nothing of it was written). */
async function applyBatch(store: Db, rows: InboxRow[], shops: Map<string, ShopState>, now: Date): Promise<{ applied: number; ignored: number } | null> {
  try {
    const plans = rows.map((row) => plan(row, shops));
    return await store.$transaction(
      async (tx) => {
        await takeWriteLock(tx, rows);
        const applied: number[] = [];
        for (const group of groupForBatch(plans)) {
          const [first] = group;
          if (!first) continue;
          const { many } = first.projection;
          if (many) {
            const { receivedAt: _r, inboxEventId: _i, ...shared } = contextFor(tx, first, now);
            await many(shared, group.map((item) => ({ payload: item.payload, receivedAt: item.row.receivedAt, inboxEventId: item.row.id })));
          } else {
            for (const item of group) await item.projection(contextFor(tx, item, now), item.payload);
          }
          applied.push(...group.map((item) => item.row.id));
        }
        if (applied.length) await tx.inboxEvent.updateMany({ where: { id: { in: applied } }, data: { status: "applied", processedAt: now, error: null } });
        for (const item of plans) {
          if (item.kind === "ignore") await tx.inboxEvent.update({ where: { id: item.row.id }, data: { status: "ignored", processedAt: now, error: item.reason } });
        }
        return { applied: applied.length, ignored: plans.length - applied.length };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch {
    return null;
  }
}

async function applyOne(store: Db, row: InboxRow, shops: Map<string, ShopState>, now: Date): Promise<"applied" | "invalid" | "ignored" | "retried" | "failed"> {
  try {
    const item = plan(row, shops);
    if (item.kind === "ignore") {
      await store.inboxEvent.update({ where: { id: row.id }, data: { status: "ignored", processedAt: now, error: item.reason } });
      return "ignored";
    }
    await store.$transaction(
      async (tx) => {
        await takeWriteLock(tx, [row]);
        await item.projection(contextFor(tx, item, now), item.payload);
        await tx.inboxEvent.update({ where: { id: row.id }, data: { status: "applied", processedAt: now, error: null } });
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
    return "applied";
  } catch (error) {
    if (error instanceof InvalidPayloadError) {
      await store.inboxEvent.update({ where: { id: row.id }, data: { status: "invalid", processedAt: now, error: error.message } });
      return "invalid";
    }
    const attempts = row.attempts + 1;
    const failed = attempts >= MAX_ATTEMPTS;
    await store.inboxEvent.update({
      where: { id: row.id },
      data: { attempts, error: String((error as Error).message ?? error).slice(0, 2000), ...(failed ? { status: "failed", processedAt: now } : {}) },
    });
    return failed ? "failed" : "retried";
  }
}

async function loadShop(store: Db, shopId: string): Promise<ShopState> {
  const shop = await store.shop.findUnique({ where: { id: shopId }, select: { status: true, currencyCode: true, ianaTimezone: true, settings: true } });
  return shop ? { ...shop, settings: parseShopSettings(shop.settings) } : null;
}

/**
 * Runs the worker in the server process: drains on a short interval and at once when woken (the
 * webhook routes wake it after recording an event). One drain at a time.
 */
export function startInboxWorker(store: Db, options: { intervalMs?: number; onError?: (error: unknown) => void; databaseUrl?: string; delivery?: DeliveryDeps } = {}) {
  let current: Promise<void> | null = null;
  let again = false;
  const planning = planningTrigger(store, { databaseUrl: options.databaseUrl, delivery: options.delivery });
  const run = async () => {
    do {
      again = false;
      await drainInbox(store);
    } while (again);
    await markAbandoned(store, new Date());
    await planning();
  };
  /**
   * Starts a drain. If one is running, it is asked to go round again, and the promise resolves only
   * after a full pass that began after this call, so every event recorded before it is applied.
   */
  const drain = (): Promise<void> => {
    if (current) {
      again = true;
      return current.then(() => drain());
    }
    current = run()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        current = null;
      });
    return current;
  };
  // Waking never queues more than one extra pass, however many events arrive during a drain.
  const wake = () => {
    if (current) again = true;
    else void drain();
  };
  const timer = setInterval(wake, options.intervalMs ?? 1000);
  timer.unref();
  const handle = { wake, drain, stop: () => clearInterval(timer) };
  globalThis.__inboxWorker = handle;
  return handle;
}

declare global {
  // The server build is a separate module graph from the process that starts the worker, so the
  // routes find the worker through the global object.
  var __inboxWorker: { wake: () => void } | undefined;
}

/** Called by routes after recording an event: applies it promptly instead of at the next tick. */
export function wakeInboxWorker(): void {
  globalThis.__inboxWorker?.wake();
}
