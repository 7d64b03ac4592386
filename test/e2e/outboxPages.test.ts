import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmailTransport } from "~/adapters/email/smtpTransport.server";
import { startLocalSmtpServer, type LocalSmtpServer } from "~/demo/localSmtpServer";
import { DEMO_ENCRYPTION_KEY } from "~/env.server";
import { deliverFlowAndMetafields } from "~/services/delivery/flowAndMetafields.server";
import { sendDueMessages } from "~/services/delivery/sendMessages.server";
import { readShopSecret } from "~/services/secrets.server";
import { startApp, type RunningApp } from "../support/appServer";
import { launchChromium, screenshotPath } from "../support/chromium";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { APP_URL, deliveryShop, SECRET, sendableMessage, shopper, transportTo } from "../support/delivery";

const NOW = new Date("2026-11-25T12:00:00Z");
const DEMO_SHOP = "demo-botanics.myshopify.com";
const OTHER = "someone-else.myshopify.com";
const SUBJECT = "🌿 Your cleanser is due — عرض خاص";
const PASSWORD = "correct horse battery staple 🐎";
/** A Shopify customer id (numeric), as the Flow trigger and metafields payloads need. */
const ZOE = "7340032";

/**
 * The Outbox and Delivery settings pages in a real browser against the production build in demo
 * mode. An email is sent through a real SMTP server on loopback first; the Outbox lists it, and its
 * page shows the headers the server received (the same Message-ID), the HTML in a sandboxed frame
 * and the text part. The settings page saves the SMTP server and an encrypted password it never
 * shows again. Another shop's email stays out of reach. The email's page also shows the message's
 * Flow trigger and customer metafields (as demo mode records them, unsent) and links to its decision.
 */
