import type { Db } from "~/db.server";
import { databaseKindOf } from "~/db.server";

/**
 * Multi-row INSERTs for bulk loads (the demo store, history backfill). Prisma's `createMany`
 * through a driver adapter costs about 100 µs a row in query planning; one parameterised
 * `INSERT ... VALUES (...), (...)` per few thousand rows is four to five times faster and goes
 * through the same adapter, so values (dates, integers) are encoded exactly as Prisma encodes them.
 *
 * Table and column names come from code, never from input; they are still checked, since they
 * cannot be parameters. All rows must have the same keys as the first.
 */
type Executor = Pick<Db, "$executeRawUnsafe">;

/** Stay under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement. */
const MAX_PARAMETERS = 30_000;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export async function bulkInsert(
  store: Db,
  executor: Executor,
  table: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  options: { onConflictDoNothing?: boolean } = {},
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const columns = Object.keys(first);
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  const postgres = databaseKindOf(store) === "postgres";
  const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const columnList = columns.map((column) => `"${column}"`).join(", ");
  let inserted = 0;
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement).map((row) =>
      columns.map((column) => {
        if (!(column in row)) throw new Error(`row for ${table} lacks column ${column}`);
        return row[column];
      }),
    );
    const { sql, parameters } = valuesList(chunk, postgres);
    const conflict = options.onConflictDoNothing ? " ON CONFLICT DO NOTHING" : "";
    inserted += await executor.$executeRawUnsafe(`INSERT INTO "${table}" (${columnList}) VALUES ${sql}${conflict}`, ...parameters);
  }
  return inserted;
}

/**
 * `(?, ?), (?, ?)` (SQLite) or `($1, $2), ($3, $4)` (PostgreSQL) for rows of values, with the
 * values in placeholder order: the body of a multi-row INSERT.
 */
export function valuesList(rows: ReadonlyArray<readonly unknown[]>, postgres: boolean): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const tuples = rows.map((values) => {
    const placeholders = values.map((value) => {
      parameters.push(value);
      return postgres ? `$${parameters.length}` : "?";
    });
    return `(${placeholders.join(", ")})`;
  });
  return { sql: tuples.join(", "), parameters };
}
