import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { loadDemoStore, type DemoLoadCounts } from "~/demo/loadDemoStore.server";
import { startApp, type RunningApp } from "../support/appServer";
import { launchChromium } from "../support/chromium";
import { screenshotPath } from "../support/chromium";
import { createTestDatabase, type TestDatabase } from "../support/databases";

/** The admin panel's first page, rendered by a real browser against the production build in demo mode. */
describe("admin panel in demo mode", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let counts: DemoLoadCounts;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const now = new Date("2026-11-25T12:00:00Z");
    counts = await loadDemoStore(database.db, generateDemoStore({ seed: 3, customers: 80, now }), { now, scope: "read_orders" });
    app = await startApp({ DEMO_MODE: "true", NODE_ENV: "test", DATABASE_URL: database.url, LOG_LEVEL: "silent" });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("renders the overview with the loaded store's figures and takes a screenshot", async () => {
    const chromium = await launchChromium();
    try {
      const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const response = await page.goto(`${app.url}/app`, { waitUntil: "networkidle" });
      expect(response?.status()).toBe(200);
      await page.getByText("Demo Botanics").first().waitFor();
      const text = await page.locator("body").innerText();
      expect(text).toContain("Local demo mode");
      expect(text).toContain(counts.orders.toLocaleString("en-US"));
      expect(text).toContain(counts.customers.toLocaleString("en-US"));
      // Polaris styles applied: the page's cards have a surface background, not the browser default.
      const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      expect(styled).toMatch(/Inter|-apple-system|system-ui/);
      const file = screenshotPath("admin-overview.png");
      await page.screenshot({ path: file, fullPage: true });
      expect(fs.statSync(file).size).toBeGreaterThan(20_000);
      expect(errors).toEqual([]);
    } finally {
      await chromium.close();
    }
  }, 60_000);
});