describe("outbox and delivery settings pages in demo mode", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let server: LocalSmtpServer;
  let transport: EmailTransport;
  const messageId = "replenishment:zoe:Skin care > Cleansers:2026-11-25";

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const db = database.db;
    await deliveryShop(db, DEMO_SHOP, "Demo Botanics");
    await shopper(db, DEMO_SHOP, { id: ZOE, email: "zoe@example.org", firstName: "Zoë 🌸", lastName: "שרה" });
    await sendableMessage(db, DEMO_SHOP, { id: messageId, customerId: ZOE, sendAt: NOW, draft: { subject: SUBJECT, greeting: "Hello Zoë 🌸,", paragraphs: ["Your cleanser should be running low — مرحبا."] } });
    await deliveryShop(db, OTHER, "Someone else");
    await shopper(db, OTHER, { id: "x", email: "secret@example.org" });
    await sendableMessage(db, OTHER, { id: "other-message", customerId: "x", sendAt: NOW, draft: { subject: "SECRET OTHER SHOP EMAIL" } });
    server = await startLocalSmtpServer();
    transport = transportTo(server);
    expect((await sendDueMessages(db, DEMO_SHOP, NOW, { transport, appUrl: APP_URL, secret: SECRET })).sent).toBe(1);
    expect((await sendDueMessages(db, OTHER, NOW, { transport, appUrl: APP_URL, secret: SECRET })).sent).toBe(1);
    // The other two channels, as demo mode records them (payload built, Shopify not called).
    expect(await deliverFlowAndMetafields(db, { mode: "demo" }, { shopId: DEMO_SHOP, messageId })).toMatchObject({ kind: "delivered", flow: { status: "skipped" }, metafields: { status: "skipped" } });
    // Another shop's Flow row under the same message id must not show on this shop's page.
    await db.delivery.create({ data: { shopId: OTHER, messageId, channel: "flow", status: "sent", payload: JSON.stringify({ handle: "SECRET OTHER SHOP FLOW" }), response: "{}" } });
    await db.decision.create({
      data: {
        shopId: DEMO_SHOP,
        id: messageId,
        runId: "run-1",
        moment: NOW,
        customerId: ZOE,
        agent: "replenishment",
        subject: "Skin care > Cleansers",
        messageType: "replenishment-reminder",
        channel: "email",
        status: "planned",
        sendAt: NOW,
        brief: "{}",
        expectedValueMinor: 120,
        method: "prior",
        trace: "{}",
      },
    });
    app = await startApp({ DEMO_MODE: "true", NODE_ENV: "test", DATABASE_URL: database.url, LOG_LEVEL: "silent" });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    transport?.close();
    await server?.close();
    await database?.drop();
  });

  it("lists the sent email and shows it as received: headers, sandboxed HTML, text", async () => {
    const received = server.received.find((m) => m.rcptTo.includes("zoe@example.org"))!;
    expect(received.subject).toBe(SUBJECT);
    const chromium = await launchChromium();
    try {
      const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));

      expect((await page.goto(`${app.url}/app/outbox`, { waitUntil: "networkidle" }))?.status()).toBe(200);
      await page.getByRole("heading", { name: "Outbox" }).first().waitFor();
      const nav = await page.getByRole("navigation", { name: "App navigation" }).innerText();
      for (const item of ["Outbox", "Delivery settings"]) expect(nav).toContain(item);
      const list = await page.locator("body").innerText();
      expect(list).toContain(SUBJECT);
      expect(list).toContain("zoe@example.org");
      expect(list).not.toContain("SECRET OTHER SHOP");
      await page.screenshot({ path: screenshotPath("admin-outbox.png"), fullPage: true });

      await page.getByRole("link", { name: SUBJECT }).click();
      await page.waitForURL(/\/app\/outbox\/.+/);
      await page.getByRole("heading", { name: "Headers" }).waitFor();
      const detail = await page.locator("body").innerText();
      expect(detail).toContain("Zoë 🌸 שרה <zoe@example.org>");
      expect(detail).toContain(received.messageId!);
      const listUnsubscribe = received.headers.find((h) => h.name === "List-Unsubscribe")!.value;
      expect(detail).toContain(listUnsubscribe);
      expect(detail).toContain("List-Unsubscribe=One-Click");

      const frame = page.locator("iframe[title=\"The email's HTML\"]");
      expect(await frame.getAttribute("sandbox")).toBe("");
      expect(await frame.getAttribute("srcdoc")).toBe(received.html);
      const inFrame = await page.frameLocator("iframe[title=\"The email's HTML\"]").locator("body").innerText();
      expect(inFrame).toContain("Hello Zoë 🌸,");
      expect(inFrame).toContain("مرحبا");
      const text = await page.getByLabel("The email's plain text").innerText();
      expect(text.trim()).toBe(received.text.trim());
      const file = screenshotPath("admin-outbox-email.png");
      await page.screenshot({ path: file, fullPage: true });
      expect(fs.statSync(file).size).toBeGreaterThan(20_000);

      // The Flow trigger and the metafields of the same message, exactly as stored, with Shopify's (demo) answer.
      for (const [channel, title] of [["flow", "Flow trigger"], ["metafields", "Customer metafields"]] as const) {
        const row = await database.db.delivery.findUniqueOrThrow({ where: { shopId_messageId_channel: { shopId: DEMO_SHOP, messageId, channel } } });
        const stored = JSON.parse(row.payload) as unknown;
        expect(stored).not.toBeNull();
        const shown = page.getByLabel(`${title} payload`);
        expect(JSON.parse(await shown.innerText())).toEqual(stored);
        // Pretty-printed, one key a line, not one long line.
        expect((await shown.innerText()).split("\n").length).toBeGreaterThan(3);
        expect(JSON.parse(await page.getByLabel(`${title} response`).innerText())).toEqual({ demo: true });
        expect(await page.getByRole("region", { name: title }).innerText()).toContain("skipped");
      }
      const flow = await page.getByLabel("Flow trigger payload").innerText();
      expect(flow).toContain(`"customer_id": ${ZOE}`);
      expect(flow).toContain(`"Subject": "${SUBJECT}"`);
      expect(await page.getByLabel("Customer metafields payload").innerText()).toContain("$app:marketing");
      expect(await page.content()).not.toContain("SECRET OTHER SHOP");
      await page.screenshot({ path: screenshotPath("admin-outbox-channels.png"), fullPage: true });

      await page.getByRole("link", { name: "The decision behind this message" }).click();
      await page.waitForURL((url) => url.pathname === `/app/decisions/${encodeURIComponent(messageId)}`);
      await page.getByRole("heading", { name: "replenishment: replenishment-reminder" }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await chromium.close();
    }
  }, 120_000);

  it("saves SMTP settings with an encrypted password it never shows again", async () => {
    const chromium = await launchChromium();
    try {
      const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      expect((await page.goto(`${app.url}/app/delivery`, { waitUntil: "networkidle" }))?.status()).toBe(200);
      await page.getByRole("heading", { name: "Delivery settings" }).first().waitFor();

      await page.getByLabel("Host").fill("smtp example.com");
      await page.getByLabel("Port").fill("587");
      await page.getByLabel("Sender address").fill("news@demo-botanics.example");
      await page.getByRole("button", { name: "Save settings" }).click();
      await page.getByText("The settings were not saved").waitFor();
      expect(await page.locator("body").innerText()).toContain("A host name such as smtp.example.com, or an IP address.");

      await page.getByLabel("Host").fill("smtp.demo-botanics.example");
      await page.getByLabel("User name").fill("mailer");
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByLabel("Sender name").fill("Demo Botanics");
      await page.getByRole("button", { name: "Save settings" }).click();
      await page.getByText("Settings saved").waitFor();
      expect(await page.getByLabel("Host").inputValue()).toBe("smtp.demo-botanics.example");
      expect(await page.getByLabel("Password", { exact: true }).inputValue()).toBe("");
      expect(await page.content()).not.toContain("battery staple");
      expect(await page.locator("body").innerText()).toContain("A password is stored. Leave this empty to keep it.");
      await page.screenshot({ path: screenshotPath("admin-delivery-settings.png"), fullPage: true });

      const shop = await database.db.shop.findUniqueOrThrow({ where: { id: DEMO_SHOP } });
      expect((JSON.parse(shop.settings) as { smtp: unknown }).smtp).toEqual({ host: "smtp.demo-botanics.example", port: 587, secure: false, user: "mailer", fromName: "Demo Botanics", fromAddress: "news@demo-botanics.example" });
      const secret = await database.db.shopSecret.findUniqueOrThrow({ where: { shopId_name: { shopId: DEMO_SHOP, name: "smtp-password" } } });
      expect(secret.ciphertext).not.toContain("battery");
      expect(await readShopSecret(database.db, DEMO_SHOP, "smtp-password", DEMO_ENCRYPTION_KEY)).toBe(PASSWORD);

      // A fresh load: the form is filled, the password is not.
      await page.goto(`${app.url}/app/delivery`, { waitUntil: "networkidle" });
      expect(await page.getByLabel("Host").inputValue()).toBe("smtp.demo-botanics.example");
      expect(await page.getByLabel("Password", { exact: true }).inputValue()).toBe("");
      expect(await page.content()).not.toContain("battery staple");
      expect(errors).toEqual([]);
    } finally {
      await chromium.close();
    }
  }, 120_000);

  it("keeps another shop's email out of reach", async () => {
    const response = await fetch(`${app.url}/app/outbox/other-message`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("SECRET OTHER SHOP");
    const own = await fetch(`${app.url}/app/outbox/${encodeURIComponent(messageId)}`);
    expect(own.status).toBe(200);
  });
});
