import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, migrationsDirectory, readMigrations } from "~/adapters/prisma/migrate.server";
import { scratchDatabase } from "../../prisma/dbTools";
import { DATABASE_KINDS } from "../support/databases";
import { schemaModels } from "./support/schemaModels";
import { rawQuery, tableNames } from "./support/sql";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const run = promisify(execFile);

type MigrationRow = { id: string; checksum: string; migration_name: string; finished_at: unknown; applied_steps_count: unknown };

async function migrationRows(url: string): Promise<MigrationRow[]> {
  const rows = await rawQuery<MigrationRow>(
    url,
    `SELECT id, checksum, migration_name, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  return rows.map((row) => ({ ...row, finished_at: String(row.finished_at), applied_steps_count: Number(row.applied_steps_count) }));
}

describe.each(DATABASE_KINDS)("applyMigrations on %s", (kind) => {
  const drops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const drop of drops.splice(0)) await drop();
  });

  async function emptyDatabase(): Promise<string> {
    const scratch = await scratchDatabase(kind, "migrations_test");
    drops.push(scratch.drop);
    return scratch.url;
  }

  const migrations = readMigrations(migrationsDirectory(kind));

  it("finds checked-in migrations for this provider", () => {
    expect(migrations.length).toBeGreaterThan(0);
    for (const migration of migrations) expect(migration.sql.trim()).not.toBe("");
  });

  it("applies every migration once and records it like Prisma does", async () => {
    const url = await emptyDatabase();
    const applied = await applyMigrations(url);
    expect(applied).toEqual(migrations.map((m) => m.name));

    const rows = await migrationRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[i]?.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBe("null");
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("is idempotent: a second run applies nothing and leaves _prisma_migrations unchanged", async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const before = await migrationRows(url);
    const tablesBefore = await tableNames(url);

    expect(await applyMigrations(url)).toEqual([]);
    expect(await migrationRows(url)).toEqual(before);
    expect(await tableNames(url)).toEqual(tablesBefore);
  });

  it("creates a table for every model of the schema, plus _prisma_migrations", async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const schemaFile = kind === "sqlite" ? "prisma/schema.prisma" : "prisma/postgres/schema.prisma";
    const models = [...schemaModels(path.join(ROOT, schemaFile)).keys()];
    expect(models).toEqual(expect.arrayContaining(["Session", "Shop", "InboxEvent", "Customer", "Product", "ProductVariant", "Order", "OrderLineItem"]));
    expect(await tableNames(url)).toEqual([...models, "_prisma_migrations"].sort());
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const [first, ...rest] = migrations;
    if (!first) throw new Error("no migrations");
    const edited = { ...first, sql: `${first.sql}\n-- edited`, checksum: "0".repeat(64) };
    await expect(applyMigrations(url, [edited, ...rest])).rejects.toThrow(/edited after it was applied/);
  });

  it("does not conflict when several migrators start together in one process", async () => {
    const url = await emptyDatabase();
    const results = await Promise.all(Array.from({ length: 6 }, () => applyMigrations(url)));
    // Each migration was applied by exactly one caller.
    expect(results.flat().sort()).toEqual(migrations.map((m) => m.name).sort());
    expect((await migrationRows(url)).map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
  });

  it("does not conflict when several processes start together (as app instances do on deploy)", async () => {
    const url = await emptyDatabase();
    const startAt = String(Date.now() + 2_500);
    const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
    const script = path.join(import.meta.dirname, "support", "migrateOnce.ts");
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () => run(tsx, [script, url, startAt], { cwd: ROOT, timeout: 60_000 })),
    );
    const applied = outputs.map(({ stdout }) => JSON.parse(stdout) as string[]);
    expect(applied.flat().sort()).toEqual(migrations.map((m) => m.name).sort());
    expect((await migrationRows(url)).map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    expect(await tableNames(url)).toContain("Order");
  }, 90_000);
});
