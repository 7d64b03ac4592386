/**
 * The history backfill's plan: which Shopify bulk operations it runs, in which order, and the
 * states one of them (a BackfillRun row) goes through.
 *
 * One bulk query can only have one top-level connection, so orders, customers and products are
 * three operations. They run one after another, not in parallel: API 2026-07's reference for
 * bulkOperationRunQuery still says one bulk query at a time per shop (the guide allows five from
 * 2026-01; sequential works under both readings and leaves room for other features' operations).
 * Products go first so that line items find their product's category when the order is
 * projected, customers next (consent and identity before their orders), orders last.
 */

export const BACKFILL_RESOURCES = ["products", "customers", "orders"] as const;
export type BackfillResource = (typeof BACKFILL_RESOURCES)[number];

/**
 * - queued: waits for the previous resource's run; created: about to be submitted to Shopify;
 * - running: Shopify is exporting (bulk operation CREATED/RUNNING);
 * - ready: the export completed, its JSONL file is waiting to be imported;
 * - importing: an importer holds the run (a lease renewed by every batch it commits);
 * - interrupted: the import stopped part-way (aborted, network); it resumes where it stopped;
 * - applied: every line is in the inbox (the worker applies them to the projections);
 * - failed: terminal (Shopify refused or failed the operation, or its file is gone).
 */
export const BACKFILL_RUN_STATUSES = ["queued", "created", "running", "ready", "importing", "interrupted", "applied", "failed"] as const;
export type BackfillRunStatus = (typeof BACKFILL_RUN_STATUSES)[number];

/** A run in one of these blocks a new backfill for the same shop. */
export const ACTIVE_RUN_STATUSES: readonly BackfillRunStatus[] = ["queued", "created", "running", "ready", "importing", "interrupted"];

export function isBackfillRunStatus(value: string): value is BackfillRunStatus {
  return (BACKFILL_RUN_STATUSES as readonly string[]).includes(value);
}

export function isActiveRunStatus(value: string): boolean {
  return (ACTIVE_RUN_STATUSES as readonly string[]).includes(value);
}

/**
 * A run's id is `<backfillId>:<resource>`: the three runs of one backfill share the prefix (the
 * table has no column grouping them), and inbox delivery ids are `<runId>:<gid>`.
 */
export function backfillRunId(backfillId: string, resource: BackfillResource): string {
  if (!/^[A-Za-z0-9_-]+$/.test(backfillId)) throw new Error(`not a backfill id: ${JSON.stringify(backfillId)}`);
  return `${backfillId}:${resource}`;
}

export function parseBackfillRunId(runId: string): { backfillId: string; resource: BackfillResource } | null {
  const match = /^([A-Za-z0-9_-]+):([a-z]+)$/.exec(runId);
  if (!match) return null;
  const [, backfillId, resource] = match;
  if (!backfillId || !(BACKFILL_RESOURCES as readonly string[]).includes(resource ?? "")) return null;
  return { backfillId, resource: resource as BackfillResource };
}

export function nextResource(resource: BackfillResource): BackfillResource | null {
  return BACKFILL_RESOURCES[BACKFILL_RESOURCES.indexOf(resource) + 1] ?? null;
}

/** The inbox topics a backfill records; the registry maps `backfill:<topic>` to the webhook projections. */
export type BackfillTopic = "orders" | "customers" | "customer_consent" | "products";

export const TOPIC_OF_RESOURCE: Record<BackfillResource, BackfillTopic> = { products: "products", customers: "customers", orders: "orders" };

/** The inbox idempotency key of one record of a run: `<runId>:<gid>` (plus a suffix for a second event of the same object). */
export function backfillDeliveryId(runId: string, key: string): string {
  return `${runId}:${key}`;
}
