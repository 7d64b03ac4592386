/**
 * Applies the checked-in Prisma migrations (prisma/migrations for SQLite, prisma/postgres/migrations
 * for PostgreSQL) and records them in Prisma's own `_prisma_migrations` table, with the same
 * checksum Prisma computes, so `prisma migrate status` and `deploy` agree with what ran here.
 *
 * Why not `prisma migrate deploy`: through @prisma/adapter-pg it fails on PostgreSQL's `name`
 * column type (prisma/orm#27403), and the native schema engine cannot be downloaded on offline
 * machines. Running the SQL ourselves also makes a fresh test database a few milliseconds away.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqliteFilePath } from "./databaseUrl";

const PRISMA_DIR = path.resolve(import.meta.dirname, "..", "..", "..", "prisma");

export type Migration = { name: string; sql: string; checksum: string };

export function migrationsDirectory(kind: "sqlite" | "postgres"): string {
  return kind === "sqlite" ? path.join(PRISMA_DIR, "migrations") : path.join(PRISMA_DIR, "postgres", "migrations");
}

export function readMigrations(directory: string): Migration[] {
  return fs
    .readdirSync(directory)
    .filter((name) => /^\d{14}_/.test(name))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(directory, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies every migration not yet recorded; returns the names it applied. */
export async function applyMigrations(databaseUrl: string, migrations?: Migration[]): Promise<string[]> {
  const kind = databaseKind(databaseUrl);
  const pending = migrations ?? readMigrations(migrationsDirectory(kind));
  return kind === "sqlite" ? applySqlite(databaseUrl, pending) : applyPostgres(databaseUrl, pending);
}

function applySqlite(databaseUrl: string, migrations: Migration[]): string[] {
  const file = sqliteFilePath(databaseUrl);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const applied: string[] = [];
    // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    const applyOne = db.transaction((migration: Migration) => {
      const done = db
        .prepare(`SELECT checksum FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .get(migration.name) as { checksum: string } | undefined;
      if (done) {
        assertSameChecksum(migration, done.checksum);
        return;
      }
      db.exec(migration.sql);
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, 1)`,
      ).run(randomUUID(), migration.checksum, sqliteTimestamp(), migration.name, sqliteTimestamp());
      applied.push(migration.name);
    });
    for (const migration of migrations) applyOne.immediate(migration);
    return applied;
  } finally {
    db.close();
  }
}

async function applyPostgres(databaseUrl: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // One migrator at a time across processes; the key is arbitrary but fixed.
    await client.query("SELECT pg_advisory_lock(72707369)");
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const applied: string[] = [];
    for (const migration of migrations) {
      const done = await client.query<{ checksum: string }>(
        `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [migration.name],
      );
      if (done.rows[0]) {
        assertSameChecksum(migration, done.rows[0].checksum);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock(72707369)").catch(() => undefined);
    await client.end();
  }
}

/** The timestamp text Prisma's own migrate writes into SQLite's `_prisma_migrations`. */
function sqliteTimestamp(): string {
  return new Date().toISOString().replace("Z", "+00:00");
}

function assertSameChecksum(migration: Migration, recorded: string): void {
  if (recorded !== migration.checksum) {
    throw new Error(
      `migration ${migration.name} was edited after it was applied (checksum ${recorded.slice(0, 12)}… != ${migration.checksum.slice(0, 12)}…); add a new migration instead`,
    );
  }
}
