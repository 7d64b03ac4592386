import { fetchBulkOperation } from "~/adapters/shopify/bulkOperation.server";
import type { Db } from "~/db.server";
import { parseBackfillRunId } from "~/domain/backfill/backfillPlan";
import { outcomeOf, type AdminGraphql } from "~/domain/backfill/bulkOperation";
import { currentRun, failRun, transition, type BackfillRun } from "./backfillRuns.server";
import { importBackfillResult, IMPORT_LEASE_MS, type ImportOptions } from "./importBackfillResult.server";
import { submitRun } from "./startBackfill.server";

export type PollResult =
  | { state: "idle" }
  | { state: "waiting"; run: BackfillRun; note?: string }
  | { state: "busy"; run: BackfillRun }
  | { state: "interrupted"; run: BackfillRun; error: string }
  | { state: "failed"; run: BackfillRun; error: string };

/** A run left in `created` longer than this (its submitter died) is submitted again. */
export const SUBMIT_LEASE_MS = 2 * 60_000;

/**
 * Moves a shop's backfill as far as it can go now: reads the running bulk operation's state from
 * the API, imports a completed export (resuming an interrupted one), then submits the next
 * resource's query, and so on until it has to wait for Shopify. Safe to call at any time and from
 * several places at once (the finish webhook, the admin page, a schedule): every step is a
 * conditional state change, so only one caller acts on a run.
 */
export async function pollBackfill(store: Db, admin: AdminGraphql, input: { shopId: string } & ImportOptions): Promise<PollResult> {
  const now = input.now ?? (() => new Date());
  // Each pass either finishes a step or returns; three resources, a few steps each.
  for (let step = 0; step < 20; step++) {
    const run = await currentRun(store, input.shopId);
    if (!run) return { state: "idle" };
    const resource = parseBackfillRunId(run.id)?.resource ?? "history";
    switch (run.status) {
      case "queued": {
        const submitted = await submitRun(store, admin, run);
        if (!submitted.ok) return await settled(store, run, submitted.error);
        continue;
      }
      case "created": {
        if (now().getTime() - run.updatedAt.getTime() < SUBMIT_LEASE_MS) return { state: "busy", run };
        const submitted = await submitRun(store, admin, run);
        if (!submitted.ok) return await settled(store, run, submitted.error);
        continue;
      }
      case "running": {
        if (!run.bulkOperationId) {
          await failRun(store, run, "running without a bulk operation id");
          return { state: "failed", run, error: "running without a bulk operation id" };
        }
        const fetched = await fetchBulkOperation(admin, run.bulkOperationId);
        if (!fetched.ok) return { state: "waiting", run, note: `could not read the ${resource} export's state: ${fetched.error}` };
        if (!fetched.operation) {
          const error = `Shopify no longer knows the ${resource} export ${run.bulkOperationId}`;
          await failRun(store, run, error);
          return { state: "failed", run, error };
        }
        const outcome = outcomeOf(fetched.operation);
        if (outcome.kind === "waiting") {
          await store.backfillRun.updateMany({ where: { id: run.id, status: "running" }, data: { objectCount: outcome.objectCount } });
          return { state: "waiting", run };
        }
        if (outcome.kind === "failed") {
          await failRun(store, run, outcome.error);
          return { state: "failed", run, error: outcome.error };
        }
        const completedAt = fetched.operation.completedAt ? new Date(fetched.operation.completedAt) : now();
        // No file: the export was empty, there is nothing to import.
        if (outcome.url === null) await transition(store, run.id, ["running"], "applied", { objectCount: 0, completedAt, appliedAt: now(), error: null });
        else await transition(store, run.id, ["running"], "ready", { resultUrl: outcome.url, objectCount: outcome.objectCount, completedAt, error: null });
        continue;
      }
      case "importing":
      case "ready":
      case "interrupted": {
        // An importer holds a fresh lease; a stale one (its importer died) is taken over.
        if (run.status === "importing" && now().getTime() - run.updatedAt.getTime() < IMPORT_LEASE_MS) return { state: "busy", run };
        const imported = await importBackfillResult(store, run, input);
        if (imported.status === "applied") continue;
        if (imported.status === "busy") return { state: "busy", run };
        if (imported.status === "failed") return { state: "failed", run, error: imported.error ?? "import failed" };
        return { state: "interrupted", run, error: imported.error ?? "import interrupted" };
      }
      default:
        return { state: "idle" };
    }
  }
  const run = await currentRun(store, input.shopId);
  return run ? { state: "busy", run } : { state: "idle" };
}

async function settled(store: Db, run: BackfillRun, error: string): Promise<PollResult> {
  const latest = await store.backfillRun.findUnique({ where: { id: run.id } });
  return latest?.status === "failed" ? { state: "failed", run: latest, error } : { state: "busy", run: latest ?? run };
}
