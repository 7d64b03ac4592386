import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { migrationsDirectory, readMigrations } from "~/adapters/prisma/migrate.server";
import { checkInStep, postgresSchemaText } from "../../prisma/dbTools";
import { DATABASE_KINDS } from "../support/databases";
import { schemaModels } from "./support/schemaModels";

const PRISMA = path.resolve(import.meta.dirname, "..", "..", "prisma");
const SQLITE_SCHEMA = path.join(PRISMA, "schema.prisma");
const POSTGRES_SCHEMA = path.join(PRISMA, "postgres", "schema.prisma");

describe("migrations build what the schemas describe (prisma/dbTools.ts check)", () => {
  let problems: string[] = [];
  beforeAll(async () => {
    // Builds, per provider, one database from the checked-in migrations and one from the schema in a
    // single step (`prisma migrate diff --from-empty`), and compares tables, columns and indexes.
    problems = await checkInStep();
  }, 120_000);

  it.each(DATABASE_KINDS)("%s: no structural drift between migrations and schema", (kind) => {
    expect(problems.filter((p) => p.startsWith(`${kind}:`))).toEqual([]);
  });

  it("prisma/postgres/schema.prisma is exactly what db:sync-postgres generates", () => {
    expect(problems.filter((p) => !/^(sqlite|postgres):/.test(p))).toEqual([]);
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaText(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  });
});

describe("the two schema files declare the same models", () => {
  const sqlite = schemaModels(SQLITE_SCHEMA);
  const postgres = schemaModels(POSTGRES_SCHEMA);

  it("same model names", () => {
    expect(sqlite.size).toBeGreaterThanOrEqual(8);
    expect([...postgres.keys()].sort()).toEqual([...sqlite.keys()].sort());
  });

  it.each([...schemaModels(SQLITE_SCHEMA).keys()])("model %s: same fields, types, attributes, keys and indexes", (model) => {
    expect(postgres.get(model)).toEqual(sqlite.get(model));
  });

  it("only the provider and the generated client's location differ", () => {
    const provider = (file: string) => /datasource db \{[\s\S]*?provider\s*=\s*"(\w+)"/.exec(fs.readFileSync(file, "utf8"))?.[1];
    expect(provider(SQLITE_SCHEMA)).toBe("sqlite");
    expect(provider(POSTGRES_SCHEMA)).toBe("postgresql");
  });
});

describe("migration history of both providers", () => {
  it("has the same migrations, in the same order, for SQLite and PostgreSQL", () => {
    const names = (kind: "sqlite" | "postgres") => readMigrations(migrationsDirectory(kind)).map((m) => m.name);
    expect(names("postgres")).toEqual(names("sqlite"));
  });

  it.each(DATABASE_KINDS)("%s: the latest migration's snapshot is the current schema (the next migration diffs from it)", (kind) => {
    const directory = migrationsDirectory(kind);
    const latest = readMigrations(directory).at(-1);
    if (!latest) throw new Error(`no migrations in ${directory}`);
    const snapshot = fs.readFileSync(path.join(directory, latest.name, "schema.snapshot.prisma"), "utf8");
    expect(snapshot).toBe(fs.readFileSync(kind === "sqlite" ? SQLITE_SCHEMA : POSTGRES_SCHEMA, "utf8"));
  });

  it.each(DATABASE_KINDS)("%s: migration_lock.toml names the provider", (kind) => {
    const lock = fs.readFileSync(path.join(migrationsDirectory(kind), "migration_lock.toml"), "utf8");
    expect(lock).toMatch(new RegExp(`provider\\s*=\\s*"${kind === "sqlite" ? "sqlite" : "postgresql"}"`));
  });
});
