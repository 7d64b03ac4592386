import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/appServer";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { signedWebhook } from "../support/webhooks";

const SECRET = "backfill-route-secret-0123456789";

/**
 * POST /webhooks/bulk_operations/finish against the production build over HTTP. What needs the
 * Admin API afterwards (reading the finished export's URL) cannot reach a fake from here; that part
 * runs against the fake Shopify in test/services/backfillFinishWebhook.test.ts.
 */
describe("bulk_operations/finish route", () => {
  let t: TestDatabase;
  let app: RunningApp;
  let n = 0;
  let shop: string;
  let operationId: string;

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
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
  beforeEach(async () => {
    n += 1;
    shop = `finish-route-${n}.myshopify.com`;
    operationId = `gid://shopify/BulkOperation/${7000 + n}`;
    await t.db.shop.create({ data: { id: shop, name: shop, status: "installed" } });
    await t.db.backfillRun.createMany({
      data: [
        { id: `bf-route-${n}:products`, shopId: shop, status: "running", bulkOperationId: operationId, requestedBy: "install" },
        { id: `bf-route-${n}:customers`, shopId: shop, status: "queued", requestedBy: "install" },
        { id: `bf-route-${n}:orders`, shopId: shop, status: "queued", requestedBy: "install" },
      ],
    });
  });

  const body = (status: string, errorCode: string | null = null) =>
    JSON.stringify({ admin_graphql_api_id: operationId, completed_at: "2026-07-01T12:17:28-04:00", created_at: "2026-07-01T12:16:30-04:00", error_code: errorCode, status, type: "query" });

  const deliver = (options: { body: string; shop?: string; secret?: string; hmac?: string | null }) =>
    fetch(
      signedWebhook({
        url: `${app.url}/webhooks/bulk_operations/finish`,
        topic: "bulk_operations/finish",
        shop: options.shop ?? shop,
        body: options.body,
        secret: options.secret ?? SECRET,
        hmac: options.hmac,
        webhookId: randomUUID(),
      }),
    );

  const statuses = async () => (await t.db.backfillRun.findMany({ where: { shopId: shop }, orderBy: { id: "asc" } })).map((r) => r.status);

  it("a failed export: 200, the delivery in the inbox, the backfill failed with Shopify's error code", async () => {
    const response = await deliver({ body: body("failed", "timeout") });
    expect(response.status).toBe(200);
    const inbox = await t.db.inboxEvent.findMany({ where: { shopId: shop } });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ source: "webhook", topic: "bulk_operations/finish", status: "pending", payload: body("failed", "timeout") });
    expect(await statuses()).toEqual(["failed", "failed", "failed"]);
    expect((await t.db.backfillRun.findUniqueOrThrow({ where: { id: `bf-route-${n}:products` } })).error).toBe(
      "Shopify could not complete the export (TIMEOUT)",
    );
  });

  it("a completed export: answers 200 at once; the import runs afterwards (here it cannot reach Shopify, and the run waits for the next poll)", async () => {
    const started = Date.now();
    const response = await deliver({ body: body("completed") });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await t.db.inboxEvent.count({ where: { shopId: shop, topic: "bulk_operations/finish" } })).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await statuses()).toEqual(["queued", "queued", "running"]);
  });

  it("a wrong signature: 401 and nothing recorded or changed", async () => {
    const response = await deliver({ body: body("failed", "timeout"), secret: "not-the-secret" });
    expect(response.status).toBe(401);
    expect(await t.db.inboxEvent.count({ where: { shopId: shop } })).toBe(0);
    expect(await statuses()).toEqual(["queued", "queued", "running"]);
  });

  it("another shop's delivery naming this operation changes nothing for this shop", async () => {
    const other = `other-${shop}`;
    const response = await deliver({ body: body("failed", "access_denied"), shop: other });
    expect(response.status).toBe(200);
    expect(await statuses()).toEqual(["queued", "queued", "running"]);
    expect(await t.db.inboxEvent.count({ where: { shopId: other } })).toBe(1);
  });

  it("a body that is not JSON is kept as invalid and changes nothing", async () => {
    const response = await deliver({ body: "{truncated" });
    expect(response.status).toBe(200);
    expect(await t.db.inboxEvent.findFirst({ where: { shopId: shop } })).toMatchObject({ status: "invalid" });
    expect(await statuses()).toEqual(["queued", "queued", "running"]);
  });
});
