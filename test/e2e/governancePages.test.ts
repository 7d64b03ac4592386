import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditRecord } from "~/domain/governance/audit";
import { parseShopSettings } from "~/domain/shop/shopSettings";
import { savePolicy } from "~/services/governance/policyStore.server";
import { startApp, type RunningApp } from "../support/appServer";
import { launchChromium, screenshotPath } from "../support/chromium";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { createGovernanceShop, insertMessage } from "../support/governanceMessages";

/** The shop demo mode signs in as (app/auth.server.ts; not imported here, it reads the environment). */
const DEMO_SHOP = "demo-botanics.myshopify.com";
const OTHER = "someone-else.myshopify.com";
const T0 = new Date("2026-11-20T09:00:00Z");
const HOUR = 3_600_000;

/**
 * The Policies, Approvals and Audit pages in a real browser against the production build in demo
 * mode: a policy that does not parse is refused with its line and the version in force stays; the
 * autonomy settings save; one message approved and one rejected with a reason, recorded as the demo
 * admin; the audit trail filtered and exported as CSV. Another shop's message stays out of reach
 * over plain HTTP.
 */
describe("governance pages in demo mode", () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const db = database.db;
    await createGovernanceShop(db, DEMO_SHOP, "Demo Botanics");
    await db.customer.create({ data: { shopId: DEMO_SHOP, id: "c-1", firstName: "Renée", lastName: "Park" } });
    await savePolicy(db, DEMO_SHOP, JSON.stringify({ version: 1, suppression: { maxPerDay: 1, maxPerWeek: 3 } }), "owner@demo-botanics.example");
    await insertMessage(db, { shopId: DEMO_SHOP, id: "approve-me", createdAt: T0, customerId: "c-1", agent: "replenishment" });
    await insertMessage(db, { shopId: DEMO_SHOP, id: "reject-me", createdAt: new Date(T0.getTime() + HOUR), customerId: "c-1", agent: "cart-intent" });
    for (const id of ["bulk-a", "bulk-b"]) await insertMessage(db, { shopId: DEMO_SHOP, id, createdAt: new Date(T0.getTime() + 9 * HOUR), customerId: "c-2", agent: "post-purchase" });
    for (let i = 0; i < 6; i++) {
      await insertMessage(db, { shopId: DEMO_SHOP, id: `loyalty-${i}`, createdAt: new Date(T0.getTime() + (2 + i) * HOUR), customerId: `c-${10 + i}`, agent: "loyalty", status: i % 2 === 0 ? "ready" : "blocked" });
    }
    await db.shop.create({ data: { id: OTHER, name: "Someone else" } });
    await insertMessage(db, { shopId: OTHER, id: "their-message", createdAt: T0, customerId: "c-1", agent: "loyalty", reasoning: ["SECRET OTHER SHOP REASONING"] });
    app = await startApp({ DEMO_MODE: "true", NODE_ENV: "test", DATABASE_URL: database.url, LOG_LEVEL: "silent" });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("refuses a bad policy and keeps the version, saves autonomy, approves and rejects, filters and exports the audit trail", async () => {
    const db = database.db;
    const chromium = await launchChromium();
    try {
      const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const shoot = async (name: string) => {
        const file = screenshotPath(name);
        await page.screenshot({ path: file, fullPage: true });
        expect(fs.statSync(file).size).toBeGreaterThan(20_000);
      };
      const body = () => page.locator("body").innerText();

      // Policies: the version in force, a refused save with its line, the version unchanged.
      expect((await page.goto(`${app.url}/app/policies`, { waitUntil: "networkidle" }))?.status()).toBe(200);
      await page.getByRole("heading", { name: "Policies" }).first().waitFor();
      const nav = await page.getByRole("navigation", { name: "App navigation" }).innerText();
      for (const item of ["Approvals", "Policies", "Audit"]) expect(nav).toContain(item);
      expect(await body()).toContain("Version 1 is in force, saved by owner@demo-botanics.example");
      await page.getByLabel("Policy (JSON)").fill('{\n  "version": 1,\n  "suppression": { "maxPerDay": 2, }\n}');
      await page.getByRole("button", { name: "Save policy" }).click();
      await page.getByText("The policy was not saved").waitFor();
      const refused = await body();
      expect(refused).toMatch(/Invalid JSON at line 3, column \d+/);
      expect(refused).toContain("Version 1 stays in force.");
      // What was typed stays in the editor, to be fixed.
      expect(await page.getByLabel("Policy (JSON)").inputValue()).toContain('"maxPerDay": 2, }');
      expect(await db.policyVersion.count({ where: { shopId: DEMO_SHOP } })).toBe(1);
      await shoot("admin-policies-error.png");

      // Autonomy: supervised by default, the loyalty agent assisted, discounts above 15% reviewed.
      await page.getByLabel("Default level").selectOption("supervised");
      await page.getByLabel("Loyalty", { exact: true }).selectOption("assisted");
      await page.getByLabel("Its discount is above (%)").fill("15");
      await page.getByRole("button", { name: "Save autonomy" }).click();
      await page.getByText("Autonomy settings saved").waitFor();
      const settings = parseShopSettings((await db.shop.findUniqueOrThrow({ where: { id: DEMO_SHOP } })).settings);
      expect(settings.autonomy).toMatchObject({ defaultLevel: "supervised", agents: { loyalty: "assisted" }, supervised: { discountAbove: 0.15 } });

      // Approvals: approve one, reject one with a reason.
      await page.goto(`${app.url}/app/approvals`, { waitUntil: "networkidle" });
      await page.getByText("4 messages are waiting, oldest first").waitFor();
      expect(await body()).toContain("Renée Park");
      expect(await body()).toContain("Messages wait for your approval (assisted, your default).");
      await shoot("admin-approvals.png");
      await page.locator('[data-message-id="approve-me"]').getByRole("button", { name: "Approve" }).click();
      await page.getByText("The message was approved.").waitFor();
      const approved = await db.message.findUniqueOrThrow({ where: { shopId_id: { shopId: DEMO_SHOP, id: "approve-me" } } });
      expect(approved).toMatchObject({ status: "approved", awaitingSince: null });
      expect(AuditRecord.parse(JSON.parse(approved.audit)).approval?.by).toEqual({ userId: "demo-admin", email: "admin@demo-botanics.example" });

      const card = page.locator('[data-message-id="reject-me"]');
      await card.getByLabel("Reason for rejecting").fill("Too soon after their last order");
      await card.getByRole("button", { name: "Reject" }).click();
      await page.getByText("The message was rejected.").waitFor();
      await page.getByText("2 messages are waiting, oldest first").waitFor();
      const rejected = AuditRecord.parse(JSON.parse((await db.message.findUniqueOrThrow({ where: { shopId_id: { shopId: DEMO_SHOP, id: "reject-me" } } })).audit));
      expect(rejected.approval).toMatchObject({ decision: "rejected", reason: "Too soon after their last order" });

      // Bulk: select both remaining messages, reject them with one reason.
      await page.getByRole("checkbox", { name: /select all/i }).first().check();
      await page.getByRole("button", { name: "Reject selected…" }).click();
      await page.getByLabel("Reason for rejecting 2 selected messages").fill("Paused for the holidays");
      await page.getByRole("button", { name: "Reject selected", exact: true }).click();
      await page.getByText("2 messages done.").waitFor();
      await page.getByText("Nothing is waiting for approval").waitFor();
      for (const id of ["bulk-a", "bulk-b"]) {
        const record = AuditRecord.parse(JSON.parse((await db.message.findUniqueOrThrow({ where: { shopId_id: { shopId: DEMO_SHOP, id } } })).audit));
        expect(record.approval).toMatchObject({ decision: "rejected", reason: "Paused for the holidays", by: { userId: "demo-admin" } });
      }

      // Audit: KPIs, a filter by agent, a link to the decision, the CSV export of what is shown.
      await page.goto(`${app.url}/app/audit`, { waitUntil: "networkidle" });
      await page.getByText("Decision accuracy").waitFor();
      const overview = await body();
      expect(overview).toContain("Policy compliance");
      expect(overview).toContain("Approvals pending");
      // Approved + 3 ready count as unchanged, the three rejections as changed: 4 of 7.
      expect(overview).toContain("4 of 7 decided messages");
      expect(overview).not.toContain("SECRET OTHER SHOP");
      await page.getByLabel("Agent").selectOption("loyalty");
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/agent=loyalty/);
      await page.getByRole("link", { name: "loyalty-reminder" }).first().waitFor();
      const filtered = await body();
      expect(filtered).not.toContain("replenishment-reminder");
      expect(filtered).not.toContain("cart-intent-reminder");
      expect(await page.getByRole("link", { name: "loyalty-reminder" }).count()).toBe(6);
      expect(await page.getByRole("link", { name: "loyalty-reminder" }).first().getAttribute("href")).toBe("/app/decisions/loyalty-5");
      await shoot("admin-audit.png");

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
      expect(download.suggestedFilename()).toMatch(/^audit-demo-botanics\.myshopify\.com-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = fs.readFileSync(await download.path());
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.toString("utf8").slice(1).trimEnd().split("\r\n");
      expect(lines[0]!.startsWith("id,shop_id,created_at,status,customer_id,agent,")).toBe(true);
      expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["loyalty-0", "loyalty-1", "loyalty-2", "loyalty-3", "loyalty-4", "loyalty-5"]);
      expect(errors).toEqual([]);
    } finally {
      await chromium.close();
    }
  }, 120_000);

  it("keeps another shop's messages out of reach: no action, no export", async () => {
    const before = await database.db.message.findUniqueOrThrow({ where: { shopId_id: { shopId: OTHER, id: "their-message" } } });
    for (const form of [
      { intent: "approve", id: "their-message" } as Record<string, string>,
      { intent: "reject", id: "their-message", reason: "mine now" },
    ]) {
      const response = await fetch(`${app.url}/app/approvals?_data=routes%2Fapp.approvals`, { method: "POST", body: new URLSearchParams(form), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
      expect(response.status).toBe(404);
      const result = (await response.json()) as { results: Array<{ ok: boolean; message: string }> };
      expect(result.results[0]).toMatchObject({ ok: false, message: expect.stringMatching(/not in your shop/) });
    }
    expect(await database.db.message.findUniqueOrThrow({ where: { shopId_id: { shopId: OTHER, id: "their-message" } } })).toEqual(before);
    const exported = await fetch(`${app.url}/app/audit/export?format=json`);
    expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-demo-botanics/);
    const records = (await exported.json()) as Array<{ id: string; shopId: string }>;
    expect(records.length).toBe(10);
    expect(records.every((record) => record.shopId === DEMO_SHOP)).toBe(true);
    expect(records.map((record) => record.id)).not.toContain("their-message");
  });
});
