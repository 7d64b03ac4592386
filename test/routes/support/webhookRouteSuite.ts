import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../support/appServer";
import { createTestDatabase, type DatabaseKindUnderTest, type TestDatabase } from "../../support/databases";
import { signedWebhook } from "../../support/webhooks";

const SECRET = "test-webhook-secret-0123456789";
const API_VERSION = "2026-07";

/**
 * The webhook routes end to end: the production build served over HTTP, real signed deliveries
 * sent with fetch, and the database read back directly. Shared by one test file per database
 * (each test file is its own process, and the build reads DATABASE_URL once per process).
 */
export function webhookRouteSuite(kind: DatabaseKindUnderTest): void {
  describe(`webhook routes on ${kind}`, () => {
    let t: TestDatabase;
    let app: RunningApp;
    let shopCounter = 0;

    beforeAll(async () => {
      t = await createTestDatabase(kind);
      app = await startApp({
        DEMO_MODE: "false",
        SHOPIFY_API_KEY: "test-api-key",
        SHOPIFY_API_SECRET: SECRET,
        SHOPIFY_APP_URL: "https://app.example.test",
        DATABASE_URL: t.url,
        LOG_LEVEL: "silent",
      });
    });
    afterAll(async () => {
      await app?.close();
      await t?.drop();
    });

    // Every test gets its own shop, so counts are about that test's deliveries only.
    let shop: string;
    let bystander: string;
    beforeEach(async () => {
      shopCounter += 1;
      shop = `route-${kind}-${shopCounter}.myshopify.com`;
      bystander = `bystander-${kind}-${shopCounter}.myshopify.com`;
      for (const id of [shop, bystander]) {
        await t.db.shop.create({ data: { id, name: id, status: "installed" } });
        await t.db.session.create({ data: { id: `offline_${id}`, shop: id, state: "s", isOnline: false, accessToken: "shpat_x", scope: "read_orders" } });
        await t.db.session.create({ data: { id: `${id}_1`, shop: id, state: "s", isOnline: true, accessToken: "online", userId: 1n, expires: new Date(Date.now() + 3_600_000) } });
      }
    });

    function uninstalledBody(domain: string): string {
      // An id above 2^53: the inbox must keep it exactly as sent.
      return `{"id":9007199254740993,"name":"Test","email":"owner@example.com","domain":"${domain}","myshopify_domain":"${domain}","plan_name":"basic"}`;
    }

    async function deliver(options: { path: string; topic: string; body: string; shopDomain?: string; webhookId?: string; hmac?: string | null; secret?: string }): Promise<Response> {
      const request = signedWebhook({
        url: `${app.url}${options.path}`,
        topic: options.topic,
        shop: options.shopDomain ?? shop,
        body: options.body,
        secret: options.secret ?? SECRET,
        webhookId: options.webhookId,
        apiVersion: API_VERSION,
        hmac: options.hmac,
      });
      return fetch(request);
    }

    async function state(domain: string) {
      const [inbox, shopRow, sessions] = await Promise.all([
        t.db.inboxEvent.findMany({ where: { shopId: domain }, orderBy: { id: "asc" } }),
        t.db.shop.findUniqueOrThrow({ where: { id: domain } }),
        t.db.session.count({ where: { shop: domain } }),
      ]);
      return { inbox, shop: shopRow, sessions };
    }

    async function expectUntouched(domain: string): Promise<void> {
      const s = await state(domain);
      expect(s.inbox).toEqual([]);
      expect(s.shop.status).toBe("installed");
      expect(s.shop.uninstalledAt).toBeNull();
      expect(s.sessions).toBe(2);
    }

    describe("app/uninstalled", () => {
      it("a valid delivery answers 200, records the event, marks the shop uninstalled and deletes its sessions", async () => {
        const webhookId = randomUUID();
        const body = uninstalledBody(shop);
        const before = Date.now();
        const response = await deliver({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", body, webhookId });
        expect(response.status).toBe(200);

        const s = await state(shop);
        expect(s.inbox).toHaveLength(1);
        expect(s.inbox[0]).toMatchObject({ source: "webhook", topic: "app/uninstalled", deliveryId: webhookId, payload: body, status: "pending", error: null });
        expect(s.inbox[0]?.eventId).toEqual(expect.any(String));
        expect(s.inbox[0]?.triggeredAt).toBeInstanceOf(Date);
        expect(s.shop.status).toBe("uninstalled");
        expect(s.shop.uninstalledAt?.getTime()).toBeGreaterThanOrEqual(before - 1_000);
        expect(s.sessions).toBe(0);
        await expectUntouched(bystander);
      });

      it("still works when the shop's offline token has expired (no token refresh on the way in)", async () => {
        // With expiringOfflineAccessTokens, authenticate.webhook would first try to refresh this token
        // at Shopify, which fails once the app is uninstalled, and answer 500 to every retry.
        await t.db.session.update({
          where: { id: `offline_${shop}` },
          data: { expires: new Date(Date.now() - 3_600_000), refreshToken: "shprt_expired", refreshTokenExpires: new Date(Date.now() + 86_400_000) },
        });
        const response = await deliver({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", body: uninstalledBody(shop) });
        expect(response.status).toBe(200);
        const s = await state(shop);
        expect(s.inbox).toHaveLength(1);
        expect(s.shop.status).toBe("uninstalled");
        expect(s.sessions).toBe(0);
      });

      it("the same webhook id delivered twice gives one inbox row (both answered 200)", async () => {
        const webhookId = randomUUID();
        const body = uninstalledBody(shop);
        expect((await deliver({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", body, webhookId })).status).toBe(200);
        const uninstalledAt = (await state(shop)).shop.uninstalledAt;
        expect((await deliver({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", body, webhookId })).status).toBe(200);
        const s = await state(shop);
        expect(s.inbox).toHaveLength(1);
        expect(s.shop.uninstalledAt).toEqual(uninstalledAt);
      });

      it("concurrent deliveries of one webhook id give one inbox row", async () => {
        const webhookId = randomUUID();
        const body = uninstalledBody(shop);
        const responses = await Promise.all(Array.from({ length: 6 }, () => deliver({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", body, webhookId })));
        expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
        const s = await state(shop);
        expect(s.inbox).toHaveLength(1);
        expect(s.shop.status).toBe("uninstalled");
        expect(s.sessions).toBe(0);
      });

      it("the same webhook id from two shops is two events", async () => {
        const webhookId = randomUUID();
        for (const domain of [shop, bystander]) {
          expect((await deliver({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", body: uninstalledBody(domain), shopDomain: domain, webhookId })).status).toBe(200);
        }
        expect((await state(shop)).inbox).toHaveLength(1);
        expect((await state(bystander)).inbox).toHaveLength(1);
        expect((await state(bystander)).shop.status).toBe("uninstalled");
      });

      it("when the uninstall fails, nothing is kept and Shopify's retry of the same delivery completes it", async () => {
        await injectSessionDeleteFailure(t, shop);
        const webhookId = randomUUID();
        const body = uninstalledBody(shop);
        try {
          const failed = await deliver({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", body, webhookId });
          expect(failed.status).toBe(500);
          await expectUntouched(shop);
        } finally {
          await removeSessionDeleteFailure(t);
        }
        const retried = await deliver({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", body, webhookId });
        expect(retried.status).toBe(200);
        const s = await state(shop);
        expect(s.inbox).toHaveLength(1);
        expect(s.shop.status).toBe("uninstalled");
        expect(s.sessions).toBe(0);
      });
    });

    describe("compliance topics", () => {
      const bodies: Record<string, (domain: string) => string> = {
        "customers/data_request": (d) =>
          `{"shop_id":954889,"shop_domain":"${d}","orders_requested":[299938,280263],"customer":{"id":191167,"email":"john@example.com","phone":"555-625-1199"},"data_request":{"id":9999}}`,
        "customers/redact": (d) => `{"shop_id":954889,"shop_domain":"${d}","customer":{"id":9007199254740993,"email":"john@example.com","phone":"555-625-1199"},"orders_to_redact":[299938,280263]}`,
        "shop/redact": (d) => `{"shop_id":954889,"shop_domain":"${d}"}`,
      };

      it.each(Object.keys(bodies))("%s answers 200 and is recorded exactly as sent", async (topic) => {
        const webhookId = randomUUID();
        const body = (bodies[topic] as (d: string) => string)(shop);
        const response = await deliver({ path: "/webhooks/compliance", topic, body, webhookId });
        expect(response.status).toBe(200);
        const s = await state(shop);
        expect(s.inbox).toHaveLength(1);
        expect(s.inbox[0]).toMatchObject({ source: "webhook", topic, deliveryId: webhookId, payload: body, status: "pending" });
        // Recorded only: the shop and its sessions are for the inbox worker to deal with.
        expect(s.shop.status).toBe("installed");
        expect(s.sessions).toBe(2);
      });

      it("a repeated compliance delivery is recorded once", async () => {
        const webhookId = randomUUID();
        const body = (bodies["shop/redact"] as (d: string) => string)(shop);
        for (let i = 0; i < 3; i++) expect((await deliver({ path: "/webhooks/compliance", topic: "shop/redact", body, webhookId })).status).toBe(200);
        expect((await state(shop)).inbox).toHaveLength(1);
      });
    });

    describe("rejected deliveries write nothing", () => {
      const routes = [
        ["/webhooks/app/uninstalled", "app/uninstalled"],
        ["/webhooks/compliance", "customers/redact"],
      ] as const;

      it.each(routes)("%s: a signature made with another secret gets 401", async (path, topic) => {
        const response = await deliver({ path, topic, body: uninstalledBody(shop), secret: "not-the-app-secret" });
        expect(response.status).toBe(401);
        await expectUntouched(shop);
      });

      it.each(routes)("%s: a body changed after signing gets 401", async (path, topic) => {
        const signedFor = signedWebhook({ url: app.url, topic, shop, body: uninstalledBody(shop), secret: SECRET }).headers.get("X-Shopify-Hmac-Sha256");
        const response = await deliver({ path, topic, body: uninstalledBody(bystander), hmac: signedFor });
        expect(response.status).toBe(401);
        await expectUntouched(shop);
      });

      it.each(routes)("%s: a missing HMAC header gets 401", async (path, topic) => {
        const response = await deliver({ path, topic, body: uninstalledBody(shop), hmac: null });
        expect(response.status).toBe(401);
        await expectUntouched(shop);
      });

      it.each(routes)("%s: an empty or garbage HMAC header gets 401", async (path, topic) => {
        for (const hmac of ["", "not base64 at all!", "AAAA"]) {
          const response = await deliver({ path, topic, body: uninstalledBody(shop), hmac });
          expect(response.status).toBe(401);
        }
        await expectUntouched(shop);
      });

      it.each(routes)("%s: malformed JSON with a bad signature gets 401", async (path, topic) => {
        const response = await deliver({ path, topic, body: '{"id": 1,', secret: "not-the-app-secret" });
        expect(response.status).toBe(401);
        await expectUntouched(shop);
      });

      it.each(routes)("%s: a signed delivery without X-Shopify-Webhook-Id gets 400", async (path, topic) => {
        const request = signedWebhook({ url: `${app.url}${path}`, topic, shop, body: uninstalledBody(shop), secret: SECRET });
        const headers = new Headers(request.headers);
        headers.delete("X-Shopify-Webhook-Id");
        const response = await fetch(request.url, { method: "POST", headers, body: uninstalledBody(shop) });
        expect(response.status).toBe(400);
        await expectUntouched(shop);
      });

      it.each(routes)("%s: a signed delivery for a domain that is not a myshopify domain gets 400", async (path, topic) => {
        const response = await deliver({ path, topic, body: uninstalledBody(shop), shopDomain: "evil.example.com" });
        expect(response.status).toBe(400);
        expect(await t.db.inboxEvent.count({ where: { shopId: "evil.example.com" } })).toBe(0);
      });

      it.each(routes)("%s: a PUT gets 405", async (path, topic) => {
        const request = signedWebhook({ url: `${app.url}${path}`, topic, shop, body: uninstalledBody(shop), secret: SECRET });
        const response = await fetch(request.url, { method: "PUT", headers: request.headers, body: uninstalledBody(shop) });
        expect(response.status).toBe(405);
        await expectUntouched(shop);
      });
    });

    describe("a correctly signed body that is not JSON", () => {
      // Accepted with 200 (so Shopify does not retry it for two days) and kept as an `invalid` inbox
      // row for inspection; it has no other effect: the shop stays installed, its sessions stay.
      it("app/uninstalled: 200, one `invalid` row, and no uninstall", async () => {
        const body = '{"id": 9007199254740993, "name": "trunc';
        const webhookId = randomUUID();
        const response = await deliver({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", body, webhookId });
        expect(response.status).toBe(200);
        const s = await state(shop);
        expect(s.inbox).toHaveLength(1);
        expect(s.inbox[0]).toMatchObject({ deliveryId: webhookId, payload: body, status: "invalid" });
        expect(s.inbox[0]?.error).toMatch(/not valid JSON/);
        expect(s.shop.status).toBe("installed");
        expect(s.sessions).toBe(2);
        // Redelivered: still one row.
        expect((await deliver({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", body, webhookId })).status).toBe(200);
        expect((await state(shop)).inbox).toHaveLength(1);
      });

      it("compliance: 200 and one `invalid` row", async () => {
        const response = await deliver({ path: "/webhooks/compliance", topic: "customers/redact", body: "not json at all" });
        expect(response.status).toBe(200);
        const s = await state(shop);
        expect(s.inbox.map((row) => [row.status, row.payload])).toEqual([["invalid", "not json at all"]]);
      });

      it("an empty signed body is invalid too, not a crash", async () => {
        const response = await deliver({ path: "/webhooks/compliance", topic: "shop/redact", body: "" });
        expect(response.status).toBe(200);
        expect((await state(shop)).inbox.map((row) => row.status)).toEqual(["invalid"]);
      });

      it("a signed body that is not UTF-8 is verified on its bytes and kept as invalid", async () => {
        const bytes = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0xfe, 0x7d]); // {"a":<ff fe>}
        const { createHmac } = await import("node:crypto");
        const request = signedWebhook({ url: `${app.url}/webhooks/compliance`, topic: "shop/redact", shop, body: "", secret: SECRET });
        const headers = new Headers(request.headers);
        headers.set("X-Shopify-Hmac-Sha256", createHmac("sha256", SECRET).update(bytes).digest("base64"));
        const response = await fetch(request.url, { method: "POST", headers, body: bytes });
        expect(response.status).toBe(200);
        const s = await state(shop);
        expect(s.inbox.map((row) => [row.status, row.error])).toEqual([["invalid", "body is not valid UTF-8"]]);
      });
    });
  });
}

/** Makes deleting the shop's sessions fail inside the database (a trigger), to break the uninstall half-way. */
async function injectSessionDeleteFailure(t: TestDatabase, shop: string): Promise<void> {
  if (t.kind === "sqlite") {
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER "fail_session_delete" BEFORE DELETE ON "Session" WHEN OLD."shop" = '${shop}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    );
    return;
  }
  await t.db.$executeRawUnsafe(`CREATE FUNCTION "fail_session_delete"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`);
  await t.db.$executeRawUnsafe(
    `CREATE TRIGGER "fail_session_delete" BEFORE DELETE ON "Session" FOR EACH ROW WHEN (OLD."shop" = '${shop}') EXECUTE FUNCTION "fail_session_delete"()`,
  );
}

async function removeSessionDeleteFailure(t: TestDatabase): Promise<void> {
  if (t.kind === "sqlite") {
    await t.db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "fail_session_delete"`);
    return;
  }
  await t.db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "fail_session_delete" ON "Session"`);
  await t.db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS "fail_session_delete"()`);
}
