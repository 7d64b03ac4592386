import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { applyMigrations } from "~/adapters/prisma/migrate.server";
import { connectDatabase } from "~/db.server";
import { generateDemoStore } from "~/demo/generator";
import { ensureBuild, ROOT } from "~/server/build";
import type { Benchmark } from "./benchmark";

const SHOP = "bench-intake.myshopify.com";
const SECRET = "bench-webhook-secret";

/**
 * Webhook intake: signed orders/create deliveries from a local load generator (autocannon) against
 * the production build on SQLite (in its own process), beside GET /healthz on the same server as the
 * baseline (the cost of HTTP and Remix alone). Intake only: the worker, which runs on its own thread
 * in production, is not started.
 */
export const webhookIntakeBenchmark: Benchmark = {
  name: "webhook intake",
  run: async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "bench-intake-"));
    const databaseUrl = `file:${path.join(directory, "intake.sqlite")}`;
    await applyMigrations(databaseUrl);
    const store = await connectDatabase(databaseUrl);
    await store.shop.create({ data: { id: SHOP, name: "Bench", status: "installed" } });
    ensureBuild();
    const server = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(import.meta.dirname, "support", "intakeServer.ts")], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", DEMO_MODE: "false", SHOPIFY_API_KEY: "bench", SHOPIFY_API_SECRET: SECRET, SHOPIFY_APP_URL: "https://bench.example", DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      server.once("exit", (code) => reject(new Error(`the intake server exited with ${code}`)));
      server.stdout.once("data", (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { url: string }).url));
    });
    try {
      const order = [...generateDemoStore({ seed: "intake", customers: 20, now: new Date("2026-11-25T12:00:00Z") }).customers()].flatMap((c) => c.orders)[0];
      const body = JSON.stringify(order);
      const hmac = createHmac("sha256", SECRET).update(body).digest("base64");
      const connections = 16;
      const duration = Number(process.env.BENCH_INTAKE_SECONDS ?? 8);
      // Offered at a fixed rate: the question is whether 1,000 deliveries a second are absorbed with a
      // short tail, not how deep a queue unbounded clients can build.
      const overallRate = Number(process.env.BENCH_INTAKE_RATE ?? 1000);

      const baseline = await load({ url: `${url}/healthz`, connections, duration, overallRate });
      const webhooks = await load({
        url: `${url}/webhooks/orders`,
        connections,
        duration,
        overallRate,
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
        { name: `signed orders/create (verify + inbox), offered ${overallRate}/s`, unit: "req/s", value: webhooks.rps, baseline: { name: "GET /healthz", value: baseline.rps }, better: "higher" },
        { name: "signed orders/create p50", unit: "ms", value: webhooks.p50, baseline: { name: "GET /healthz p50", value: baseline.p50 }, better: "lower" },
        { name: "signed orders/create p99", unit: "ms", value: webhooks.p99, baseline: { name: "GET /healthz p99", value: baseline.p99 }, better: "lower" },
      ];
    } finally {
      server.kill("SIGTERM");
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
