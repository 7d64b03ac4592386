import type { Logger } from "pino";
import type { Db } from "~/db.server";
import { ACTIVE_RUN_STATUSES } from "~/domain/backfill/backfillPlan";
import { BulkOperationFinishPayload, outcomeOf } from "~/domain/backfill/bulkOperation";
import type { InboxEventInput } from "~/services/recordInboxEvent.server";
import { advanceBackfillInBackground, type AdminFor } from "./backfillInBackground.server";
import { failRun } from "./backfillRuns.server";

export type FinishOutcome =
  | { kind: "ignored"; reason: string }
  | { kind: "failed"; runId: string; error: string }
  | { kind: "advancing"; runId: string | null; done: Promise<unknown> };

/**
 * A verified `bulk_operations/finish` delivery (already in the inbox): finds the shop's run whose
 * bulk operation finished, scoped by shop so one shop's webhook never touches another's run, and
 *
 * - a failed or canceled operation fails the run at once (the webhook says why);
 * - a completed one is imported in the background: the webhook carries no result URL, so the
 *   importer reads it with node(id) and then starts the next resource's export.
 *
 * Any other bulk operation (another feature's, an old one) is ignored. A shop with an unfinished
 * backfill is advanced anyway: the webhook can overtake the write of the operation's id.
 */
export async function acceptBulkOperationFinish(
  store: Db,
  delivery: InboxEventInput,
  context: { adminFor: AdminFor; log: Logger },
): Promise<FinishOutcome> {
  if (delivery.status === "invalid") return { kind: "ignored", reason: delivery.error ?? "unreadable body" };
  let body: unknown;
  try {
    body = JSON.parse(delivery.payload);
  } catch {
    return { kind: "ignored", reason: "body is not JSON" };
  }
  const payload = BulkOperationFinishPayload.safeParse(body);
  if (!payload.success) return { kind: "ignored", reason: `not a bulk_operations/finish payload: ${payload.error.issues[0]?.message ?? ""}` };

  const shopId = delivery.shopId;
  const run = await store.backfillRun.findFirst({ where: { shopId, bulkOperationId: payload.data.admin_graphql_api_id } });
  if (run?.status === "running") {
    const outcome = outcomeOf({
      id: payload.data.admin_graphql_api_id,
      status: payload.data.status,
      errorCode: payload.data.error_code,
      objectCount: run.objectCount,
      rootObjectCount: 0,
      fileSize: null,
      url: null,
      partialDataUrl: null,
      completedAt: payload.data.completed_at ?? null,
    });
    if (outcome.kind === "failed") {
      await failRun(store, run, outcome.error);
      return { kind: "failed", runId: run.id, error: outcome.error };
    }
  }
  const unfinished = await store.backfillRun.count({ where: { shopId, status: { in: [...ACTIVE_RUN_STATUSES] } } });
  if (unfinished === 0) return { kind: "ignored", reason: run ? `run ${run.id} is ${run.status}` : "not a backfill's bulk operation" };
  return { kind: "advancing", runId: run?.id ?? null, done: advanceBackfillInBackground(store, shopId, context.adminFor, context.log) };
}
