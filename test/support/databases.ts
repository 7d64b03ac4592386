import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "~/adapters/prisma/migrate.server";
import { connectDatabase, type Db } from "~/db.server";
import { createPostgresDatabase, POSTGRES_ADMIN_URL } from "../../prisma/postgresAdmin";

export { POSTGRES_ADMIN_URL };

/**
 * Real databases for tests: a fresh SQLite file, or a fresh database on the local PostgreSQL
 * server (127.0.0.1:5432, trust auth). Both are migrated with the app's own migrator.
 */
export const DATABASE_KINDS = ["sqlite", "postgres"] as const;
export type DatabaseKindUnderTest = (typeof DATABASE_KINDS)[number];

export type TestDatabase = { kind: DatabaseKindUnderTest; url: string; db: Db; drop: () => Promise<void> };

export async function createTestDatabase(kind: DatabaseKindUnderTest): Promise<TestDatabase> {
  const postgres = kind === "postgres" ? await createTestPostgresDatabase() : null;
  const url = postgres?.url ?? sqliteUrl();
  await applyMigrations(url);
  const db = await connectDatabase(url);
  return {
    kind,
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      if (postgres) await postgres.drop();
      else fs.rmSync(path.dirname(url.replace(/^file:/, "")), { recursive: true, force: true });
    },
  };
}

function sqliteUrl(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "app-test-"));
  return `file:${path.join(dir, "test.sqlite")}`;
}

async function createTestPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `app_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  try {
    return await createPostgresDatabase(name);
  } catch (error) {
    throw new Error(
      `PostgreSQL tests need the local server at ${POSTGRES_ADMIN_URL} (start it with ` +
        "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`): " +
        (error as Error).message,
    );
  }
}
