import { readJsonlLines, ResultFileGoneError } from "~/adapters/shopify/backfillResultFile.server";
import { bulkInsert } from "~/adapters/prisma/bulkInsert.server";
import type { Db } from "~/db.server";
import { backfillDeliveryId, parseBackfillRunId, TOPIC_OF_RESOURCE, type BackfillTopic } from "~/domain/backfill/backfillPlan";
import { convertBulkObject } from "~/domain/backfill/convertBulkObject";
import { JsonlAssembler, type AssemblerOutput } from "~/domain/backfill/jsonlAssembler";
import type { DbTransaction } from "~/services/recordInboxEvent.server";
import { failRun, transition } from "./backfillRuns.server";

/**
 * Imports a completed bulk operation's JSONL file into the inbox, where the worker applies it
 * through the same projections as webhooks (`backfill:<topic>` in the registry).
 *
 * - Streamed: lines are read from the HTTP body as they arrive and assembled one object at a time
 *   (jsonlAssembler.ts); memory does not grow with the file.
 * - Batched and resumable: converted events are inserted a batch at a time, in the same
 *   transaction as the run's progress (`linesApplied`, `bytesApplied` = everything before the
 *   next unapplied object). An interrupted import (abort, network, crash) resumes from there with
 *   an HTTP Range request. Delivery ids are `<runId>:<gid>` and inserts skip ids already present,
 *   so a batch applied twice records each object once.
 * - Lossless on bad input: a line that is not JSON (a truncated line) or an object that does not
 *   convert is recorded as an `invalid` inbox event with its error and raw content, and the import
 *   goes on; the run's `error` counts them when it finishes.
 * - One importer per run: the run is claimed (`importing`) and the claim is a lease renewed by each
 *   batch, so a crashed importer's run is taken over once the lease is stale.
 */

export const IMPORT_LEASE_MS = 5 * 60_000;
/**
 * Events per committed batch. Larger batches are a little faster (1,000: ~10% over 250 on SQLite)
 * but Prisma's client keeps the arguments of its last 100 debug calls, parameters of raw inserts
 * included, whether or not debugging is on: memory held is about 25 batches' worth. 250 keeps that
 * near 30 MB for typical orders.
 */
export const DEFAULT_BATCH_SIZE = 250;
/** PostgreSQL's integer column bound: past it, bytesApplied is stored as 0 and resume skips lines instead. */
const MAX_INT = 2_147_483_647;

export type ImportOptions = {
  signal?: AbortSignal;
  /** Inbox events per committed batch (DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  onProgress?: (progress: ImportProgress) => void;
};

export type ImportProgress = { runId: string; linesApplied: number; bytesApplied: number; objectCount: number; recorded: number };

export type ImportResult = {
  status: "applied" | "interrupted" | "failed" | "busy";
  linesApplied: number;
  bytesApplied: number;
  /** Events inserted by this call (pending and invalid), not counting ones already present. */
  recorded: number;
  error: string | null;
};

type InboxRow = {
  shopId: string;
  source: "backfill";
  deliveryId: string;
  topic: string;
  eventId: null;
  triggeredAt: null;
  receivedAt: Date;
  payload: string;
  status: "pending" | "invalid";
  error: string | null;
  attempts: number;
};

