import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CustomerConsentPayload, CustomerPayload, OrderPayload, ProductPayload } from "~/domain/events/webhookPayloads";
import { parseShopifyJson } from "~/domain/shared/ids";
import { importBackfillResult } from "~/services/backfill/importBackfillResult.server";
import { pollBackfill } from "~/services/backfill/pollBackfill.server";
import { startBackfill } from "~/services/backfill/startBackfill.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { FakeShopify } from "../support/fakeShopify";
import { gqlCollection, gqlCustomer, gqlLineItem, gqlOrder, gqlProduct, gqlVariant, jsonlLines, orderExport } from "../support/fakeShopifyData";

const SCHEMAS = { orders: OrderPayload, customers: CustomerPayload, customer_consent: CustomerConsentPayload, products: ProductPayload } as const;

describe.each(DATABASE_KINDS)("importing a history backfill on %s", (kind) => {
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
    shopId = `import-${kind}-${n}.myshopify.com`;
    backfillId = `bf-${kind}-${n}`;
  });
  afterEach(async () => {
    await shopify?.close();
  });

  const inbox = () => t.db.inboxEvent.findMany({ where: { shopId, source: "backfill" }, orderBy: { id: "asc" } });
  const run = (resource: string) => t.db.backfillRun.findUniqueOrThrow({ where: { id: `${backfillId}:${resource}` } });
  const start = async () => {
    const started = await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "admin", backfillId });
    expect(started.ok).toBe(true);
  };
  /** Completes Shopify's current export and lets the backfill advance. */
  const completeAndPoll = async (options: Parameters<typeof pollBackfill>[2] extends infer O ? Partial<O> : never = {}) => {
    await shopify.completeOperation(shopify.latest().id);
    return pollBackfill(t.db, shopify.adminGraphql(), { shopId, ...options });
  };
  /** An orders run whose export is complete and ready to import (products and customers empty). */
  const readyOrdersRun = async (lines: Iterable<string>) => {
    shopify.setExport("orders", lines);
    await start();
    await completeAndPoll(); // products: empty
    await completeAndPoll(); // customers: empty
    await shopify.completeOperation(shopify.latest().id);
    // Read the completed state without importing: move the run to `ready` as a poll would.
    const operation = shopify.latest();
    await t.db.backfillRun.update({
      where: { id: `${backfillId}:orders` },
      data: { status: "ready", resultUrl: operation.url, objectCount: operation.objectCount, completedAt: new Date() },
    });
    return run("orders");
  };

  it("runs products, customers and orders one after another and records each object once, as REST payloads", async () => {
    shopify.setExport("products", [
      ...jsonlLines(gqlProduct(1), [gqlVariant(11), gqlCollection(5, "serums"), gqlVariant(12)]),
      ...jsonlLines(gqlProduct(2, { status: "DRAFT", category: null }), []),
    ]);
    shopify.setExport("customers", [
      ...jsonlLines(gqlCustomer(100)),
      ...jsonlLines(gqlCustomer(101, { defaultEmailAddress: null, emailMarketingConsent: null })),
    ]);
    shopify.setExport("orders", [
      ...jsonlLines(gqlOrder(1000), [gqlLineItem(10001), gqlLineItem(10002, { product: null, variant: null })]),
      ...jsonlLines(gqlOrder(1001, { customerJourneySummary: null, cancelledAt: "2025-03-05T00:00:00Z" }), [gqlLineItem(10011)]),
    ]);
    await start();
    expect(await pollBackfill(t.db, shopify.adminGraphql(), { shopId })).toMatchObject({ state: "waiting" });
    expect(shopify.latest().resource).toBe("products");

    expect(await completeAndPoll()).toMatchObject({ state: "waiting", run: { id: `${backfillId}:customers` } });
    expect(shopify.latest().resource).toBe("customers");
    expect(await completeAndPoll()).toMatchObject({ state: "waiting", run: { id: `${backfillId}:orders` } });
    expect(shopify.latest().resource).toBe("orders");
    expect(await completeAndPoll()).toEqual({ state: "idle" });

    const events = await inbox();
    expect(events.map((e) => [e.topic, e.deliveryId.slice(backfillId.length + 1), e.status])).toEqual([
      ["products", "products:gid://shopify/Product/1", "pending"],
      ["products", "products:gid://shopify/Product/2", "pending"],
      ["customers", "customers:gid://shopify/Customer/100", "pending"],
      ["customer_consent", "customers:gid://shopify/Customer/100:consent", "pending"],
      ["customers", "customers:gid://shopify/Customer/101", "pending"],
      ["orders", "orders:gid://shopify/Order/1000", "pending"],
      ["orders", "orders:gid://shopify/Order/1001", "pending"],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ source: "backfill", eventId: null, triggeredAt: null, error: null, attempts: 0 });
      const schema = SCHEMAS[event.topic as keyof typeof SCHEMAS];
      expect(schema.safeParse(parseShopifyJson(event.payload)).success, event.payload).toBe(true);
    }
    const firstOrder = OrderPayload.parse(parseShopifyJson(events[5]?.payload ?? ""));
    expect(firstOrder.line_items.map((item) => [item.id, item.product_id])).toEqual([
      ["10001", "788032119674292922"],
      ["10002", null],
    ]);
    expect(JSON.parse(events[0]?.payload ?? "{}").collection_handles).toEqual(["serums"]);

    for (const resource of ["products", "customers", "orders"]) {
      const row = await run(resource);
      expect(row.status).toBe("applied");
      expect(row.linesApplied).toBe(row.objectCount);
      expect(row.bytesApplied).toBeGreaterThan(0);
      expect(row.appliedAt).toBeInstanceOf(Date);
      expect(row.completedAt).toBeInstanceOf(Date);
      expect(row.error).toBeNull();
    }
    // Two products, two variants, one collection: five JSONL records.
    expect((await run("products")).objectCount).toBe(5);
  });

  it("an empty export (Shopify writes no file) is applied at once and the next resource starts", async () => {
    await start();
    expect(await completeAndPoll()).toMatchObject({ state: "waiting", run: { id: `${backfillId}:customers` } });
    expect(await run("products")).toMatchObject({ status: "applied", objectCount: 0, linesApplied: 0, resultUrl: null });
  });

  it("an export Shopify fails (or cancels) fails the backfill with the error code", async () => {
    await start();
    shopify.failOperation(shopify.latest().id, "TIMEOUT");
    expect(await pollBackfill(t.db, shopify.adminGraphql(), { shopId })).toMatchObject({ state: "failed", error: "Shopify could not complete the export (TIMEOUT)" });
    expect((await t.db.backfillRun.findMany({ where: { shopId }, orderBy: { id: "asc" } })).map((r) => r.status)).toEqual(["failed", "failed", "failed"]);
  });

  it("a transient GraphQL error while polling leaves the run running", async () => {
    await start();
    shopify.graphqlErrors.push([{ message: "Throttled" }]);
    expect(await pollBackfill(t.db, shopify.adminGraphql(), { shopId })).toMatchObject({ state: "waiting", note: expect.stringMatching(/Throttled/) });
    expect((await run("products")).status).toBe("running");
  });

  it("resumes an aborted import where it stopped (HTTP Range), and every order is recorded once", async () => {
    const ordersRun = await readyOrdersRun(orderExport(300, 3));
    const controller = new AbortController();
    let commits = 0;
    const first = await importBackfillResult(t.db, ordersRun, {
      batchSize: 40,
      signal: controller.signal,
      onProgress: () => {
        commits += 1;
        if (commits === 3) controller.abort();
      },
    });
    expect(first.status).toBe("interrupted");
    const stopped = await run("orders");
    expect(stopped.status).toBe("interrupted");
    expect(stopped.error).toMatch(/import interrupted after line \d+: aborted/);
    // Progress stops at an object boundary: a whole number of orders (1 + 3 lines each).
    expect(stopped.linesApplied % 4).toBe(0);
    expect(stopped.linesApplied).toBeGreaterThan(0);
    expect(stopped.linesApplied).toBeLessThan(1200);
    const recordedBefore = await t.db.inboxEvent.count({ where: { shopId } });
    expect(recordedBefore).toBeGreaterThanOrEqual(stopped.linesApplied / 4);

    const second = await importBackfillResult(t.db, ordersRun, { batchSize: 40 });
    expect(second).toMatchObject({ status: "applied", linesApplied: 1200 });
    expect(shopify.fileRequests.at(-1)?.range).toBe(`bytes=${stopped.bytesApplied}-`);

    const events = await inbox();
    expect(events).toHaveLength(300);
    expect(new Set(events.map((e) => e.deliveryId)).size).toBe(300);
    expect(events.every((e) => e.status === "pending")).toBe(true);
    expect(await run("orders")).toMatchObject({ status: "applied", linesApplied: 1200, objectCount: 1200, error: null });
  });

  it("resumes against a server that ignores Range (skips the applied bytes itself)", async () => {
    const ordersRun = await readyOrdersRun(orderExport(60, 2));
    shopify.fileBehaviour.set(shopify.filePath(shopify.latest()), { ignoreRange: true });
    const controller = new AbortController();
    await importBackfillResult(t.db, ordersRun, { batchSize: 10, signal: controller.signal, onProgress: () => controller.abort() });
    expect((await run("orders")).status).toBe("interrupted");
    expect(await importBackfillResult(t.db, ordersRun, { batchSize: 10 })).toMatchObject({ status: "applied", linesApplied: 180 });
    expect(await t.db.inboxEvent.count({ where: { shopId } })).toBe(60);
  });

  it("resumes by line count when no byte offset is stored (files past 2 GiB)", async () => {
    const ordersRun = await readyOrdersRun(orderExport(50, 1));
    const controller = new AbortController();
    await importBackfillResult(t.db, ordersRun, { batchSize: 10, signal: controller.signal, onProgress: () => controller.abort() });
    const stopped = await run("orders");
    await t.db.backfillRun.update({ where: { id: stopped.id }, data: { bytesApplied: 0 } });
    expect(await importBackfillResult(t.db, ordersRun, { batchSize: 10 })).toMatchObject({ status: "applied", linesApplied: 100 });
    expect(shopify.fileRequests.at(-1)?.range).toBeNull();
    expect(await t.db.inboxEvent.count({ where: { shopId } })).toBe(50);
  });

  it("a transfer cut mid-way interrupts the import; the next poll resumes and finishes it", async () => {
    const ordersRun = await readyOrdersRun(orderExport(200, 2));
    const path = shopify.filePath(shopify.latest());
    shopify.fileBehaviour.set(path, { cutAfterBytes: Math.floor((shopify.latest().fileSize ?? 0) * 0.6) });
    const cut = await importBackfillResult(t.db, ordersRun, { batchSize: 25 });
    expect(cut.status).toBe("interrupted");
    expect((await run("orders")).linesApplied).toBeGreaterThan(0);
    shopify.fileBehaviour.delete(path);
    expect(await pollBackfill(t.db, shopify.adminGraphql(), { shopId, batchSize: 25 })).toEqual({ state: "idle" });
    expect(await t.db.inboxEvent.count({ where: { shopId, status: "pending" } })).toBe(200);
    expect(await t.db.inboxEvent.count({ where: { shopId, status: "invalid" } })).toBe(0);
  });

  it("a truncated last line is kept as an invalid event with its text; the rest is imported", async () => {
    const ordersRun = await readyOrdersRun([]);
    const lines = [...jsonlLines(gqlOrder(1), [gqlLineItem(11)]), ...jsonlLines(gqlOrder(2))];
    const truncated = `${lines.join("\n")}\n${JSON.stringify(gqlOrder(3)).slice(0, 120)}`;
    const operation = await shopify.completeWithContent(shopify.latest().id, truncated);
    await t.db.backfillRun.update({ where: { id: ordersRun.id }, data: { resultUrl: operation.url, objectCount: operation.objectCount } });

    expect(await importBackfillResult(t.db, ordersRun)).toMatchObject({ status: "applied", linesApplied: 4 });
    const events = await inbox();
    // The unreadable line is reported as it is read, before the object it interrupted is complete.
    expect(events.map((e) => [e.deliveryId.split(":").slice(2).join(":"), e.status])).toEqual([
      ["gid://shopify/Order/1", "pending"],
      ["line:4", "invalid"],
      ["gid://shopify/Order/2", "pending"],
    ]);
    expect(events[1]).toMatchObject({ topic: "orders", payload: JSON.stringify(gqlOrder(3)).slice(0, 120) });
    expect(events[1]?.error).toMatch(/^line 4: not valid JSON \(truncated line\?\)/);
    expect((await run("orders")).error).toBe("1 record could not be imported; they are kept as invalid inbox events with their errors");
  });

  it("an object that fails conversion is recorded invalid with its error and GraphQL source; the import continues", async () => {
    const ordersRun = await readyOrdersRun([
      ...jsonlLines(gqlOrder(1)),
      ...jsonlLines(gqlOrder(2, { totalPriceSet: { shopMoney: { amount: "n/a" } } }), [gqlLineItem(21)]),
      ...jsonlLines(gqlOrder(3), [gqlLineItem(31, { quantity: -2 })]),
      ...jsonlLines(gqlOrder(4)),
    ]);
    expect(await importBackfillResult(t.db, ordersRun)).toMatchObject({ status: "applied" });
    const events = await inbox();
    expect(events.map((e) => [e.deliveryId.split(":").pop(), e.status])).toEqual([
      ["//shopify/Order/1", "pending"],
      ["//shopify/Order/2", "invalid"],
      ["//shopify/Order/3", "invalid"],
      ["//shopify/Order/4", "pending"],
    ]);
    expect(events[1]?.error).toBe("lines 2-3: totalPriceSet.shopMoney.amount: expected a decimal amount");
    expect(events[2]?.error).toMatch(/^lines 4-5: lineItems\.0\.quantity/);
    expect(JSON.parse(events[1]?.payload ?? "{}")).toMatchObject({ node: { id: "gid://shopify/Order/2" }, children: [{ id: "gid://shopify/LineItem/21" }] });
    expect((await run("orders")).error).toBe("2 records could not be imported; they are kept as invalid inbox events with their errors");
  });

  it("a result file that is gone (expired signed URL) fails the run for good", async () => {
    const ordersRun = await readyOrdersRun(orderExport(3, 1));
    shopify.fileBehaviour.set(shopify.filePath(shopify.latest()), { status: 403 });
    expect(await importBackfillResult(t.db, ordersRun)).toMatchObject({ status: "failed" });
    expect((await run("orders")).error).toMatch(/no longer available: result file answered 403/);
  });

  it("two importers of the same run: one imports, the other is told it is busy", async () => {
    const ordersRun = await readyOrdersRun(orderExport(40, 2));
    const results = await Promise.all([importBackfillResult(t.db, ordersRun, { batchSize: 5 }), importBackfillResult(t.db, ordersRun, { batchSize: 5 })]);
    expect(results.map((r) => r.status).sort()).toEqual(["applied", "busy"]);
    expect(await t.db.inboxEvent.count({ where: { shopId } })).toBe(40);
  });

  it("a crashed importer's run (a stale lease) is taken over by the next poll", async () => {
    const ordersRun = await readyOrdersRun(orderExport(10, 1));
    await t.db.backfillRun.update({ where: { id: ordersRun.id }, data: { status: "importing" } });
    expect(await pollBackfill(t.db, shopify.adminGraphql(), { shopId })).toMatchObject({ state: "busy" });
    const later = () => new Date(Date.now() + 10 * 60_000);
    expect(await pollBackfill(t.db, shopify.adminGraphql(), { shopId, now: later })).toEqual({ state: "idle" });
    expect(await t.db.inboxEvent.count({ where: { shopId } })).toBe(10);
  });

  it("importing the same run again (a replay) adds nothing", async () => {
    const ordersRun = await readyOrdersRun(orderExport(20, 1));
    await importBackfillResult(t.db, ordersRun);
    await t.db.backfillRun.update({ where: { id: ordersRun.id }, data: { status: "ready", linesApplied: 0, bytesApplied: 0 } });
    expect(await importBackfillResult(t.db, ordersRun)).toMatchObject({ status: "applied", recorded: 0 });
    expect(await t.db.inboxEvent.count({ where: { shopId } })).toBe(20);
  });
});
