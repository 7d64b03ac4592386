import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pino from "pino";
import { applyMigrations } from "~/adapters/prisma/migrate.server";
import { connectDatabase } from "~/db.server";
import { generateDemoStore } from "~/demo/generator";
import { CLIENT_BUILD, ensureBuild, loadServerBuild } from "~/server/build";
import { createAppServer, listen } from "~/server/httpServer";
import type { Benchmark } from "./benchmark";

const SHOP = "bench-intake.myshopify.com";
const SECRET = "bench-webhook-secret";

/**
 * Webhook intake: signed orders/create deliveries from a local load generator (autocannon) against
 * the production build on SQLite, beside GET /healthz on the same server as the baseline (the cost
 * of HTTP and Remix alone). Intake only: the worker does not run, as in production it runs beside.
 */
export const webhookIntakeBenchmark: Benchmark = {
  name: "webhook intake",
  run: async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "bench-intake-"));
    const databaseUrl = `file:${path.join(directory, "intake.sqlite")}`;
    await applyMigrations(databaseUrl);
    const store = await connectDatabase(databaseUrl);
    await store.shop.create({ data: { id: SHOP, name: "Bench", status: "installed" } });
    Object.assign(process.env, { DEMO_MODE: "false", SHOPIFY_API_KEY: "bench", SHOPIFY_API_SECRET: SECRET, SHOPIFY_APP_URL: "https://bench.example", DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" });
    ensureBuild();
    const server = createAppServer({ build: await loadServerBuild(), clientDirectory: CLIENT_BUILD, mode: "production", logger: pino({ level: "silent" }) });
    const { url } = await listen(server, 0, "127.0.0.1");
    try {
      const order = [...generateDemoStore({ seed: "intake", customers: 20, now: new Date("2026-11-25T12:00:00Z") }).customers()].flatMap((c) => c.orders)[0];
      const body = JSON.stringify(order);
      const hmac = createHmac("sha256", SECRET).update(body).digest("base64");
      const connections = 32;
      const duration = Number(process.env.BENCH_INTAKE_SECONDS ?? 8);

      const baseline = await load({ url: `${url}/healthz`, connections, duration });
      const webhooks = await load({
        url: `${url}/webhooks/orders`,
        connections,
        duration,
        method: "POST",
        body,
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Topic": "orders/create",
          "X-Shopify-Shop-Domain": SHOP,
          "X-Shopify-API-Version": "2026-07",
          "X-Shopify-Hmac-Sha256": hmac,
          "X-Shopify-Triggered-At": new Date().toISOString(),
        },
        requests: [
          {
            // Every delivery gets its own id, so each one is a new inbox row, not a duplicate.
            setupRequest: (request) => ({ ...request, headers: { ...request.headers, "X-Shopify-Webhook-Id": randomUUID(), "X-Shopify-Event-Id": randomUUID() } }),
          },
        ],
      });
      const recorded = await store.inboxEvent.count({ where: { shopId: SHOP } });
      if (recorded < webhooks.ok) throw new Error(`only ${recorded} of ${webhooks.ok} accepted deliveries reached the inbox`);
      return [
        { name: "signed orders/create (verify + inbox)", unit: "req/s", value: webhooks.rps, baseline: { name: "GET /healthz", value: baseline.rps }, better: "higher" },
        { name: "signed orders/create p50", unit: "ms", value: webhooks.p50, baseline: { name: "GET /healthz p50", value: baseline.p50 }, better: "lower" },
        { name: "signed orders/create p99", unit: "ms", value: webhooks.p99, baseline: { name: "GET /healthz p99", value: baseline.p99 }, better: "lower" },
      ];
    } finally {
      server.closeAllConnections();
      server.close();
      await store.$disconnect();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  },
};

type LoadResult = { rps: number; p50: number; p99: number; ok: number };

async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon(options);
  const non2xx = result.non2xx + result.errors + result.timeouts;
  if (non2xx > 0) throw new Error(`${options.url}: ${non2xx} failed requests (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok: result["2xx"] };
}
