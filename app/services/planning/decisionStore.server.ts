import { databaseKindOf, type Db } from "~/db.server";
import type { DecisionRow } from "./decisionRecords";

/**
 * Writes decisions idempotently. A decision's id is its proposal's, so planning the same moment
 * again meets its own rows: one multi-row `INSERT ... ON CONFLICT DO UPDATE ... WHERE status =
 * 'dropped'` per few hundred rows stores a new decision once, lets a later run revisit a proposal it
 * had dropped (the budget may have room now), and never touches a decision already planned, on its
 * way, sent or cancelled.
 */
const COLUMNS = [
  "shopId",
  "id",
  "runId",
  "moment",
  "customerId",
  "agent",
  "subject",
  "messageType",
  "channel",
  "status",
  "sendAt",
  "dropReason",
  "brief",
  "expectedValueMinor",
  "method",
  "objectiveId",
  "discountCostMinor",
  "pclvMinor",
  "trace",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof DecisionRow)[];

/** Revisited when a dropped decision is proposed again; id, customer, agent, subject and createdAt stay. */
const UPDATED = ["runId", "moment", "messageType", "status", "sendAt", "dropReason", "brief", "expectedValueMinor", "method", "objectiveId", "discountCostMinor", "pclvMinor", "trace", "updatedAt"] as const;

/** Rows per statement: 4,000 bound values, statements of a megabyte or so (measured faster than larger ones). */
const ROWS_PER_STATEMENT = 200;

type Executor = Pick<Db, "$executeRawUnsafe">;

/** Returns the rows inserted or revisited. Rows with the same id keep the first (planned before dropped). */
export async function upsertDecisions(store: Db, executor: Executor, rows: readonly DecisionRow[]): Promise<number> {
  const byId = new Map<string, DecisionRow>();
  for (const row of rows) {
    const seen = byId.get(row.id);
    if (!seen || (seen.status === "dropped" && row.status === "planned")) byId.set(row.id, row);
  }
  const chosen = [...byId.values()];
  const postgres = databaseKindOf(store) === "postgres";
  const perStatement = ROWS_PER_STATEMENT;
  const columnList = COLUMNS.map((column) => `"${column}"`).join(", ");
  const updates = UPDATED.map((column) => `"${column}" = excluded."${column}"`).join(", ");
  let written = 0;
  for (let start = 0; start < chosen.length; start += perStatement) {
    const parameters: unknown[] = [];
    const tuples = chosen.slice(start, start + perStatement).map((row) => {
      const placeholders = COLUMNS.map((column) => {
        parameters.push(row[column]);
        return postgres ? `$${parameters.length}` : "?";
      });
      return `(${placeholders.join(", ")})`;
    });
    written += await executor.$executeRawUnsafe(
      `INSERT INTO "Decision" (${columnList}) VALUES ${tuples.join(", ")} ON CONFLICT ("shopId", "id") DO UPDATE SET ${updates} WHERE "Decision"."status" = 'dropped'`,
      ...parameters,
    );
  }
  return written;
}
