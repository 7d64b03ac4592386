import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { loadDemoStore } from "~/demo/loadDemoStore.server";
import { recomputeDepletionSuggestions } from "~/services/catalog/depletionSuggestions.server";
import { DEMO_OBJECTIVE } from "~/services/planning/demoPlanning.server";
import { createObjective } from "~/services/planning/objectives.server";
import { runPlanning } from "~/services/planning/runPlanning.server";
import { startApp, type RunningApp } from "../support/appServer";
import { launchChromium, screenshotPath } from "../support/chromium";
import { createTestDatabase, type TestDatabase } from "../support/databases";

const NOW = new Date("2026-11-25T12:00:00Z");
const OTHER = "someone-else.myshopify.com";
const DEMO_SHOP = "demo-botanics.myshopify.com";

/**
 * The Objectives and Decisions pages in a real browser against the production build in demo mode:
 * a refused objective shows its field errors, a valid one is saved and listed, deactivated and
 * activated; a planning run's decisions are listed per agent and a decision opens on its full
 * reasoning trace. Another shop's objective and decisions stay out of reach over plain HTTP.
 */
describe("objectives and decisions pages in demo mode", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let otherObjectiveId: string;
  let otherDecisionId: string;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const db = database.db;
    const demo = generateDemoStore({ seed: 4, customers: 80, now: NOW, anonymousVisitors: 20 });
    await loadDemoStore(db, demo, { now: NOW, scope: "read_orders" });
    await recomputeDepletionSuggestions(db, DEMO_SHOP);
    await createObjective(db, DEMO_SHOP, { ...DEMO_OBJECTIVE, agentsAllowed: [...DEMO_OBJECTIVE.agentsAllowed] });
    await runPlanning(db, DEMO_SHOP, { now: NOW, trigger: "schedule" });

    await db.shop.create({ data: { id: OTHER, name: "Someone else" } });
    otherObjectiveId = (await createObjective(db, OTHER, { ...DEMO_OBJECTIVE, goal: "recover-carts", agentsAllowed: ["cart-intent"] })).id;
    otherDecisionId = "replenishment:424242:Secret > Category:2026-11-01";
    await db.decision.create({
      data: {
        shopId: OTHER,
        id: otherDecisionId,
        runId: "schedule:other",
        moment: NOW,
        customerId: "424242",
        agent: "replenishment",
        subject: "Secret > Category",
        messageType: "replenishment-reminder",
        channel: "email",
        status: "planned",
        brief: "{}",
        expectedValueMinor: 1,
        method: "prior",
        trace: JSON.stringify({ inputs: {}, reasoning: ["SECRET OTHER SHOP REASONING"], action: "", expectedImpact: "" }),
      },
    });
    app = await startApp({ DEMO_MODE: "true", NODE_ENV: "test", DATABASE_URL: database.url, LOG_LEVEL: "silent" });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("refuses an invalid objective with its messages, saves a valid one, lists it and toggles it; shows a decision's trace", async () => {
    const chromium = await launchChromium();
    try {
      const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const shoot = async (name: string) => {
        const file = screenshotPath(name);
        await page.screenshot({ path: file, fullPage: true });
        expect(fs.statSync(file).size).toBeGreaterThan(20_000);
      };

      expect((await page.goto(`${app.url}/app/objectives`, { waitUntil: "networkidle" }))?.status()).toBe(200);
      await page.getByRole("heading", { name: "Objectives" }).first().waitFor();
      const nav = await page.getByRole("navigation", { name: "App navigation" }).innerText();
      for (const item of ["Objectives", "Decisions"]) expect(nav).toContain(item);
      expect(await page.locator("body").innerText()).toContain("Grow repeat-purchase revenue");

      // Invalid: a horizon of 0 days, a negative budget and no agents.
      await page.getByLabel("Goal").selectOption("reactivate-lapsed");
      await page.getByLabel("Horizon (days)").fill("0");
      await page.getByLabel("Discount budget (USD)").fill("-5");
      for (const label of ["Replenishment", "Loyalty", "Bestseller newsletter"]) await page.getByLabel(label, { exact: true }).uncheck();
      await page.getByRole("button", { name: "Save objective" }).click();
      await page.getByText("The objective was not saved").waitFor();
      const refused = await page.locator("body").innerText();
      expect(refused).toContain("Horizon must be a whole number from 1 to 365 days.");
      expect(refused).toContain("Discount budget cannot be negative.");
      expect(refused).toContain("Allow at least one agent.");
      expect(await database.db.objective.count({ where: { shopId: DEMO_SHOP } })).toBe(1);
      await shoot("admin-objectives-error.png");

      // Valid: the fields keep what was typed; fix them and save.
      await page.getByLabel("Horizon (days)").fill("120");
      await page.getByLabel("Discount budget (USD)").fill("250.50");
      await page.getByLabel("Target (count, optional)").fill("300");
      await page.getByLabel("Replenishment", { exact: true }).check();
      await page.getByLabel("Loyalty", { exact: true }).check();
      await page.getByRole("button", { name: "Save objective" }).click();
      await page.getByText("Objective saved").waitFor();
      const saved = await database.db.objective.findFirstOrThrow({ where: { shopId: DEMO_SHOP, goal: "reactivate-lapsed" } });
      expect(saved).toMatchObject({ horizonDays: 120, discountBudgetMinor: 25_050, messagesPerShopperPerWeek: 2, active: true });
      expect(JSON.parse(saved.agentsAllowed)).toEqual(["replenishment", "loyalty"]);
      expect(JSON.parse(saved.target!)).toEqual({ metric: "reactivated-customers", value: 300 });
      const list = await page.locator("body").innerText();
      expect(list).toContain("Reactivate lapsed buyers");
      expect(list).toContain("$250.50");
      expect(await page.content()).not.toContain(otherObjectiveId);
      await shoot("admin-objectives.png");

      await page.getByRole("button", { name: "Deactivate Reactivate lapsed buyers", exact: true }).click();
      await page.getByRole("button", { name: "Activate Reactivate lapsed buyers", exact: true }).waitFor();
      expect((await database.db.objective.findUniqueOrThrow({ where: { shopId_id: { shopId: DEMO_SHOP, id: saved.id } } })).active).toBe(false);

      // Decisions: the run, decisions per agent, and one decision's full trace.
      await page.goto(`${app.url}/app/decisions`, { waitUntil: "networkidle" });
      await page.getByText("Decisions per agent").waitFor();
      const overview = await page.locator("body").innerText();
      expect(overview).toContain("Recent planning runs");
      expect(overview).toContain("Over the weekly message budget");
      expect(overview).not.toContain("SECRET OTHER SHOP");
      await shoot("admin-decisions.png");
      const top = await database.db.decision.findFirstOrThrow({ where: { shopId: DEMO_SHOP, status: "planned" }, orderBy: [{ expectedValueMinor: "desc" }, { id: "asc" }] });
      await page.getByRole("link", { name: top.customerId }).first().click();
      await page.waitForURL(/\/app\/decisions\/.+/);
      await page.getByRole("heading", { name: "Reasoning" }).waitFor();
      const detail = await page.locator("body").innerText();
      const trace = JSON.parse(top.trace) as { reasoning: string[]; action: string };
      expect(detail).toContain(trace.reasoning[0]);
      expect(detail).toContain(trace.action);
      expect(detail).toMatch(/Scheduled for \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(detail).toContain("Content brief");
      await shoot("admin-decision-trace.png");
      expect(errors).toEqual([]);
    } finally {
      await chromium.close();
    }
  }, 120_000);

  it("keeps each shop's objectives and decisions to itself", async () => {
    const detail = await fetch(`${app.url}/app/decisions/${encodeURIComponent(otherDecisionId)}`);
    expect(detail.status).toBe(404);
    expect(await detail.text()).not.toContain("SECRET OTHER SHOP");
    const form = new URLSearchParams({ intent: "set-active", id: otherObjectiveId, active: "false" });
    const post = await fetch(`${app.url}/app/objectives`, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(post.status).toBe(404);
    expect((await database.db.objective.findUniqueOrThrow({ where: { shopId_id: { shopId: OTHER, id: otherObjectiveId } } })).active).toBe(true);
    const page = await (await fetch(`${app.url}/app/objectives`)).text();
    expect(page).toContain("Grow repeat-purchase revenue");
    expect(page).not.toContain(otherObjectiveId);
  });
});
