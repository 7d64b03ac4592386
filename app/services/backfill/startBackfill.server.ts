import { randomUUID } from "node:crypto";
import { runBulkQuery } from "~/adapters/shopify/bulkOperation.server";
import type { Db } from "~/db.server";
import { ACTIVE_RUN_STATUSES, BACKFILL_RESOURCES, backfillRunId, parseBackfillRunId } from "~/domain/backfill/backfillPlan";
import type { AdminGraphql } from "~/domain/backfill/bulkOperation";
import { BULK_QUERIES } from "~/domain/backfill/bulkQueries";
import { failRun, transition, withShopBackfillLock, type BackfillRun } from "./backfillRuns.server";

export type StartBackfillResult =
  | { ok: true; backfillId: string; run: BackfillRun }
  | { ok: false; reason: "active" | "shopify"; error: string; backfillId?: string };

/**
 * Starts a history backfill for a shop: records its three runs (products now, customers and
 * orders queued behind it) and submits the first bulk query. Refuses while another backfill of
 * the shop is unfinished. Shopify refusing the query (userErrors, GraphQL errors, a network
 * failure) fails the backfill with Shopify's message; nothing is left half-started.
 */
export async function startBackfill(
  store: Db,
  admin: AdminGraphql,
  input: { shopId: string; requestedBy: string; backfillId?: string },
): Promise<StartBackfillResult> {
  const backfillId = input.backfillId ?? randomUUID();
  const reserved = await withShopBackfillLock(store, input.shopId, async (tx) => {
    const active = await tx.backfillRun.findFirst({
      where: { shopId: input.shopId, status: { in: [...ACTIVE_RUN_STATUSES] } },
      orderBy: { createdAt: "asc" },
    });
    if (active) return { ok: false as const, active };
    for (const [index, resource] of BACKFILL_RESOURCES.entries()) {
      await tx.backfillRun.create({
        data: { id: backfillRunId(backfillId, resource), shopId: input.shopId, requestedBy: input.requestedBy, status: index === 0 ? "created" : "queued" },
      });
    }
    return { ok: true as const };
  });
  if (!reserved.ok) {
    const stage = parseBackfillRunId(reserved.active.id)?.resource ?? "history";
    return {
      ok: false,
      reason: "active",
      error: `A history import is already in progress for this shop (started ${reserved.active.createdAt.toISOString()}, at ${stage}: ${reserved.active.status}). Wait for it to finish before starting another.`,
    };
  }
  const first = await store.backfillRun.findUniqueOrThrow({ where: { id: backfillRunId(backfillId, BACKFILL_RESOURCES[0]) } });
  const submitted = await submitRun(store, admin, first);
  return submitted.ok ? { ok: true, backfillId, run: submitted.run } : { ok: false, reason: "shopify", error: submitted.error, backfillId };
}

/**
 * Submits a run's bulk query. The caller has moved the run to `created` (a queued run is claimed
 * here), so two pollers never submit the same run twice, which Shopify would refuse.
 */
export async function submitRun(store: Db, admin: AdminGraphql, run: BackfillRun): Promise<{ ok: true; run: BackfillRun } | { ok: false; error: string }> {
  if (run.status === "queued" && !(await transition(store, run.id, ["queued"], "created"))) {
    return { ok: false, error: "another worker is starting this run" };
  }
  const resource = parseBackfillRunId(run.id)?.resource;
  if (!resource) {
    await failRun(store, run, `not a backfill run id: ${run.id}`);
    return { ok: false, error: `not a backfill run id: ${run.id}` };
  }
  let outcome: Awaited<ReturnType<typeof runBulkQuery>>;
  try {
    outcome = await runBulkQuery(admin, BULK_QUERIES[resource]);
  } catch (error) {
    outcome = { ok: false, error: `could not reach Shopify: ${(error as Error).message}` };
  }
  if (!outcome.ok) {
    await failRun(store, run, `Shopify refused the ${resource} export: ${outcome.error}`);
    return { ok: false, error: `Shopify refused the ${resource} export: ${outcome.error}` };
  }
  const updated = await store.backfillRun.update({
    where: { id: run.id },
    data: { status: "running", bulkOperationId: outcome.operation.id, objectCount: outcome.operation.objectCount, error: null },
  });
  return { ok: true, run: updated };
}

/**
 * The backfill `afterAuth` starts: on a first install or a reinstall (replacing one the uninstall
 * left unfinished), and for an installed shop that has never had one (installed before backfills
 * existed). Re-authentication of a shop that already has its history does nothing.
 */
export async function backfillAfterAuth(
  store: Db,
  admin: AdminGraphql,
  input: { shopId: string; wasInstalled: boolean },
): Promise<StartBackfillResult | { ok: true; skipped: string }> {
  if (input.wasInstalled && (await store.backfillRun.count({ where: { shopId: input.shopId } })) > 0) {
    return { ok: true, skipped: "the shop was already installed and has a backfill" };
  }
  if (!input.wasInstalled) {
    // A reinstall: a backfill left unfinished by the uninstall (its session was deleted, so it
    // could not go on) would block the new one. Its data is stale anyway.
    await store.backfillRun.updateMany({
      where: { shopId: input.shopId, status: { in: [...ACTIVE_RUN_STATUSES] } },
      data: { status: "failed", error: "superseded: the app was reinstalled and a new import started" },
    });
  }
  return startBackfill(store, admin, { shopId: input.shopId, requestedBy: "install" });
}
