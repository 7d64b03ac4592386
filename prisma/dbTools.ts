/**
 * Keeps the SQLite and PostgreSQL schemas and migrations in step.
 *
 *   tsx prisma/dbTools.ts sync-postgres        regenerate prisma/postgres/schema.prisma
 *   tsx prisma/dbTools.ts migration <name>     sync, then write a migration for both providers
 *   tsx prisma/dbTools.ts check                fail if either provider's migrations differ from its schema
 *
 * A schema has exactly one provider, so PostgreSQL gets its own schema file (generated from the
 * SQLite one, never edited by hand) and its own migrations.
 *
 * Why not `prisma migrate dev`: with a driver adapter (the only engine that runs offline here) it
 * replays migrations on a shadow database through a path that fails on multi-statement scripts.
 * So each migration keeps a snapshot of the schema it produced (`schema.snapshot.prisma`); a new
 * migration is the datamodel-to-datamodel diff from the latest snapshot, which needs no database,
 * and `check` proves the result by comparing the structure of a database built by the migrations
 * with one built in a single step from the schema. Both are applied by app/adapters/prisma/migrate.server.ts
 * (see there why not `prisma migrate deploy`).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { applyMigrations, readMigrations } from "../app/adapters/prisma/migrate.server";
import { createPostgresDatabase, POSTGRES_ADMIN_URL } from "./postgresAdmin";

const PRISMA_DIR = import.meta.dirname;
const ROOT = path.dirname(PRISMA_DIR);
const SQLITE_SCHEMA = path.join(PRISMA_DIR, "schema.prisma");
const POSTGRES_SCHEMA = path.join(PRISMA_DIR, "postgres", "schema.prisma");
const SNAPSHOT = "schema.snapshot.prisma";

export function postgresSchemaText(sqliteSchema: string): string {
  const header = "// GENERATED from prisma/schema.prisma by `npm run db:sync-postgres`. Do not edit by hand.\n";
  return (
    header +
    sqliteSchema
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('output       = "../app/generated/sqlite"', 'output       = "../../app/generated/postgres"')
      .replace('url      = "file:./dev.sqlite"', 'url      = "postgresql://localhost/placeholder"')
  );
}

function syncPostgres(): boolean {
  const next = postgresSchemaText(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : "";
  if (next === current) return false;
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, next);
  return true;
}

function prisma(args: string[], databaseUrl: string): string {
  return execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

type Provider = { name: "sqlite" | "postgres"; config: string; schema: string; migrations: string };
const PROVIDERS: Provider[] = [
  { name: "sqlite", config: "prisma/sqlite.config.ts", schema: SQLITE_SCHEMA, migrations: path.join(PRISMA_DIR, "migrations") },
  { name: "postgres", config: "prisma/postgres.config.ts", schema: POSTGRES_SCHEMA, migrations: path.join(PRISMA_DIR, "postgres", "migrations") },
];

function migrationDirs(provider: Provider): string[] {
  if (!fs.existsSync(provider.migrations)) return [];
  return fs
    .readdirSync(provider.migrations)
    .filter((name) => /^\d{14}_/.test(name))
    .sort();
}

type Scratch = { url: string; drop: () => Promise<void> };

/** An empty database of the provider's kind, for building and comparing structures. */
export async function scratchDatabase(kind: Provider["name"], label: string): Promise<Scratch> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
    const url = `file:${path.join(dir, "scratch.sqlite")}`;
    return { url, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  return createPostgresDatabase(`${label}_${process.pid}_${Math.floor(performance.now() * 1000)}`.toLowerCase());
}

