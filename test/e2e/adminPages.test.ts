import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { loadDemoStore } from "~/demo/loadDemoStore.server";
import { drainInbox } from "~/jobs/inboxWorker.server";
import { recomputeDepletionSuggestions } from "~/services/catalog/depletionSuggestions.server";
import { recordInboxEvent } from "~/services/recordInboxEvent.server";
import { startApp, type RunningApp } from "../support/appServer";
import { launchChromium, screenshotPath } from "../support/chromium";
import { createTestDatabase, type TestDatabase } from "../support/databases";

const NOW = new Date("2026-11-25T12:00:00Z");
const OTHER = "someone-else.myshopify.com";
/** The shop demo mode signs in as (app/auth.server.ts; not imported here, it reads the environment). */
const DEMO_SHOP = "demo-botanics.myshopify.com";

/**
 * The customer, inbox and catalog pages rendered by a real browser against the production build in
 * demo mode, with one browser launch; plus tenant isolation over plain HTTP.
 */
describe("admin pages in demo mode", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let buyer: { id: string; email: string; name: string };
  let otherExportId: string;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const db = database.db;
    const demo = generateDemoStore({ seed: 3, customers: 120, now: NOW, anonymousVisitors: 40 });
    expect(demo.shop.myshopifyDomain).toBe(DEMO_SHOP);
    await loadDemoStore(db, demo, { now: NOW, scope: "read_orders" });
    await recomputeDepletionSuggestions(db, DEMO_SHOP);
    // A shopper who both buys and browses logged in, so every section of the profile has content.
    const browsers = await db.browseEvent.groupBy({ by: ["customerId"], where: { shopId: DEMO_SHOP, customerId: { not: null } }, _count: { _all: true } });
    const buyers = await db.order.groupBy({ by: ["customerId"], where: { shopId: DEMO_SHOP, customerId: { in: browsers.map((b) => b.customerId!) }, cancelledAt: null }, _count: { _all: true } });
    const top = buyers.sort((a, b) => b._count._all - a._count._all)[0];
    const customer = await db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: DEMO_SHOP, id: top!.customerId! } } });
    buyer = { id: customer.id, email: customer.email!, name: `${customer.firstName} ${customer.lastName}` };

    // A data request for the buyer, through the inbox and the worker as Shopify's would arrive.
    const request = { shop_id: 1, shop_domain: DEMO_SHOP, customer: { id: Number(buyer.id), email: buyer.email, phone: null }, orders_requested: [], data_request: { id: 77 } };
    await recordInboxEvent(db, { shopId: DEMO_SHOP, source: "webhook", deliveryId: "dr-1", topic: "customers/data_request", eventId: null, triggeredAt: null, payload: JSON.stringify(request) });
    await drainInbox(db, { now: () => NOW });
    // Events a person should look at, and one of another shop that must not show.
    const problem = (deliveryId: string, topic: string, status: string, error: string, shopId = DEMO_SHOP) =>
      db.inboxEvent.create({ data: { shopId, source: "webhook", deliveryId, topic, payload: "{}", status, error, attempts: status === "failed" ? 5 : 0, processedAt: NOW } });
    await problem("bad-1", "orders/create", "invalid", "line_items: Invalid input: expected array, received undefined");
    await problem("bad-2", "checkouts/update", "failed", "SQLITE_BUSY: database is locked");
    await problem("bad-3", "themes/publish", "ignored", "no projection for webhook:themes/publish");
    await problem("bad-4", "orders/create", "invalid", "SECRET OTHER SHOP ERROR", OTHER);
    await db.shop.create({ data: { id: OTHER, name: "Someone else" } });
    await db.customer.create({ data: { shopId: OTHER, id: "424242", email: "private@other.example", firstName: "Private" } });
    await db.category.create({ data: { shopId: OTHER, path: "Only > Theirs", name: "Theirs", depletionDays: 12 } });
    otherExportId = "data-request-other";
    await db.complianceExport.create({ data: { shopId: OTHER, id: otherExportId, customerId: "424242", requestedAt: NOW, document: '{"secret":true}' } });

    app = await startApp({ DEMO_MODE: "true", NODE_ENV: "test", DATABASE_URL: database.url, LOG_LEVEL: "silent" });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("renders customers, a profile, the data requests, the inbox and the catalog, and takes a screenshot of each", async () => {
    const chromium = await launchChromium();
    try {
      const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const shoot = async (name: string) => {
        const file = screenshotPath(name);
        await page.screenshot({ path: file, fullPage: true });
        expect(fs.statSync(file).size).toBeGreaterThan(20_000);
      };

      // Customers: the list, the menu, and a search.
      expect((await page.goto(`${app.url}/app/customers`, { waitUntil: "networkidle" }))?.status()).toBe(200);
      await page.getByRole("heading", { name: "Customers" }).waitFor();
      const nav = await page.getByRole("navigation", { name: "App navigation" }).innerText();
      for (const item of ["Customers", "Catalog", "Inbox"]) expect(nav).toContain(item);
      expect(await page.locator("body").innerText()).toContain("120 customers");
      await shoot("admin-customers.png");
      await page.getByLabel("Search customers").fill(buyer.email);
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/q=/);
      await page.getByRole("link", { name: buyer.name }).click();

      // The profile.
      await page.waitForURL(`**/app/customers/${buyer.id}`);
      await page.getByRole("heading", { name: "Purchases by category" }).waitFor();
      const profile = await page.locator("body").innerText();
      for (const section of ["Identity", "Email marketing consent", "Loyalty points", "Orders", "Traffic sources", "Carts and checkouts", "Browsing", "Data requests"]) {
        expect(profile).toContain(section);
      }
      expect(profile).toContain(buyer.email);
      expect(profile).toMatch(/Runs out/);
      expect(profile).not.toMatch(/Sessions\s+0\b/);
      await shoot("admin-customer-profile.png");

      // Its data request, listed and downloadable.
      await page.goto(`${app.url}/app/customers/exports`, { waitUntil: "networkidle" });
      await page.getByRole("link", { name: "Download JSON" }).first().waitFor();
      const download = await page.request.get(`${app.url}/app/customers/exports/${(await database.db.complianceExport.findFirstOrThrow({ where: { shopId: DEMO_SHOP } })).id}`);
      expect(download.headers()["content-disposition"]).toContain("attachment");
      expect(await download.json()).toMatchObject({ format: "customer-data-export/v1", customerId: buyer.id, customer: { email: buyer.email } });

      // The inbox: problems with their errors, then filtered to failed ones.
      await page.goto(`${app.url}/app/inbox`, { waitUntil: "networkidle" });
      let inbox = await page.locator("body").innerText();
      expect(inbox).toContain("line_items: Invalid input");
      expect(inbox).toContain("SQLITE_BUSY");
      expect(inbox).toContain("no projection for webhook:themes/publish");
      expect(inbox).not.toContain("SECRET OTHER SHOP");
      await shoot("admin-inbox.png");
      await page.getByRole("link", { name: /^Failed/ }).click();
      await page.waitForURL(/status=failed/);
      await page.getByText("SQLITE_BUSY").waitFor();
      inbox = await page.locator("body").innerText();
      expect(inbox).not.toContain("line_items: Invalid input");

      // The catalog: suggested beside set, an invalid entry refused with its message, a valid one saved.
      await page.goto(`${app.url}/app/catalog`, { waitUntil: "networkidle" });
      await page.getByText("Recompute suggestions").waitFor();
      const catalog = await page.locator("body").innerText();
      expect(catalog).toContain("Cleansers");
      expect(catalog).toMatch(/suggested|yours/);
      const field = page.getByLabel("Days one unit of Cleansers lasts");
      await field.fill("0");
      await page.getByRole("button", { name: "Save Skin care > Cleansers" }).click();
      await page.getByText("Enter whole days from 1 to 730").waitFor();
      await shoot("admin-catalog-error.png");
      await page.getByLabel("Days one unit of Cleansers lasts").fill("21");
      await page.getByRole("button", { name: "Save Skin care > Cleansers" }).click();
      await page.getByText("Skin care > Cleansers: 21 days.").waitFor();
      expect(await database.db.category.findUniqueOrThrow({ where: { shopId_path: { shopId: DEMO_SHOP, path: "Skin care > Cleansers" } } })).toMatchObject({ depletionDays: 21 });
      await shoot("admin-catalog.png");
      expect(errors).toEqual([]);
    } finally {
      await chromium.close();
    }
  }, 120_000);

  it("keeps each shop's data to itself", async () => {
    const profile = await fetch(`${app.url}/app/customers/424242`);
    expect(profile.status).toBe(404);
    expect(await profile.text()).not.toContain("private@other.example");
    expect((await fetch(`${app.url}/app/customers/exports/${otherExportId}`)).status).toBe(404);
    const list = await (await fetch(`${app.url}/app/customers?q=private`)).text();
    expect(list).not.toContain("private@other.example");
    const form = new URLSearchParams({ intent: "set-depletion", path: "Only > Theirs", depletionDays: "30" });
    const post = await fetch(`${app.url}/app/catalog`, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(post.status).toBe(404);
    expect(await database.db.category.findUniqueOrThrow({ where: { shopId_path: { shopId: OTHER, path: "Only > Theirs" } } })).toMatchObject({ depletionDays: 12 });
  });
});
