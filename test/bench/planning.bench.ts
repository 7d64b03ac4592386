import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyMigrations } from "~/adapters/prisma/migrate.server";
import { bulkInsert } from "~/adapters/prisma/bulkInsert.server";
import { connectDatabase, type Db } from "~/db.server";
import { generateDemoStore } from "~/demo/generator";
import { Random } from "~/demo/generator/random";
import { loadDemoStore } from "~/demo/loadDemoStore.server";
import { DEFAULT_LOYALTY_RULE, pointsForSpend } from "~/domain/loyalty/loyaltyRule";
import { ensureShopBtydModel } from "~/services/models/btydModel.server";
import { createObjective } from "~/services/planning/objectives.server";
import { readAllShopperRows } from "~/services/planning/shopperStream.server";
import { runPlanning } from "~/services/planning/runPlanning.server";
import { reviewDueMessages } from "~/services/governance/reviewMessages.server";
import type { Benchmark, Figure } from "./benchmark";

const NOW = new Date("2026-11-25T12:00:00Z");
const DAY = 86_400_000;
const SHOP = "demo-botanics.myshopify.com";
const CUSTOMERS = Number(process.env.BENCH_PLANNING_CUSTOMERS ?? 100_000);
const REVIEW_MAX_CUSTOMERS = 10_000;

/**
 * A full planning run (load every shopper's snapshot chunk by chunk, run the five agents and the
 * planner, write the decisions) over generated customers with about ten orders each, beside the
 * time to merely read the same rows chunk by chunk (the baseline). Run at BENCH_PLANNING_CUSTOMERS
 * (100,000 by default: about 1,000,000 orders) and at a tenth of it, to show the growth is linear.
 * The read and the run each happen in a fresh child process, so each peak resident set size is its
 * own (a process's RSS rarely shrinks back after the generation and the model fit).
 *
 * The store is the demo catalog (loaded by loadDemoStore) with customer rows generated here and
 * written with the app's bulk insert: the demo generator's full payload path would take minutes
 * per 100,000 customers, and planning reads rows, not payloads.
 */
export const planningBenchmark: Benchmark = {
  name: "planning run",
  run: async () => {
    const small = await measure(Math.max(100, Math.round(CUSTOMERS / 10)));
    const large = await measure(CUSTOMERS);
    const perTenThousand = (m: Measured) => round((m.plan.seconds * 10_000) / m.customers);
    return [
      ...figures(small),
      ...figures(large),
      {
        name: `planning seconds per 10,000 customers at ${large.customers.toLocaleString("en-US")}`,
        unit: "s",
        value: perTenThousand(large),
        baseline: { name: `at ${small.customers.toLocaleString("en-US")} (linear growth: ratio near 1)`, value: perTenThousand(small) },
        better: "lower",
      },
    ];
  },
};

type ChildResult = { seconds: number; maxRssMb: number; summary: string; messages?: number };
type Measured = { customers: number; orders: number; read: ChildResult; plan: ChildResult; review: ChildResult | null; reviewRead: ChildResult | null };

function figures(m: Measured): Figure[] {
  const label = `${m.customers.toLocaleString("en-US")} customers, ${m.orders.toLocaleString("en-US")} orders`;
  return [
    { name: `full planning run (${label})`, unit: "s", value: m.plan.seconds, baseline: { name: "read the same rows chunk by chunk", value: m.read.seconds }, better: "lower" },
    { name: `planning run peak RSS (${label})`, unit: "MB", value: m.plan.maxRssMb, baseline: { name: "peak RSS of the read alone", value: m.read.maxRssMb }, better: "lower" },
    ...(m.review && m.reviewRead
      ? [
          {
            name: `governance review of the planned messages (${(m.review.messages ?? 0).toLocaleString("en-US")}: screened, written, checked, routed, stored)`,
            unit: "s",
            value: m.review.seconds,
            baseline: { name: "read the same decisions and customers in the same batches", value: m.reviewRead.seconds },
            better: "lower" as const,
          },
        ]
      : []),
  ];
}

