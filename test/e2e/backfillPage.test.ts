import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/appServer";
import { launchChromium, screenshotPath } from "../support/chromium";
import { createTestDatabase, type TestDatabase } from "../support/databases";

/** The shop demo mode signs in as (DEMO_SHOP in app/auth.server.ts, which reads the environment when imported). */
const DEMO_SHOP = "demo-botanics.myshopify.com";

/** The history import page in demo mode: runs are shown, starting one is not possible (there is no Shopify admin). */
describe("history import page (demo mode)", () => {
  let t: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    await t.db.shop.create({ data: { id: DEMO_SHOP, name: "Demo Botanics", status: "installed" } });
    const createdAt = new Date("2026-06-01T10:00:00Z");
    await t.db.backfillRun.createMany({
      data: [
        { id: "bf-demo:products", shopId: DEMO_SHOP, status: "applied", objectCount: 120, linesApplied: 120, requestedBy: "install", createdAt, appliedAt: new Date("2026-06-01T10:05:00Z") },
        { id: "bf-demo:customers", shopId: DEMO_SHOP, status: "importing", objectCount: 4000, linesApplied: 1000, requestedBy: "install", createdAt },
        { id: "bf-demo:orders", shopId: DEMO_SHOP, status: "queued", requestedBy: "install", createdAt },
        { id: "bf-old:products", shopId: DEMO_SHOP, status: "failed", error: "Shopify refused the products export: Throttled", requestedBy: "admin", createdAt: new Date("2026-05-01T10:00:00Z") },
        { id: "bf-old:customers", shopId: DEMO_SHOP, status: "failed", error: "not started: the products import failed", requestedBy: "admin", createdAt: new Date("2026-05-01T10:00:00Z") },
        { id: "bf-old:orders", shopId: DEMO_SHOP, status: "failed", error: "not started: the products import failed", requestedBy: "admin", createdAt: new Date("2026-05-01T10:00:00Z") },
        // Another shop's run is not shown.
        { id: "bf-other:products", shopId: "other.myshopify.com", status: "running", requestedBy: "install", createdAt },
      ],
    });
    app = await startApp({ DEMO_MODE: "true", NODE_ENV: "test", DATABASE_URL: t.url, LOG_LEVEL: "silent" });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("renders the shop's runs with their progress and explains why starting is disabled", async () => {
    const chromium = await launchChromium();
    try {
      const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const response = await page.goto(`${app.url}/app/backfill`, { waitUntil: "networkidle" });
      expect(response?.status()).toBe(200);
      await page.getByText("History import").first().waitFor();
      const text = await page.locator("body").innerText();
      expect(text).toContain("Not available in the demo");
      expect(text).toContain("through signed webhooks");
      expect(text).toContain("1,000 of 4,000");
      expect(text).toContain("120 of 120");
      expect(text).toContain("Importing");
      expect(text).toContain("Waiting");
      expect(text).toContain("Shopify refused the products export: Throttled");
      expect(text).toContain("Started 2026-06-01 10:00 UTC");
      expect(text.indexOf("Started 2026-06-01")).toBeLessThan(text.indexOf("Started 2026-05-01"));
      expect(text).not.toContain("bf-other");
      await expect(page.getByRole("button", { name: "Start history import" }).isDisabled()).resolves.toBe(true);
      // The menu links the page.
      await expect(page.getByRole("link", { name: "History import" }).count()).resolves.toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath("history-import.png"), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await chromium.close();
    }
  }, 60_000);

  it("the start action refuses in demo mode", async () => {
    const response = await fetch(`${app.url}/app/backfill?_data=routes%2Fapp.backfill`, { method: "POST", body: new URLSearchParams({}) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: false, error: "The demo has no Shopify store to import from." });
    expect(await t.db.backfillRun.count({ where: { shopId: DEMO_SHOP } })).toBe(6);
  });
});