export async function importBackfillResult(store: Db, run: { id: string }, options: ImportOptions = {}): Promise<ImportResult> {
  const now = options.now ?? (() => new Date());
  const claimed = await store.backfillRun.updateMany({
    where: {
      id: run.id,
      OR: [{ status: { in: ["ready", "interrupted"] } }, { status: "importing", updatedAt: { lt: new Date(now().getTime() - IMPORT_LEASE_MS) } }],
    },
    data: { status: "importing" },
  });
  const row = await store.backfillRun.findUniqueOrThrow({ where: { id: run.id } });
  const position = { lines: row.linesApplied, bytes: row.bytesApplied, recorded: 0 };
  const result = (status: ImportResult["status"], error: string | null): ImportResult => ({
    status,
    linesApplied: position.lines,
    bytesApplied: position.bytes,
    recorded: position.recorded,
    error,
  });
  if (claimed.count === 0) return result("busy", null);

  const resource = parseBackfillRunId(row.id)?.resource;
  if (!resource) {
    await failRun(store, row, `not a backfill run id: ${row.id}`);
    return result("failed", `not a backfill run id: ${row.id}`);
  }
  const topic = TOPIC_OF_RESOURCE[resource];
  if (!row.resultUrl) {
    await transition(store, row.id, ["importing"], "applied", { appliedAt: now(), error: null });
    return result("applied", null);
  }

  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const assembler = new JsonlAssembler();
  let pending: InboxRow[] = [];
  const add = (outputs: AssemblerOutput[]) => {
    for (const output of outputs) pending.push(...rowsOf(output, { runId: row.id, shopId: row.shopId, topic, receivedAt: now() }));
  };
  const commit = async (lines: number, bytes: number, final: boolean) => {
    const rows = pending;
    pending = [];
    const appliedAt = now();
    const recorded = await store.$transaction(
      async (tx) => {
        const inserted = await bulkInsert(store, tx, "InboxEvent", rows, { onConflictDoNothing: true });
        const error = final ? await invalidSummary(tx, row.shopId, row.id) : undefined;
        await tx.backfillRun.update({
          where: { id: row.id },
          data: {
            linesApplied: lines,
            bytesApplied: bytes <= MAX_INT ? bytes : 0,
            ...(final ? { status: "applied", appliedAt, error } : { error: null }),
          },
        });
        return inserted;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    position.lines = lines;
    position.bytes = bytes;
    position.recorded += recorded;
    options.onProgress?.({ runId: row.id, linesApplied: lines, bytesApplied: bytes, objectCount: row.objectCount, recorded: position.recorded });
  };

  try {
    let last = { lines: row.linesApplied, bytes: row.bytesApplied };
    const lines = readJsonlLines(row.resultUrl, {
      fromByte: row.bytesApplied,
      linesBefore: row.linesApplied,
      skipLines: row.bytesApplied > 0 ? 0 : row.linesApplied,
      signal: options.signal,
      fetch: options.fetch,
    });
    for await (const line of lines) {
      const pushed = assembler.push(line.number, line.text);
      add(pushed.outputs);
      // Commit only where an object starts: everything before this line is complete.
      if (pushed.startsObject && pending.length >= batchSize) await commit(line.number - 1, line.startByte, false);
      last = { lines: line.number, bytes: line.endByte };
    }
    add(assembler.end());
    await commit(last.lines, last.bytes, true);
    return result("applied", null);
  } catch (error) {
    const message = errorMessage(error);
    if (error instanceof ResultFileGoneError) {
      await failRun(store, row, `the export's result file is no longer available: ${message}`);
      return result("failed", message);
    }
    await transition(store, row.id, ["importing"], "interrupted", { error: `import interrupted after line ${position.lines}: ${message}`.slice(0, 2000) });
    return result("interrupted", message);
  }
}

function rowsOf(output: AssemblerOutput, context: { runId: string; shopId: string; topic: BackfillTopic; receivedAt: Date }): InboxRow[] {
  const base = { shopId: context.shopId, source: "backfill" as const, eventId: null, triggeredAt: null, receivedAt: context.receivedAt, attempts: 0 };
  if (output.kind === "lineError") {
    const { line, text, error } = output.error;
    return [
      { ...base, deliveryId: backfillDeliveryId(context.runId, `line:${line}`), topic: context.topic, payload: text, status: "invalid", error: `line ${line}: ${error}` },
    ];
  }
  const { object } = output;
  const conversion = convertBulkObject(object);
  if (!conversion.ok) {
    return [
      {
        ...base,
        deliveryId: backfillDeliveryId(context.runId, object.id),
        topic: conversion.topic ?? context.topic,
        // The GraphQL object as exported, so nothing is lost and the error can be read against it.
        payload: JSON.stringify({ node: object.node, children: object.children }),
        status: "invalid",
        error: `lines ${object.firstLine}-${object.lastLine}: ${conversion.error}`.slice(0, 2000),
      },
    ];
  }
  return conversion.events.map((event) => ({
    ...base,
    deliveryId: backfillDeliveryId(context.runId, event.key),
    topic: event.topic,
    payload: JSON.stringify(event.payload),
    status: "pending",
    error: null,
  }));
}

async function invalidSummary(tx: DbTransaction, shopId: string, runId: string): Promise<string | null> {
  const invalid = await tx.inboxEvent.count({ where: { shopId, source: "backfill", status: "invalid", deliveryId: { startsWith: `${runId}:` } } });
  return invalid === 0 ? null : `${invalid} record${invalid === 1 ? "" : "s"} could not be imported; they are kept as invalid inbox events with their errors`;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.name === "AbortError" ? "aborted" : error.message;
  return String(error);
}