/** Tables, columns and indexes of a database, in a provider-neutral, sorted text form. */
async function describeStructure(kind: Provider["name"], url: string): Promise<string[]> {
  if (kind === "sqlite") {
    const db = new Database(url.replace(/^file:/, ""), { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'")
        .all() as { name: string }[];
      const lines: string[] = [];
      for (const { name } of tables) {
        for (const c of db.prepare(`PRAGMA table_info("${name}")`).all() as Record<string, unknown>[]) {
          lines.push(`column ${name}.${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`);
        }
        for (const i of db.prepare(`PRAGMA index_list("${name}")`).all() as Record<string, unknown>[]) {
          const cols = (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name);
          lines.push(`index ${name}(${cols.join(",")}) unique=${i.unique} origin=${i.origin}`);
        }
      }
      return lines.sort();
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const indexes = await client.query(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    return [
      ...columns.rows.map((c) => `column ${c.table_name}.${c.column_name} ${c.data_type} nullable=${c.is_nullable} default=${c.column_default}`),
      ...indexes.rows.map((i) => `index ${i.indexdef}`),
    ].sort();
  } finally {
    await client.end();
  }
}

/** SQL that builds the provider's current schema from nothing (touches no database). */
function freshSchemaSql(provider: Provider): string {
  return prisma(["migrate", "diff", "--config", provider.config, "--from-empty", "--to-schema-datamodel", provider.schema, "--script"], placeholderUrl(provider));
}

/** A datamodel-to-datamodel diff touches no database, but the config still wants a url of the right kind. */
function placeholderUrl(provider: Provider): string {
  return provider.name === "sqlite" ? "file::memory:" : POSTGRES_ADMIN_URL;
}

/** Differences between the database the migrations build and the one the schema describes. */
async function structuralDrift(provider: Provider): Promise<string[]> {
  const migrated = await scratchDatabase(provider.name, "dbtools_migrated");
  const fresh = await scratchDatabase(provider.name, "dbtools_fresh");
  try {
    await applyMigrations(migrated.url, readMigrations(provider.migrations));
    await applyMigrations(fresh.url, [{ name: "00000000000000_fresh", sql: freshSchemaSql(provider), checksum: "" }]);
    const fromMigrations = new Set(await describeStructure(provider.name, migrated.url));
    const fromSchema = new Set(await describeStructure(provider.name, fresh.url));
    return [
      ...[...fromSchema].filter((line) => !fromMigrations.has(line)).map((line) => `missing from migrations: ${line}`),
      ...[...fromMigrations].filter((line) => !fromSchema.has(line)).map((line) => `not in schema: ${line}`),
    ];
  } finally {
    await migrated.drop();
    await fresh.drop();
  }
}

function isEmptyMigration(sql: string): boolean {
  return sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}

function writeMigration(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: lower case letters, digits and _ only");
  syncPostgres();
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const provider of PROVIDERS) {
    const latest = migrationDirs(provider).at(-1);
    const from = latest ? ["--from-schema-datamodel", path.join(provider.migrations, latest, SNAPSHOT)] : ["--from-empty"];
    const sql = prisma(["migrate", "diff", "--config", provider.config, ...from, "--to-schema-datamodel", provider.schema, "--script"], placeholderUrl(provider));
    if (isEmptyMigration(sql)) {
      console.log(`${provider.name}: schema and migrations already agree`);
      continue;
    }
    const dir = path.join(provider.migrations, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    fs.copyFileSync(provider.schema, path.join(dir, SNAPSHOT));
    const lock = path.join(provider.migrations, "migration_lock.toml");
    if (!fs.existsSync(lock)) {
      const providerName = provider.name === "sqlite" ? "sqlite" : "postgresql";
      fs.writeFileSync(lock, `# Please do not edit this file manually\nprovider = "${providerName}"\n`);
    }
    console.log(`${provider.name}: wrote ${path.relative(ROOT, dir)}`);
  }
}

export async function checkInStep(): Promise<string[]> {
  const problems: string[] = [];
  const expected = postgresSchemaText(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  if (!fs.existsSync(POSTGRES_SCHEMA) || fs.readFileSync(POSTGRES_SCHEMA, "utf8") !== expected) {
    problems.push("prisma/postgres/schema.prisma is out of date: run `npm run db:sync-postgres`");
  }
  for (const provider of PROVIDERS) {
    for (const line of await structuralDrift(provider)) problems.push(`${provider.name}: ${line}`);
  }
  return problems;
}

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  if (command === "sync-postgres") {
    console.log(syncPostgres() ? "prisma/postgres/schema.prisma updated" : "prisma/postgres/schema.prisma already in step");
  } else if (command === "migration" && arg) {
    writeMigration(arg);
  } else if (command === "check") {
    const problems = await checkInStep();
    for (const problem of problems) console.error(problem);
    console.log(problems.length === 0 ? "schemas and migrations are in step" : `${problems.length} problem(s)`);
    process.exitCode = problems.length === 0 ? 0 : 1;
  } else {
    console.error("usage: tsx prisma/dbTools.ts sync-postgres | migration <name> | check");
    process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await main();
}
