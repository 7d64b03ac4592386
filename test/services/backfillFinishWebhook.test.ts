import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acceptBulkOperationFinish } from "~/services/backfill/bulkOperationFinish.server";
import { startBackfill } from "~/services/backfill/startBackfill.server";
import { recordInboxEvent } from "~/services/recordInboxEvent.server";
import { verifyWebhookDelivery } from "~/services/webhookDelivery.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { FakeShopify } from "../support/fakeShopify";
import { gqlCustomer, gqlProduct, gqlVariant, jsonlLines } from "../support/fakeShopifyData";
import { signedWebhook } from "../support/webhooks";

const SECRET = "backfill-webhook-secret";
const log = pino({ level: "silent" });

/**
 * bulk_operations/finish as the route handles it: the signed delivery is verified and recorded by
 * the same code as every webhook, then the service imports the finished export (through a fake
 * Shopify over HTTP) and starts the next one. (The route itself is exercised over HTTP in
 * test/routes/backfillRoutes.test.ts; there the Admin API cannot be pointed at a fake.)
 */
describe.each(DATABASE_KINDS)("bulk_operations/finish on %s", (kind) => {
  let t: TestDatabase;
  let shopify: FakeShopify;
  let n = 0;
  let shopId: string;
  let backfillId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });
  beforeEach(async () => {
    shopify = await FakeShopify.start();
    n += 1;
    shopId = `finish-${kind}-${n}.myshopify.com`;
    backfillId = `bf-finish-${kind}-${n}`;
  });
  afterEach(async () => {
    await shopify?.close();
  });

  const body = (operationId: string, status = "completed", errorCode: string | null = null) =>
    JSON.stringify({
      admin_graphql_api_id: operationId,
      completed_at: "2026-07-01T12:17:28-04:00",
      created_at: "2026-07-01T12:16:30-04:00",
      error_code: errorCode,
      status,
      type: "query",
    });

  /** What the route does with a delivery: verify, record, hand to the service. */
  async function deliver(options: { shop?: string; body: string; webhookId?: string }) {
    const request = signedWebhook({
      url: "https://app.example.test/webhooks/bulk_operations/finish",
      topic: "bulk_operations/finish",
      shop: options.shop ?? shopId,
      body: options.body,
      secret: SECRET,
      webhookId: options.webhookId,
    });
    const verified = await verifyWebhookDelivery(request, SECRET);
    if (!verified.ok) throw new Error(verified.reason);
    const recorded = await recordInboxEvent(t.db, verified.delivery);
    const outcome = await acceptBulkOperationFinish(t.db, verified.delivery, { adminFor: async () => shopify.adminGraphql(), log });
    if (outcome.kind === "advancing") await outcome.done;
    return { recorded, outcome };
  }

  const runs = async () =>
    (await t.db.backfillRun.findMany({ where: { shopId }, orderBy: { id: "asc" } })).map((r) => [r.id.split(":")[1], r.status, r.error]);

  it("a completed export is imported and the next resource's export is submitted", async () => {
    shopify.setExport("products", [...jsonlLines(gqlProduct(1), [gqlVariant(11)]), ...jsonlLines(gqlProduct(2))]);
    await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "install", backfillId });
    const products = await shopify.completeOperation(shopify.latest().id);

    const { recorded, outcome } = await deliver({ body: body(products.id) });
    expect(recorded.status).toBe("recorded");
    expect(outcome).toMatchObject({ kind: "advancing", runId: `${backfillId}:products` });
    expect(await runs()).toEqual([
      ["customers", "running", null],
      ["orders", "queued", null],
      ["products", "applied", null],
    ]);
    expect(shopify.latest().resource).toBe("customers");
    expect(await t.db.inboxEvent.count({ where: { shopId, source: "backfill", topic: "products" } })).toBe(2);
    // The delivery itself is in the inbox like any webhook (it has no projection: the worker ignores it).
    expect(await t.db.inboxEvent.findFirst({ where: { shopId, source: "webhook" } })).toMatchObject({ topic: "bulk_operations/finish", status: "pending" });

    shopify.setExport("customers", jsonlLines(gqlCustomer(7)));
    const customers = await shopify.completeOperation(shopify.latest().id);
    await deliver({ body: body(customers.id) });
    expect(await runs()).toEqual([
      ["customers", "applied", null],
      ["orders", "running", null],
      ["products", "applied", null],
    ]);
  });

  it("a failed export fails the backfill from the webhook alone, with Shopify's error code", async () => {
    await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "install", backfillId });
    const calls = shopify.graphqlCalls.length;
    const { outcome } = await deliver({ body: body(shopify.latest().id, "failed", "access_denied") });
    expect(outcome).toEqual({ kind: "failed", runId: `${backfillId}:products`, error: "Shopify could not complete the export (ACCESS_DENIED)" });
    expect(await runs()).toEqual([
      ["customers", "failed", "not started: the products import failed"],
      ["orders", "failed", "not started: the products import failed"],
      ["products", "failed", "Shopify could not complete the export (ACCESS_DENIED)"],
    ]);
    expect(shopify.graphqlCalls.length).toBe(calls);
  });

  it("is scoped by shop: another shop's delivery naming this shop's operation changes nothing here", async () => {
    await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "install", backfillId });
    const operation = await shopify.completeOperation(shopify.latest().id);
    const { outcome } = await deliver({ shop: `intruder-${kind}-${n}.myshopify.com`, body: body(operation.id, "failed", "internal_server_error") });
    expect(outcome).toEqual({ kind: "ignored", reason: "not a backfill's bulk operation" });
    expect(await runs()).toEqual([
      ["customers", "queued", null],
      ["orders", "queued", null],
      ["products", "running", null],
    ]);
  });

  it("a replayed delivery is recorded once and imports nothing twice", async () => {
    shopify.setExport("products", jsonlLines(gqlProduct(1)));
    await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "install", backfillId });
    const operation = await shopify.completeOperation(shopify.latest().id);
    const webhookId = randomUUID();
    await deliver({ body: body(operation.id), webhookId });
    const again = await deliver({ body: body(operation.id), webhookId });
    expect(again.recorded.status).toBe("duplicate");
    expect(await t.db.inboxEvent.count({ where: { shopId, source: "backfill" } })).toBe(1);
    expect(await t.db.inboxEvent.count({ where: { shopId, source: "webhook" } })).toBe(1);
    expect(shopify.operations.size).toBe(2);
  });

  it("an operation that is not a backfill's, for a shop without one, is ignored", async () => {
    const { outcome } = await deliver({ body: body("gid://shopify/BulkOperation/99") });
    expect(outcome).toEqual({ kind: "ignored", reason: "not a backfill's bulk operation" });
    expect(shopify.graphqlCalls).toHaveLength(0);
  });

  it("a body that is not a finish payload is ignored (and kept in the inbox)", async () => {
    const { recorded, outcome } = await deliver({ body: '{"id":1}' });
    expect(recorded.status).toBe("recorded");
    expect(outcome).toMatchObject({ kind: "ignored", reason: expect.stringMatching(/not a bulk_operations\/finish payload/) });
  });

  it("a finish that overtakes the write of the operation id is picked up once the run is running", async () => {
    shopify.setExport("products", jsonlLines(gqlProduct(1)));
    await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "install", backfillId });
    const operation = await shopify.completeOperation(shopify.latest().id);
    // As if the submitter had not yet written the id back when the webhook arrived.
    const runId = `${backfillId}:products`;
    await t.db.backfillRun.update({ where: { id: runId }, data: { status: "created", bulkOperationId: null } });
    // (Prisma queries are lazy: `.then` runs this one.)
    setTimeout(() => t.db.backfillRun.update({ where: { id: runId }, data: { status: "running", bulkOperationId: operation.id } }).then(() => undefined), 300);
    const { outcome } = await deliver({ body: body(operation.id) });
    expect(outcome).toMatchObject({ kind: "advancing", runId: null });
    expect((await t.db.backfillRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("applied");
    expect(await t.db.inboxEvent.count({ where: { shopId, source: "backfill" } })).toBe(1);
  });
});