/** Generates the store and fits the BTYD model here, then times the read and the run each in a fresh process (its own peak RSS). */
async function measure(customers: number): Promise<Measured> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "bench-planning-"));
  const url = `file:${path.join(directory, "planning.sqlite")}`;
  try {
    await applyMigrations(url);
    const store = await connectDatabase(url);
    const loadStarted = performance.now();
    const generated = await generatePlanningStore(store, customers);
    await createBenchObjective(store);
    const fitStarted = performance.now();
    // The BTYD model is refitted by its own refit policy (a nightly job's work at this size), not per run.
    const fitted = await ensureShopBtydModel(store, SHOP, NOW);
    if (!fitted.ok) throw new Error(fitted.error);
    console.error(
      `planning bench: ${customers.toLocaleString("en-US")} customers, ${generated.orders.toLocaleString("en-US")} orders, ${generated.lines.toLocaleString("en-US")} lines, ` +
        `${generated.events.toLocaleString("en-US")} pixel events written in ${((fitStarted - loadStarted) / 1000).toFixed(1)} s; BTYD fit ${((performance.now() - fitStarted) / 1000).toFixed(1)} s`,
    );
    await store.$disconnect();
    const read = await child("read", url);
    const plan = await child("plan", url);
    console.error(`planning bench: read ${read.seconds} s (${read.summary}); planned ${plan.seconds} s (${plan.summary})`);
    // The review is measured at the smaller size only: at 100,000 customers (about 85,000 messages)
    // it has not finished within the child's 15 minutes, growing faster than linearly (README).
    const reviewed = customers <= REVIEW_MAX_CUSTOMERS;
    const reviewRead = reviewed ? await child("review-read", url) : null;
    const review = reviewed ? await child("review", url) : null;
    if (review && reviewRead) console.error(`planning bench: governance read ${reviewRead.seconds} s; review ${review.seconds} s (${review.summary})`);
    return { customers, orders: generated.orders, read, plan, review, reviewRead };
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

const THIS_FILE = fileURLToPath(import.meta.url);

function child(mode: "read" | "plan" | "review" | "review-read", url: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", THIS_FILE, "--planning-child", mode, url], { maxBuffer: 16 * 1024 * 1024, timeout: 900_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${mode} child failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as ChildResult);
    });
  });
}

/** The child process: one read or one planning run, then its wall time and peak resident memory. */
async function childMain(mode: string, url: string): Promise<void> {
  const store = await connectDatabase(url);
  const started = performance.now();
  let summary: string;
  let messages: number | undefined;
  if (mode === "read") {
    const read = await readAllShopperRows(store, SHOP, NOW);
    summary = `${read.customers.toLocaleString("en-US")} customers, ${read.rows.toLocaleString("en-US")} rows`;
  } else if (mode === "review-read") {
    const read = await readDecisionsForReview(store);
    summary = `${read.decisions.toLocaleString("en-US")} decisions, ${read.customers.toLocaleString("en-US")} customers`;
  } else if (mode === "review") {
    const report = await reviewDueMessages(store, SHOP, NOW, { horizonHours: 24 * 60 });
    messages = report.reviewed;
    summary = `${report.reviewed.toLocaleString("en-US")} messages: ${report.byStatus.ready} ready, ${report.byStatus["awaiting-approval"]} awaiting approval, ${report.byStatus.blocked} blocked`;
  } else {
    const run = await runPlanning(store, SHOP, { now: NOW, trigger: "schedule", databaseUrl: url });
    const dropped = Object.entries(run.counts.droppedByReason).filter(([, n]) => n > 0);
    summary = `${run.counts.proposals.toLocaleString("en-US")} proposals; planned ${JSON.stringify(run.counts.plannedByAgent)}; dropped ${JSON.stringify(Object.fromEntries(dropped))}`;
  }
  const seconds = round((performance.now() - started) / 1000);
  await store.$disconnect();
  console.log(JSON.stringify({ seconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), summary, messages } satisfies ChildResult));
}

/** The review's baseline: its reads (planned decisions due, then their customers) in batches of 500, nothing derived. */
async function readDecisionsForReview(store: Db): Promise<{ decisions: number; customers: number }> {
  let cursor: string | null = null;
  let decisions = 0;
  let customers = 0;
  for (;;) {
    const batch: { id: string; customerId: string; trace: string; brief: string }[] = await store.decision.findMany({
      where: { shopId: SHOP, status: "planned", ...(cursor === null ? {} : { id: { gt: cursor } }) },
      orderBy: { id: "asc" },
      take: 500,
      select: { id: true, customerId: true, trace: true, brief: true },
    });
    if (batch.length === 0) break;
    cursor = batch[batch.length - 1]!.id;
    decisions += batch.length;
    customers += (await store.customer.findMany({ where: { shopId: SHOP, id: { in: [...new Set(batch.map((d) => d.customerId))] } }, select: { id: true, firstName: true, emailMarketingState: true } })).length;
  }
  return { decisions, customers };
}

