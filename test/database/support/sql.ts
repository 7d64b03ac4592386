import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqliteFilePath } from "~/adapters/prisma/databaseUrl";

/**
 * Raw SQL straight through the driver (not Prisma), for asserting what is actually stored.
 * SQL is written with `?` placeholders; they become `$1, $2, ...` on PostgreSQL.
 */
export async function rawQuery<Row = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  if (databaseKind(url) === "sqlite") {
    const db = new Database(sqliteFilePath(url), { readonly: !/^\s*(insert|update|delete|create|drop|alter)/i.test(sql) });
    try {
      const statement = db.prepare(sql);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as Row[];
    } finally {
      db.close();
    }
  }
  let n = 0;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
    return result.rows as Row[];
  } finally {
    await client.end();
  }
}

/** User tables of a database (excluding SQLite's internal ones). */
export async function tableNames(url: string): Promise<string[]> {
  const rows =
    databaseKind(url) === "sqlite"
      ? await rawQuery<{ name: string }>(url, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      : await rawQuery<{ name: string }>(url, "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'");
  return rows.map((row) => row.name).sort();
}
