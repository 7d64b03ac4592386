import { createHmac } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { customerDeliveries } from "~/demo/replayDemoStore";
import { drainInbox } from "~/jobs/inboxWorker.server";
import { getCustomerProfile } from "~/services/profiles/customerProfile.server";
import { startApp, type RunningApp } from "../support/appServer";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { signedWebhook } from "../support/webhooks";

const SECRET = "store-data-in-secret";
const SHOP = "data-in.myshopify.com";
const now = new Date("2026-11-25T12:00:00Z");
const demo = generateDemoStore({ seed: 21, customers: 30, now, anonymousVisitors: 0 });
const shopper = [...demo.customers()].find((h) => h.orders.length >= 3 && h.sessions.some((s) => s.customerId) && h.checkouts.length > 0)!;

/**
 * The data path end to end: real-shaped, signed webhooks and pixel batches sent over HTTP to the
 * production build, applied by the real worker, read back as the customer's profile.
 */
describe("store data in, over HTTP", () => {
  let t: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    await t.db.shop.create({ data: { id: SHOP, name: "Data in", status: "installed" } });
    app = await startApp({ DEMO_MODE: "false", SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: SECRET, SHOPIFY_APP_URL: "https://app.example.test", DATABASE_URL: t.url, LOG_LEVEL: "silent" });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const send = (path: string, topic: string, body: string, extra: { hmac?: string | null; webhookId?: string } = {}) =>
    fetch(signedWebhook({ url: `${app.url}${path}`, topic, shop: SHOP, body, secret: SECRET, ...extra }));

  it("every store topic lands in the customer's profile and the catalog", async () => {
    for (const product of demo.catalog.products) expect((await send("/webhooks/products", "products/create", JSON.stringify(product))).status).toBe(200);
    for (const delivery of customerDeliveries(shopper)) expect((await send(delivery.path, delivery.topic, JSON.stringify(delivery.body))).status).toBe(200);
    for (const session of shopper.sessions) {
      const response = await fetch(`${app.url}/pixel/events`, {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: JSON.stringify({ shop: SHOP, clientId: session.clientId, customerId: session.customerId, timeZone: session.timeZone, events: session.events.slice(0, 100) }),
      });
      expect(response.status).toBe(202);
    }
    const report = await drainInbox(t.db, { now: () => now });
    expect(report).toMatchObject({ invalid: 0, failed: 0, retried: 0 });

    const profile = await getCustomerProfile(t.db, SHOP, String(shopper.customer.id), now);
    expect(profile?.identity.email).toBe(shopper.customer.email);
    expect(profile?.consent.state).toBe(shopper.consent.email_marketing_consent.state.toUpperCase());
    expect(profile?.orders.count).toBe(shopper.orders.length);
    expect(profile?.categories.length).toBeGreaterThan(0);
    expect(profile?.loyalty.earned).toBe(shopper.truth.loyaltyPointsEarned);
    expect(profile?.browsing.sessions).toBeGreaterThan(0);
    expect(await t.db.product.count({ where: { shopId: SHOP } })).toBe(demo.catalog.products.length);
    const checkoutTokens = shopper.checkouts.map((versions) => versions[0]!.token);
    expect(await t.db.checkout.count({ where: { shopId: SHOP, token: { in: checkoutTokens }, customerId: String(shopper.customer.id) } })).toBe(checkoutTokens.length);
  }, 120_000);

  it.each([
    ["a wrong signature", createHmac("sha256", "another-secret").update("{}").digest("base64")],
    ["an empty signature", ""],
    ["a truncated signature", "dGhpcyBpcyBub3Q="],
  ])("refuses %s with 401 and writes nothing", async (_name, hmac) => {
    const before = await t.db.inboxEvent.count();
    const response = await send("/webhooks/orders", "orders/create", JSON.stringify(shopper.orders[0]), { hmac });
    expect(response.status).toBe(401);
    expect(await t.db.inboxEvent.count()).toBe(before);
  });

  it("accepts a 5 MB order with 1,000 line items and applies it", async () => {
    const order = shopper.orders[0]!;
    const lines = Array.from({ length: 1000 }, (_, i) => ({ ...order.line_items[0]!, id: 800_000_000 + i, title: `Line ${i} ${"x".repeat(4800)}` }));
    const body = JSON.stringify({ ...order, id: 4_999_999_999_001, name: "#BIG", line_items: lines });
    expect(body.length).toBeGreaterThan(5_000_000);
    expect((await send("/webhooks/orders", "orders/create", body)).status).toBe(200);
    expect(await drainInbox(t.db, { now: () => now })).toMatchObject({ applied: 1, invalid: 0 });
    expect(await t.db.orderLineItem.count({ where: { shopId: SHOP, orderId: "4999999999001" } })).toBe(1000);
  }, 60_000);

  it("answers 500 while the database is locked, so Shopify retries, and records the retry once", async () => {
    const locker = new Database(t.url.replace(/^file:/, ""));
    locker.exec("BEGIN EXCLUSIVE");
    const body = JSON.stringify({ ...shopper.orders[1]!, id: 4_999_999_999_002 });
    const webhookId = "busy-delivery-1";
    try {
      expect((await send("/webhooks/orders", "orders/create", body, { webhookId })).status).toBe(500);
    } finally {
      locker.exec("ROLLBACK");
      locker.close();
    }
    expect(await t.db.inboxEvent.count({ where: { deliveryId: webhookId } })).toBe(0);
    expect((await send("/webhooks/orders", "orders/create", body, { webhookId })).status).toBe(200);
    expect((await send("/webhooks/orders", "orders/create", body, { webhookId })).status).toBe(200);
    expect(await t.db.inboxEvent.count({ where: { deliveryId: webhookId } })).toBe(1);
  }, 30_000);
});