if (process.argv[2] === "--planning-child" && path.resolve(process.argv[1] ?? "") === THIS_FILE) {
  await childMain(process.argv[3] ?? "", process.argv[4] ?? "");
  process.exit(0);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

type Generated = { orders: number; lines: number; events: number };

const WRITE_CHUNK = 2_000;
const TIME_ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London", "Australia/Sydney"];
/** How many categories a shopper buys in: about ten orders each on average over the 18 months. */
const HABIT_COUNTS = [
  [1, 0.45],
  [2, 0.35],
  [3, 0.2],
] as const;
const CONSENT = [
  ["SUBSCRIBED", 0.55],
  ["NOT_SUBSCRIBED", 0.35],
  ["UNSUBSCRIBED", 0.1],
] as const;

/**
 * The demo catalog, then `customers` shoppers written directly as rows: each buys in one to three
 * categories around a personal interval (log-normal around the category's timeline) for up to 18
 * months, about ten orders on average; 2% of orders are cancelled; every order earns loyalty points;
 * a quarter browsed in the last 30 days, some of them leaving a cart or a checkout behind.
 */
export async function generatePlanningStore(store: Db, customers: number): Promise<Generated> {
  const demo = generateDemoStore({ seed: "planning-bench", customers: 0, now: NOW, anonymousVisitors: 0 });
  await loadDemoStore(store, demo, { now: NOW, scope: "read_orders" });
  const categories = demo.catalog.categories.filter((category) => category.depletionDays !== null && demo.catalog.productsInCategory(category.path).length > 0);
  const rule = DEFAULT_LOYALTY_RULE;
  const counts: Generated = { orders: 0, lines: 0, events: 0 };
  const random = new Random("planning-bench");
  for (let start = 0; start < customers; start += WRITE_CHUNK) {
    const rows = { customers: [] as object[], orders: [] as object[], lines: [] as object[], loyalty: [] as object[], events: [] as object[], carts: [] as object[], checkouts: [] as object[] };
    for (let i = start; i < Math.min(customers, start + WRITE_CHUNK); i++) {
      const r = random.fork(`customer:${i}`);
      const id = String(7_000_000_000_000 + i);
      const acquired = new Date(NOW.getTime() - r.between(30, 540) * DAY);
      rows.customers.push({
        shopId: SHOP,
        id,
        email: `shopper${i}@example.com`,
        firstName: `Shopper${i}`,
        timeZone: r.pick(TIME_ZONES),
        locale: "en-US",
        countryCode: "US",
        emailMarketingState: r.weighted(CONSENT),
        shopifyCreatedAt: acquired,
        deletedAt: r.chance(0.005) ? NOW : null,
        createdAt: NOW,
        updatedAt: NOW,
      });
      const habits = r.shuffle(categories).slice(0, r.weighted(HABIT_COUNTS));
      let orderNumber = 0;
      for (const habit of habits) {
        const interval = Math.max(5, (habit.depletionDays ?? 30) * 1.15 * r.lognormal(0, 0.35));
        const products = demo.catalog.productsInCategory(habit.path);
        const favourite = r.pick(products);
        const stopsAt = r.chance(0.3) ? NOW.getTime() - r.between(30, 200) * DAY : NOW.getTime();
        for (let at = acquired.getTime() + r.between(0, interval) * DAY; at < stopsAt && orderNumber < 40; at += interval * r.lognormal(0, 0.2) * DAY) {
          const orderId = String(5_000_000_000_000 + i * 100 + orderNumber++);
          const product = r.chance(0.8) ? favourite : r.pick(products);
          const variant = product.variants[0];
          if (!variant) continue;
          const quantity = r.chance(0.85) ? 1 : 2;
          const extra = r.chance(0.4) ? r.pick(demo.catalog.items) : null;
          const extraVariant = extra?.variants[0];
          const subtotal = variant.priceMinor * quantity + (extraVariant?.priceMinor ?? 0);
          const processedAt = new Date(at);
          const cancelled = r.chance(0.02);
          rows.orders.push({
            shopId: SHOP,
            id: orderId,
            name: `#${orderId}`,
            customerId: id,
            processedAt,
            shopifyCreatedAt: processedAt,
            sourceUpdatedAt: processedAt,
            cancelledAt: cancelled ? processedAt : null,
            currencyCode: "USD",
            totalMinor: subtotal,
            subtotalMinor: subtotal,
            discountMinor: 0,
          });
          const line = (n: number, productId: number, variantId: number, title: string, qty: number, price: number, categoryPath: string) => ({
            shopId: SHOP,
            id: `${orderId}-${n}`,
            orderId,
            productId: String(productId),
            variantId: String(variantId),
            title,
            quantity: qty,
            priceMinor: price,
            discountMinor: 0,
            categoryPath,
          });
          rows.lines.push(line(0, product.id, variant.id, product.title, quantity, variant.priceMinor, habit.path));
          if (extra && extraVariant) rows.lines.push(line(1, extra.id, extraVariant.id, extra.title, 1, extraVariant.priceMinor, extra.category.path));
          const points = pointsForSpend(rule, subtotal, "USD");
          if (!cancelled && points > 0) {
            rows.loyalty.push({ shopId: SHOP, id: `${orderId}:earn`, customerId: id, kind: "earn", points, occurredAt: processedAt, expiresAt: new Date(at + 365 * DAY), orderId });
          }
        }
      }
      if (r.chance(0.25)) browsing(r, id, demo.catalog.items, rows);
    }
    await store.$transaction(
      async (tx) => {
        await bulkInsert(store, tx, "Customer", rows.customers as Record<string, unknown>[]);
        await bulkInsert(store, tx, "Order", rows.orders as Record<string, unknown>[]);
        await bulkInsert(store, tx, "OrderLineItem", rows.lines as Record<string, unknown>[]);
        await bulkInsert(store, tx, "LoyaltyEntry", rows.loyalty as Record<string, unknown>[]);
        await bulkInsert(store, tx, "BrowseEvent", rows.events as Record<string, unknown>[]);
        await bulkInsert(store, tx, "Cart", rows.carts as Record<string, unknown>[]);
        await bulkInsert(store, tx, "Checkout", rows.checkouts as Record<string, unknown>[]);
      },
      { timeout: 300_000 },
    );
    counts.orders += rows.orders.length;
    counts.lines += rows.lines.length;
    counts.events += rows.events.length;
  }
  return counts;
}

type DemoItem = ReturnType<typeof generateDemoStore>["catalog"]["items"][number];

/** One recent visit: a landing page (sometimes from a campaign), product views, perhaps a cart left behind. */
function browsing(r: Random, customerId: string, items: readonly DemoItem[], rows: { events: object[]; carts: object[]; checkouts: object[] }): void {
  const clientId = r.uuid();
  const started = NOW.getTime() - r.between(0.1, 30) * DAY;
  const campaign = r.chance(0.4) ? r.pick(["sustainability", "durability", "clean-ingredients"]) : null;
  const landing = `https://www.demo-botanics.example/${campaign ? `?utm_source=instagram&utm_medium=paid_social&utm_campaign=${campaign}` : ""}`;
  const event = (n: number, name: string, productId: string | null, cartToken: string | null = null) => ({
    shopId: SHOP,
    id: `${clientId}:${n}`,
    clientId,
    customerId,
    name,
    occurredAt: new Date(started + n * 60_000),
    url: n === 0 ? landing : `https://www.demo-botanics.example/products/${productId ?? "x"}`,
    referrer: null,
    productId,
    cartToken,
    utmSource: campaign ? "instagram" : null,
    utmMedium: campaign ? "paid_social" : null,
    utmCampaign: campaign,
  });
  rows.events.push(event(0, "page_viewed", null));
  const viewed = r.shuffle(items).slice(0, r.int(1, 4));
  viewed.forEach((item, n) => rows.events.push(event(n + 1, "product_viewed", String(item.id))));
  const item = viewed[0];
  const variant = item?.variants[0];
  if (!item || !variant || !r.chance(0.4)) return;
  const token = `cart-${clientId}`;
  const at = new Date(started + 10 * 60_000);
  rows.events.push(event(10, "product_added_to_cart", String(item.id), token));
  const lineItems = JSON.stringify([{ productId: String(item.id), variantId: String(variant.id), title: item.title, quantity: 1, priceMinor: variant.priceMinor }]);
  rows.carts.push({ shopId: SHOP, token, customerId, clientId, currencyCode: "USD", totalMinor: variant.priceMinor, lineItems, shopifyCreatedAt: at, sourceUpdatedAt: at, abandonedAt: null, convertedAt: null });
  if (r.chance(0.5)) {
    rows.checkouts.push({
      shopId: SHOP,
      token: `checkout-${clientId}`,
      cartToken: token,
      customerId,
      email: null,
      currencyCode: "USD",
      totalMinor: variant.priceMinor,
      lineItems,
      landingSite: landing.replace("https://www.demo-botanics.example", ""),
      utmSource: campaign ? "instagram" : null,
      utmCampaign: campaign,
      utmContent: campaign ? "ad_1" : null,
      shopifyCreatedAt: at,
      sourceUpdatedAt: new Date(at.getTime() + 5 * 60_000),
      completedAt: null,
      abandonedAt: null,
    });
  }
}

export async function createBenchObjective(store: Db): Promise<void> {
  await createObjective(store, SHOP, {
    goal: "grow-repeat-revenue",
    target: null,
    horizonDays: 90,
    messagesPerShopperPerWeek: 2,
    discountBudgetMinor: 500_000,
    agentsAllowed: ["replenishment", "post-purchase", "loyalty", "cart-intent", "bestseller-newsletter"],
  });
}
