import { databaseKindOf, type Db } from "~/db.server";

/**
 * The few planning reads that need a join (line items with their order's customer), which Prisma's
 * model API cannot express without relations. SQL is written with `?` placeholders and numbered for
 * PostgreSQL; identifiers are quoted, which both engines accept. Values are always parameters.
 */
export async function rawRows<T>(store: Db, sql: string, parameters: readonly unknown[]): Promise<T[]> {
  let text = sql;
  if (databaseKindOf(store) === "postgres") {
    let index = 0;
    text = sql.replace(/\?/g, () => `$${++index}`);
  }
  return store.$queryRawUnsafe<T[]>(text, ...parameters);
}

/** A timestamp as either engine returns it through a raw query (a Date, or SQLite's ISO text). */
export function rawDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "string" || typeof value === "number") return new Date(value);
  throw new Error(`not a timestamp: ${String(value)}`);
}

/** An integer as either engine returns it (PostgreSQL's bigint sums arrive as bigint or text). */
export function rawInt(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint" || typeof value === "string") return Number(value);
  throw new Error(`not an integer: ${String(value)}`);
}
