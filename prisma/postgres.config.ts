// Prisma CLI configuration for PostgreSQL (DATABASE_URL=postgresql://...). Its schema and
// migrations live in prisma/postgres/ and are generated from the SQLite schema, so both stay in step.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "postgres", "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "postgres", "migrations") },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString?.startsWith("postgres")) {
      throw new Error("prisma/postgres.config.ts needs DATABASE_URL=postgresql://...");
    }
    return new PrismaPg({ connectionString });
  },
});
