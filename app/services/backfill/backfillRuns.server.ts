import { databaseKindOf, type Db } from "~/db.server";
import {
  ACTIVE_RUN_STATUSES,
  BACKFILL_RESOURCES,
  parseBackfillRunId,
  type BackfillResource,
  type BackfillRunStatus,
} from "~/domain/backfill/backfillPlan";
import { summarizeBackfills, type BackfillSummary } from "~/domain/backfill/backfillProgress";
import type { BackfillRun } from "~/generated/sqlite/client";
import type { DbTransaction } from "~/services/recordInboxEvent.server";

/** The BackfillRun table: the shop's current run, state changes, and the admin's view of it. */

export type { BackfillRun };

/** The run a shop's backfill is at: the first unfinished one, in stage order (products, customers, orders). */
export async function currentRun(store: Db, shopId: string): Promise<BackfillRun | null> {
  const active = await store.backfillRun.findMany({
    where: { shopId, status: { in: [...ACTIVE_RUN_STATUSES] } },
    orderBy: { createdAt: "asc" },
  });
  const ordered = active
    .map((run) => ({ run, resource: parseBackfillRunId(run.id)?.resource }))
    .filter((entry): entry is { run: BackfillRun; resource: BackfillResource } => entry.resource !== undefined)
    .sort((a, b) => a.run.createdAt.getTime() - b.run.createdAt.getTime() || BACKFILL_RESOURCES.indexOf(a.resource) - BACKFILL_RESOURCES.indexOf(b.resource));
  return ordered[0]?.run ?? null;
}

/** Moves a run from one of `from` to `to` only if it is still there: the way two workers agree on who acts. */
export async function transition(
  store: Db | DbTransaction,
  runId: string,
  from: readonly BackfillRunStatus[],
  to: BackfillRunStatus,
  data: { error?: string | null; bulkOperationId?: string; resultUrl?: string | null; objectCount?: number; completedAt?: Date | null; appliedAt?: Date | null } = {},
): Promise<boolean> {
  const { count } = await store.backfillRun.updateMany({ where: { id: runId, status: { in: [...from] } }, data: { status: to, ...data } });
  return count === 1;
}

/**
 * Marks a run failed with its reason, and the runs queued behind it in the same backfill too: a
 * backfill stops at its first failure (the admin can start a new one), so nothing stays "waiting".
 */
export async function failRun(store: Db, run: { id: string; shopId: string }, error: string): Promise<void> {
  const parsed = parseBackfillRunId(run.id);
  await store.$transaction(async (tx) => {
    await tx.backfillRun.update({ where: { id: run.id }, data: { status: "failed", error: error.slice(0, 2000) } });
    if (!parsed) return;
    await tx.backfillRun.updateMany({
      where: { shopId: run.shopId, id: { startsWith: `${parsed.backfillId}:` }, status: "queued" },
      data: { status: "failed", error: `not started: the ${parsed.resource} import failed` },
    });
  });
}

/**
 * Runs `work` with the shop's backfill rows locked against a concurrent start: a PostgreSQL
 * advisory lock for the transaction; SQLite runs one write transaction at a time anyway (and the
 * adapter serializes interactive transactions).
 */
export async function withShopBackfillLock<T>(store: Db, shopId: string, work: (tx: DbTransaction) => Promise<T>): Promise<T> {
  const postgres = databaseKindOf(store) === "postgres";
  return store.$transaction(
    async (tx) => {
      if (postgres) await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext($1))", `backfill:${shopId}`);
      return work(tx);
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

/** The shop's recent backfills with their stages, for the admin page. */
export async function listBackfills(store: Db, shopId: string, limit = 5): Promise<BackfillSummary[]> {
  const rows = await store.backfillRun.findMany({
    where: { shopId },
    orderBy: { createdAt: "desc" },
    take: limit * BACKFILL_RESOURCES.length,
  });
  return summarizeBackfills(rows).slice(0, limit);
}
