import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordLlmCall } from "~/services/content/llmCalls.server";
import { startApp, type RunningApp } from "../support/appServer";
import { launchChromium, screenshotPath } from "../support/chromium";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { deliveryShop } from "../support/delivery";

const DEMO_SHOP = "demo-botanics.myshopify.com";
const OTHER = "someone-else.myshopify.com";
const API_KEY = "sk-e2e-NEVER-SHOWN-0123456789abcdefghijkl";
const SMTP = { host: "smtp.demo-botanics.example", port: 587, secure: false, user: "mailer", fromName: "Demo Botanics", fromAddress: "news@demo-botanics.example" };

/**
 * The Delivery settings page's language-model section in a real browser against the production
 * build in demo mode, with a model configured: it says so without showing the key, shows this
 * month's spend against the cap and the last 30 days' cost per agent, refuses a tier whose model has
 * no price (saving nothing), and saves a tier change into the shop's settings keeping every other key.
 */
describe("delivery settings page: copy by a language model", () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const db = database.db;
    await deliveryShop(db, DEMO_SHOP, "Demo Botanics");
    await deliveryShop(db, OTHER, "Someone else");
    await db.shop.update({ where: { id: DEMO_SHOP }, data: { settings: JSON.stringify({ smtp: SMTP, abandonmentDelayMinutes: 45, futureFeature: { keep: "me" } }) } });
    const now = Date.now();
    const today = new Date(now);
    const monthStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
    const call = (shopId: string, messageId: string, agent: string, costMicros: number, minutesAgo: number) =>
      recordLlmCall(db, { shopId, messageId, agent, objectiveId: null, tier: "small", model: "gpt-4o-mini", promptTokens: 900, completionTokens: 300, costMicros, outcome: "ok", promptSha256: "e".repeat(64), createdAt: new Date(Math.max(monthStart, now - minutesAgo * 60_000)) });
    // Minutes ago, but never before this calendar month began: they count in this month's spend and the last 30 days.
    await call(DEMO_SHOP, "m-1", "cart-intent", 1_250_000, 2);
    await call(DEMO_SHOP, "m-2", "cart-intent", 750_000, 1);
    await call(OTHER, "x-1", "loyalty", 9_870_000, 1);
    app = await startApp({ DEMO_MODE: "true", NODE_ENV: "test", DATABASE_URL: database.url, LOG_LEVEL: "silent", OPENAI_API_KEY: API_KEY });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const storedSettings = async () => JSON.parse((await database.db.shop.findUniqueOrThrow({ where: { id: DEMO_SHOP } })).settings) as Record<string, unknown>;

  it("shows the model, the spend and the costs, refuses an unpriced model, and saves a tier change", async () => {
    const chromium = await launchChromium();
    try {
      const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      expect((await page.goto(`${app.url}/app/delivery`, { waitUntil: "networkidle" }))?.status()).toBe(200);
      await page.getByRole("heading", { name: "Copy by a language model" }).waitFor();

      const body = await page.locator("body").innerText();
      expect(body).toContain("A model is configured (OPENAI_API_KEY set)");
      expect(body).toContain("Spent this month: $2.00 of $20.00 (10%)");
      expect(await page.content()).not.toContain("NEVER-SHOWN");
      const costs = await page.getByRole("table").innerText();
      expect(costs).toContain("cart-intent");
      expect(costs).toMatch(/cart-intent\s+–\s+2\s+2\s+\$2\.00\s+\$1\.00/u);
      expect(costs).not.toContain("loyalty");
      expect(costs).not.toContain("9.87");
      // The defaults, as the form shows them.
      expect(await page.getByLabel("Tier 2 model").inputValue()).toBe("gpt-4o");
      expect(await page.getByLabel("Tier 2 from pCLV (USD)").inputValue()).toBe("100.00");
      expect(await page.getByLabel("Price 2 input (USD)").inputValue()).toBe("2.50");

      // A third tier on a model with no price: refused on its field, nothing written.
      const before = await storedSettings();
      await page.getByLabel("Tier 3 name").fill("premium");
      await page.getByLabel("Tier 3 model").fill("gpt-4.1");
      await page.getByLabel("Tier 3 from pCLV (USD)").fill("400");
      await page.getByRole("button", { name: "Save model settings" }).click();
      await page.getByText("The language-model settings were not saved").waitFor();
      expect(await page.locator("body").innerText()).toContain("No price for gpt-4.1: add it to prices.");
      expect(await page.getByLabel("Tier 3 model").inputValue()).toBe("gpt-4.1");
      expect(await storedSettings()).toEqual(before);
      expect(before.llm).toBeUndefined();

      // Price it, move the large tier up, lower the cap: saved.
      await page.getByLabel("Price 3 model").fill("gpt-4.1");
      await page.getByLabel("Price 3 input (USD)").fill("2");
      await page.getByLabel("Price 3 output (USD)").fill("8.00");
      await page.getByLabel("Tier 2 from pCLV (USD)").fill("150.25");
      await page.getByLabel("Monthly cap (USD)").fill("12.5");
      await page.getByLabel("Write copy with a language model").uncheck();
      await page.getByRole("button", { name: "Save model settings" }).click();
      await page.getByText("Saved the language-model settings").waitFor();
      await page.screenshot({ path: screenshotPath("admin-delivery-llm-settings.png"), fullPage: true });

      const saved = await storedSettings();
      expect(saved.smtp).toEqual(SMTP);
      expect(saved.abandonmentDelayMinutes).toBe(45);
      expect(saved.futureFeature).toEqual({ keep: "me" });
      expect(saved.llm).toMatchObject({
        enabled: false,
        tiers: [
          { name: "small", model: "gpt-4o-mini", minPclvMinor: 0 },
          { name: "large", model: "gpt-4o", minPclvMinor: 15_025 },
          { name: "premium", model: "gpt-4.1", minPclvMinor: 40_000 },
        ],
        prices: { "gpt-4.1": { inputMicrosPerMillion: 2_000_000, outputMicrosPerMillion: 8_000_000 } },
        monthlyCapMicros: 12_500_000,
      });
      const other = JSON.parse((await database.db.shop.findUniqueOrThrow({ where: { id: OTHER } })).settings) as Record<string, unknown>;
      expect(other.llm).toBeUndefined();

      // A fresh load shows what was saved, and the spend against the new cap.
      await page.goto(`${app.url}/app/delivery`, { waitUntil: "networkidle" });
      expect(await page.getByLabel("Tier 2 from pCLV (USD)").inputValue()).toBe("150.25");
      expect(await page.getByLabel("Tier 3 name").inputValue()).toBe("premium");
      expect(await page.getByLabel("Price 3 output (USD)").inputValue()).toBe("8.00");
      expect(await page.getByLabel("Monthly cap (USD)").inputValue()).toBe("12.50");
      expect(await page.getByLabel("Write copy with a language model").isChecked()).toBe(false);
      expect(await page.locator("body").innerText()).toContain("Spent this month: $2.00 of $12.50 (16%)");
      // The SMTP form beside it still shows its own settings.
      expect(await page.getByLabel("Host").inputValue()).toBe(SMTP.host);
      expect(errors).toEqual([]);
    } finally {
      await chromium.close();
    }
  }, 120_000);
});
