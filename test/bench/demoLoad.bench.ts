import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { applyMigrations } from "~/adapters/prisma/migrate.server";
import { bulkInsert } from "~/adapters/prisma/bulkInsert.server";
import { connectDatabase } from "~/db.server";
import { generateDemoStore } from "~/demo/generator";
import { loadDemoStore } from "~/demo/loadDemoStore.server";
import { PixelEvent } from "~/domain/events/pixelEvents";
import { browseEventRecord, type BrowseEventRecord } from "~/domain/projections/shopifyRecords";
import { bestOf, type Benchmark } from "./benchmark";

const NOW = new Date("2026-11-25T12:00:00Z");
const SHOP = "bench.myshopify.com";

/**
 * How fast the demo store reaches the database.
 * - bulk rows: the app's multi-row INSERT through the Prisma adapter, beside raw better-sqlite3
 *   prepared statements in one transaction (the floor for SQLite from Node) and beside Prisma's
 *   createMany (what it replaced).
 * - whole demo: generate + validate + map + write customers per second, beside generating alone.
 */
export const demoLoadBenchmark: Benchmark = {
  name: "demo load",
  run: async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "bench-demo-"));
    const url = (name: string) => `file:${path.join(directory, name)}`;
    try {
      const rows = browseRows(800);
      const withIds = (suffix: string) => rows.map((row) => ({ ...row, id: `${row.id}${suffix}` }));

      await applyMigrations(url("app.sqlite"));
      const store = await connectDatabase(url("app.sqlite"));
      let round = 0;
      const bulkMs = await bestOf(3, () => store.$transaction((tx) => bulkInsert(store, tx, "BrowseEvent", withIds(`:b${round++}`)), { timeout: 120_000 }));
      const createManyMs = await bestOf(3, () => store.browseEvent.createMany({ data: withIds(`:c${round++}`) }));

      await applyMigrations(url("raw.sqlite"));
      const raw = new Database(path.join(directory, "raw.sqlite"));
      raw.pragma("journal_mode = WAL");
      raw.pragma("synchronous = NORMAL");
      const columns = Object.keys(rows[0] ?? {});
      const insert = raw.prepare(`INSERT INTO "BrowseEvent" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
      const insertAll = raw.transaction((batch: typeof rows) => {
        for (const row of batch) insert.run(...columns.map((c) => sqliteValue((row as Record<string, unknown>)[c])));
      });
      const rawMs = await bestOf(3, () => insertAll(withIds(`:r${round++}`)));
      raw.close();

      const customers = 300;
      const demo = generateDemoStore({ seed: "bench", customers, now: NOW, anonymousVisitors: 0 });
      const generateMs = await bestOf(2, () => {
        for (const history of demo.customers()) void history;
      });
      const loadMs = await bestOf(2, () => loadDemoStore(store, demo, { now: NOW, scope: "read_orders" }));
      await store.$disconnect();

      const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));
      return [
        { name: "bulk insert (app, Prisma adapter)", unit: "rows/s", value: perSecond(rows.length, bulkMs), baseline: { name: "raw better-sqlite3", value: perSecond(rows.length, rawMs) }, better: "higher" },
        { name: "bulk insert (app, Prisma adapter)", unit: "rows/s", value: perSecond(rows.length, bulkMs), baseline: { name: "Prisma createMany", value: perSecond(rows.length, createManyMs) }, better: "higher" },
        { name: "demo generate + load", unit: "customers/s", value: perSecond(customers, loadMs), baseline: { name: "generate only", value: perSecond(customers, generateMs) }, better: "higher" },
      ];
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  },
};

/** Real pixel events from the demo generator, mapped as the app stores them. */
function browseRows(customers: number): Array<BrowseEventRecord & { shopId: string }> {
  const demo = generateDemoStore({ seed: "bench-rows", customers, now: NOW, anonymousVisitors: 0 });
  const rows: Array<BrowseEventRecord & { shopId: string }> = [];
  for (const history of demo.customers()) {
    for (const session of history.sessions) for (const json of session.events) rows.push({ shopId: SHOP, ...browseEventRecord(PixelEvent.parse(json), null) });
  }
  return rows;
}

/** better-sqlite3 binds Dates as nothing useful; store them as Prisma's adapter does. */
function sqliteValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().replace("Z", "+00:00") : value;
}
