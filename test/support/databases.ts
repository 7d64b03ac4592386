import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "~/adapters/prisma/migrate.server";
import { connectDatabase, type Db } from "~/db.server";

/**
 * Real databases for tests: a fresh SQLite file, or a fresh database on the local PostgreSQL
 * server (127.0.0.1:5432, trust auth). Both are migrated with the app's own migrator.
 */
export const DATABASE_KINDS = ["sqlite", "postgres"] as const;
export type DatabaseKindUnderTest = (typeof DATABASE_KINDS)[number];

export const POSTGRES_ADMIN_URL = process.env.POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { kind: DatabaseKindUnderTest; url: string; db: Db; drop: () => Promise<void> };

export async function createTestDatabase(kind: DatabaseKindUnderTest): Promise<TestDatabase> {
  const url = kind === "sqlite" ? sqliteUrl() : await createPostgresDatabase();
  await applyMigrations(url);
  const db = await connectDatabase(url);
  return {
    kind,
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      if (kind === "sqlite") fs.rmSync(path.dirname(url.replace(/^file:/, "")), { recursive: true, force: true });
      else await adminQuery(`DROP DATABASE IF EXISTS "${databaseName(url)}" WITH (FORCE)`);
    },
  };
}

function sqliteUrl(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "app-test-"));
  return `file:${path.join(dir, "test.sqlite")}`;
}

async function createPostgresDatabase(): Promise<string> {
  const name = `app_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  try {
    await adminQuery(`CREATE DATABASE "${name}"`);
  } catch (error) {
    throw new Error(
      `PostgreSQL tests need the local server at ${POSTGRES_ADMIN_URL} (start it with ` +
        "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`): " +
        (error as Error).message,
    );
  }
  return POSTGRES_ADMIN_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
}

function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
