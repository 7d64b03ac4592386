import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "~/adapters/prisma/migrate.server";
import { bulkInsert } from "~/adapters/prisma/bulkInsert.server";
import { connectDatabase, type Db } from "~/db.server";
import { generateDemoStore } from "~/demo/generator";
import { customerDeliveries } from "~/demo/replayDemoStore";
import { drainInbox } from "~/jobs/inboxWorker.server";
import type { Benchmark } from "./benchmark";

const SHOP = "bench-apply.myshopify.com";
const NOW = new Date("2026-11-25T12:00:00Z");

/**
 * Applying inbox events to the projections: BENCH_APPLY_EVENTS (default 1,000,000) realistic store
 * webhooks (customers, consent, carts, checkouts, orders, in the order a store sends them) applied
 * by the worker in batches, beside the same worker applying the first 5,000 one event per
 * transaction (what batching saves).
 */
export const inboxApplyBenchmark: Benchmark = {
  name: "inbox apply",
  run: async () => {
    const total = Number(process.env.BENCH_APPLY_EVENTS ?? 1_000_000);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "bench-apply-"));
    try {
      const single = await measure(path.join(directory, "single.sqlite"), 5_000, 1);
      const batched = await measure(path.join(directory, "batched.sqlite"), total, 250);
      return [
        { name: `apply ${batched.events.toLocaleString("en-US")} events, batched`, unit: "events/s", value: batched.perSecond, baseline: { name: "one event per transaction (5,000)", value: single.perSecond }, better: "higher" },
        { name: `apply ${batched.events.toLocaleString("en-US")} events, batched`, unit: "s", value: batched.seconds, baseline: { name: "recording them in the inbox", value: batched.recordSeconds }, better: "lower" },
      ];
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  },
};

async function measure(file: string, total: number, batchSize: number) {
  const url = `file:${file}`;
  await applyMigrations(url);
  const store = await connectDatabase(url);
  await store.shop.create({ data: { id: SHOP, name: "Bench", status: "installed" } });
  const recordStarted = performance.now();
  const events = await recordEvents(store, total);
  const recordSeconds = (performance.now() - recordStarted) / 1000;
  const started = performance.now();
  const report = await drainInbox(store, { batchSize, now: () => NOW });
  const seconds = (performance.now() - started) / 1000;
  await store.$disconnect();
  if (report.applied !== events) throw new Error(`applied ${report.applied} of ${events} events: ${JSON.stringify(report)}`);
  return { events, seconds: +seconds.toFixed(1), recordSeconds: +recordSeconds.toFixed(1), perSecond: Math.round(events / seconds) };
}

/** Streams demo customers' webhooks into the inbox until `total`, in chunks (never all in memory). */
async function recordEvents(store: Db, total: number): Promise<number> {
  const demo = generateDemoStore({ seed: "apply", customers: Math.ceil(total / 8), now: NOW, anonymousVisitors: 0 });
  let recorded = 0;
  let chunk: Array<Record<string, unknown>> = [];
  const flush = async () => {
    await store.$transaction((tx) => bulkInsert(store, tx, "InboxEvent", chunk), { timeout: 120_000 });
    chunk = [];
  };
  for (const history of demo.customers()) {
    for (const delivery of customerDeliveries(history)) {
      if (recorded >= total) break;
      chunk.push({ shopId: SHOP, source: "webhook", deliveryId: `d${recorded}`, topic: delivery.topic, payload: JSON.stringify(delivery.body), status: "pending", attempts: 0, receivedAt: NOW });
      recorded++;
      if (chunk.length >= 5_000) await flush();
    }
    if (recorded >= total) break;
  }
  if (chunk.length) await flush();
  return recorded;
}
