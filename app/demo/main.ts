/**
 * `npm run demo`: the whole app on this machine with no Shopify account. Creates and migrates a
 * SQLite database, installs the demo shop, serves the app in demo mode on 127.0.0.1, sends the
 * generated store's history to its own webhook and pixel endpoints as Shopify would, waits for the
 * worker to apply it, and prints what the app now holds. `--once` prints the summary, checks the admin panel answers,
 * and exits (for scripts and CI).
 *
 *   npm run demo -- [--customers 1000] [--seed 1] [--now 2026-11-25T12:00:00Z] [--once] [--direct]
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { applyMigrations } from "../adapters/prisma/migrate.server";
import { databaseKind, sqliteFilePath } from "../adapters/prisma/databaseUrl";
import { connectDatabase } from "../db.server";
import { env, EnvError } from "../env.server";
import { CLIENT_BUILD, ensureBuild, loadServerBuild, ROOT } from "../server/build";
import { createAppServer, listen } from "../server/httpServer";
import { generateDemoStore } from "./generator";
import { DEFAULT_SHOP_SETTINGS } from "../domain/shop/shopSettings";
import { startInboxWorkerThread } from "../jobs/startWorkerThread.server";
import { recomputeDepletionSuggestions } from "../services/catalog/depletionSuggestions.server";
import { getStoreOverview } from "../services/storeOverview.server";
import { loadDemoStore, prepareDemoShop } from "./loadDemoStore.server";
import { replayDemoStore } from "./replayDemoStore";
import { configureDemoSmtp, deliverDemo } from "./demoDelivery";
import { startLocalSmtpServer } from "./localSmtpServer";
import { DEMO_AUTONOMY, planDemoStore } from "../services/planning/demoPlanning.server";
import { parseDemoArguments } from "./demoArguments";

const DEMO_DATABASE_URL = "file:./prisma/demo.sqlite";

async function main(): Promise<void> {
  const args = parseDemoArguments(parseArgs({ args: process.argv.slice(2), options: DEMO_OPTIONS, strict: true }).values, new Date());
  process.env.DEMO_MODE ??= "true";
  process.env.DATABASE_URL ??= DEMO_DATABASE_URL;
  const config = env();
  if (!config.DEMO_MODE) throw new Error("npm run demo runs in demo mode; unset DEMO_MODE=false to use it");

  const started = performance.now();
  const step = (label: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${label}`);

  if (databaseKind(config.DATABASE_URL) === "sqlite") removeSqliteFiles(sqliteFilePath(config.DATABASE_URL));
  await applyMigrations(config.DATABASE_URL);
  step("database migrated");
  ensureBuild(step);

  const store = await connectDatabase(config.DATABASE_URL);
  const demo = generateDemoStore({ seed: args.seed, customers: args.customers, now: args.now });
  const settings = { ...DEFAULT_SHOP_SETTINGS, loyaltyRule: demo.options.loyaltyRule, autonomy: DEMO_AUTONOMY };
  await prepareDemoShop(store, demo, { now: args.now, scope: config.SCOPES, settings });
  step("demo shop installed");

  ensureBuild(step); // again, in case a test run elsewhere rebuilt it meanwhile
  const server = createAppServer({
    build: await loadServerBuild(),
    clientDirectory: CLIENT_BUILD,
    mode: config.NODE_ENV === "production" ? "production" : "development",
    logger: pino({ level: config.LOG_LEVEL }),
  });
  const { url } = await listen(server, config.PORT, config.HOST);
  const adminUrl = `${url}/app`;
  // The shop's email goes to a local SMTP server (its messages are on the Outbox page).
  const smtp = await startLocalSmtpServer({ host: "127.0.0.1", port: 0 });
  const worker = await startInboxWorkerThread({
    databaseUrl: config.DATABASE_URL,
    delivery: { appUrl: url, demoMode: true },
    onError: (message) => console.error("inbox worker:", message),
  });

  // The store's history reaches the app the way Shopify would send it: signed webhooks and pixel
  // batches. With --direct (sizes meant for benchmarks) it is written straight into the tables.
  const replayStarted = performance.now();
  const onProgress = ({ customers, total }: { customers: number; total: number }) => {
    if (customers % 10_000 === 0 || customers === total) step(`${args.direct ? "loaded" : "sent"} ${customers.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} customers' history`);
  };
  const sent = args.direct
    ? { direct: await loadDemoStore(store, demo, { now: args.now, scope: config.SCOPES, settings, onProgress }) }
    : await replayDemoStore(demo, { baseUrl: url, secret: config.SHOPIFY_API_SECRET, onProgress });
  const sendSeconds = (performance.now() - replayStarted) / 1000;
  await worker.drain();
  const applySeconds = (performance.now() - replayStarted) / 1000;
  step("inbox applied");
  await recomputeDepletionSuggestions(store, demo.shop.myshopifyDomain);
  const planning = await planDemoStore(store, demo.shop.myshopifyDomain, args.now, config.DATABASE_URL);
  step(`planned ${planning.summary.shoppers.toLocaleString("en-US")} shoppers: ${planning.summary.planned.toLocaleString("en-US")} messages`);
  console.error(planning.text);
  // Set after the history is in (the direct loader rewrites the shop's settings), as a merchant would on the Delivery page.
  await configureDemoSmtp(store, demo.shop.myshopifyDomain, smtp, config.APP_ENCRYPTION_KEY);
  const delivery = await deliverDemo(store, demo.shop.myshopifyDomain, args.now, { smtp, appUrl: url, secret: config.SHOPIFY_API_SECRET, encryptionKey: config.APP_ENCRYPTION_KEY });
  step(`delivered ${delivery.summary.email.sent} emails to the local SMTP server`);
  console.error(delivery.text);
  const overview = await getStoreOverview(store, demo.shop.myshopifyDomain);
  const inbox = await store.inboxEvent.groupBy({ by: ["status"], where: { shopId: demo.shop.myshopifyDomain }, _count: { _all: true } });

  console.log(
    JSON.stringify(
      {
        shop: demo.shop.myshopifyDomain,
        seed: args.seed,
        now: args.now.toISOString(),
        sent,
        inbox: Object.fromEntries(inbox.map((row) => [row.status, row._count._all])),
        loaded: {
          customers: overview.customers.total,
          consent: Object.fromEntries(overview.customers.byConsent.map((row) => [row.state, row.count])),
          products: overview.catalog.products,
          variants: overview.catalog.variants,
          categories: overview.catalog.categories,
          orders: overview.orders.total,
          openCarts: overview.carts.open,
          abandonedCheckouts: overview.carts.abandonedCheckouts,
          browseEvents: overview.browsing.events,
          loyaltyEntries: overview.loyalty.entries,
        },
        planning: planning.summary,
        delivery: { ...delivery.summary, outbox: `${adminUrl}/outbox` },
        sendSeconds: +sendSeconds.toFixed(1),
        sendAndApplySeconds: +applySeconds.toFixed(1),
        database: describeDatabase(config.DATABASE_URL),
        adminPanel: adminUrl,
      },
      null,
      2,
    ),
  );

  if (args.once) {
    await worker.stop();
    await smtp.close();
    await store.$disconnect();
    const response = await fetch(adminUrl);
    const html = await response.text();
    server.closeAllConnections();
    server.close();
    if (response.status !== 200 || !html.includes(demo.shop.name)) {
      throw new Error(`the admin panel answered ${response.status} without the shop's name`);
    }
    console.error(`admin panel answered 200 at ${adminUrl}; exiting (--once)`);
    return;
  }
  console.error(`\nDemo admin panel: ${adminUrl}  (Ctrl+C to stop)`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => server.close(() => process.exit(0)));
}

const DEMO_OPTIONS = {
  customers: { type: "string" },
  seed: { type: "string" },
  now: { type: "string" },
  once: { type: "boolean" },
  direct: { type: "boolean" },
} as const;

function removeSqliteFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
}

function describeDatabase(url: string): { kind: string; file?: string; megabytes?: number } {
  if (databaseKind(url) !== "sqlite") return { kind: "postgres" };
  const file = sqliteFilePath(url);
  const bytes = ["", "-wal"].reduce((sum, suffix) => sum + (fs.statSync(file + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);
  return { kind: "sqlite", file: path.relative(ROOT, file), megabytes: +(bytes / 1_048_576).toFixed(1) };
}

main().then(
  () => {
    if (process.argv.includes("--once")) process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof EnvError ? `npm run demo refused to start.\n${error.message}` : `npm run demo failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
