import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unsubscribeToken } from "~/services/delivery/decisionToken.server";
import { parseUnsubscribeDetail } from "~/services/delivery/unsubscribe.server";
import { startApp, type RunningApp } from "../support/appServer";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { deliveryShop, lastHistoryEntry, sendableMessage, shopper } from "../support/delivery";

const SHOP = "fern-and-moss.myshopify.com";
const API_SECRET = "route-test-shopify-api-secret-0123456789";
// The delivery worker signs email links with SHOPIFY_API_SECRET itself; the endpoint must accept exactly those.
const SECRET = API_SECRET;
const NOW = new Date("2026-11-25T12:00:00Z");

/**
 * POST /unsubscribe?t=... over real HTTP against the production build (RFC 8058 one-click): no
 * login, no cookie, no redirect, 200 every time for a valid token, 400 and nothing written for a
 * tampered one; GET shows a confirm page and changes nothing (mail scanners follow links).
 */
describe("the one-click unsubscribe endpoint", () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await deliveryShop(database.db, SHOP);
    await shopper(database.db, SHOP, { id: "501", email: "ada@example.org" });
    await sendableMessage(database.db, SHOP, { id: "m-501", customerId: "501", sendAt: new Date(NOW.getTime() + 86_400_000) });
    await shopper(database.db, SHOP, { id: "502", email: "bo@example.org" });
    // Demo mode: the Shopify consent update is recorded as skipped (there is no store to call).
    app = await startApp({ DEMO_MODE: "true", NODE_ENV: "test", DATABASE_URL: database.url, LOG_LEVEL: "silent", SHOPIFY_API_SECRET: API_SECRET });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const link = (customerId: string) => `${app.url}/unsubscribe?t=${encodeURIComponent(unsubscribeToken({ shopId: SHOP, customerId }, SECRET))}`;
  const oneClick = (url: string) =>
    fetch(url, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
  const consentOf = async (id: string) => (await database.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id } } })).emailMarketingState;

  it("shows a confirm page on GET and unsubscribes nobody", async () => {
    const response = await fetch(link("501"), { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await response.text();
    expect(html).toContain("Stop receiving Fern &amp; Moss&#x27;s marketing emails?");
    expect(html).toMatch(/<form method="post"[^>]*>/);
    expect(html).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await consentOf("501")).toBe("SUBSCRIBED");
    expect(await database.db.suppression.count()).toBe(0);
  });

  it("unsubscribes on POST with 200, no cookie and no redirect; again 200", async () => {
    const response = await oneClick(link("501"));
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("You are unsubscribed");
    expect(await consentOf("501")).toBe("UNSUBSCRIBED");
    const suppression = await database.db.suppression.findUniqueOrThrow({ where: { shopId_customerId_reason: { shopId: SHOP, customerId: "501", reason: "unsubscribed" } } });
    expect(parseUnsubscribeDetail(suppression.detail)?.shopify).toMatchObject({ status: "skipped", attempts: 1, error: expect.stringMatching(/demo mode/) });
    const message = await database.db.message.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: "m-501" } } });
    expect(message.status).toBe("blocked");
    expect(await lastHistoryEntry(database.db, SHOP, "m-501")).toMatchObject({ from: "ready", to: "blocked", action: "block" });

    const again = await oneClick(link("501"));
    expect(again.status).toBe(200);
    expect(await database.db.suppression.count({ where: { shopId: SHOP, customerId: "501" } })).toBe(1);
  });

  it("answers 200 for a validly signed shopper it does not know", async () => {
    const response = await oneClick(`${app.url}/unsubscribe?t=${encodeURIComponent(unsubscribeToken({ shopId: SHOP, customerId: "999" }, SECRET))}`);
    expect(response.status).toBe(200);
  });

  it("answers 400 to a tampered or foreign token and writes nothing, on GET and POST", async () => {
    const token = unsubscribeToken({ shopId: SHOP, customerId: "502" }, SECRET);
    const [, signature] = token.split(".") as [string, string];
    const forged = `${Buffer.from(JSON.stringify(["am-unsubscribe-v1", SHOP, "501"])).toString("base64url")}.${signature}`;
    const foreign = unsubscribeToken({ shopId: SHOP, customerId: "502" }, "some-other-secret-entirely-0000");
    const before = await database.db.suppression.count();
    for (const bad of [forged, foreign, `${token}x`, ""]) {
      const url = `${app.url}/unsubscribe?t=${encodeURIComponent(bad)}`;
      const post = await oneClick(url);
      expect(post.status).toBe(400);
      expect(await post.text()).toContain("This link is not valid");
      expect((await fetch(url)).status).toBe(400);
    }
    expect(await database.db.suppression.count()).toBe(before);
    expect(await consentOf("502")).toBe("SUBSCRIBED");
  });
});
