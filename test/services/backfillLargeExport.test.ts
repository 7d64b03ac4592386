import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBackfillResult } from "~/services/backfill/importBackfillResult.server";
import { startBackfill } from "~/services/backfill/startBackfill.server";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { FakeShopify } from "../support/fakeShopify";
import { orderExport } from "../support/fakeShopifyData";

const ORDERS = 40_000;
const ITEMS_PER_ORDER = 4;
const LINES = ORDERS * (1 + ITEMS_PER_ORDER);

/** A full collection before measuring, so the figures are what the importer retains, not garbage V8 has not collected yet. */
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const retainedHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/**
 * A 200,000-line export (about 130 MB of JSONL) streams through the importer with memory that does
 * not grow with the file: the heap retained between batches (measured after a full garbage
 * collection) stays a small fraction of the file.
 */
describe("importing a large export", () => {
  let t: TestDatabase;
  let shopify: FakeShopify;
  const shopId = "large-export.myshopify.com";
  const backfillId = "bf-large";

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    shopify = await FakeShopify.start();
  }, 300_000);
  afterAll(async () => {
    await shopify?.close();
    await t?.drop();
  });

  it(`streams ${LINES.toLocaleString("en-US")} lines in bounded memory and records every order once`, { timeout: 300_000 }, async () => {
    expect((await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "admin", backfillId })).ok).toBe(true);
    const operation = await shopify.completeOperation(shopify.latest().id, orderExport(ORDERS, ITEMS_PER_ORDER));
    expect(operation.objectCount).toBe(LINES);
    const fileSize = operation.fileSize ?? 0;
    const runId = `${backfillId}:orders`;
    // Straight to the orders run: the other resources are not part of this test.
    await t.db.backfillRun.update({
      where: { id: runId },
      data: { status: "ready", bulkOperationId: operation.id, resultUrl: operation.url, objectCount: operation.objectCount },
    });

    const baseline = retainedHeap();
    const retained: number[] = [];
    let commits = 0;
    const started = Date.now();
    const result = await importBackfillResult(t.db, { id: runId }, {
      onProgress: () => {
        commits += 1;
        if (commits % 20 === 0) retained.push(retainedHeap() - baseline);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    const half = Math.floor(retained.length / 2);
    const firstHalf = Math.max(...retained.slice(0, half));
    const secondHalf = Math.max(...retained.slice(half));
    console.log(
      `large export: ${(fileSize / 1e6).toFixed(0)} MB, ${LINES} lines, ${ORDERS} orders in ${seconds.toFixed(1)} s over ${commits} batches; ` +
        `retained heap (MB): ${retained.map((bytes) => (bytes / 1e6).toFixed(0)).join(" ")}`,
    );

    expect(result).toMatchObject({ status: "applied", linesApplied: LINES, bytesApplied: fileSize, recorded: ORDERS });
    expect(commits).toBeGreaterThanOrEqual(ORDERS / 250);
    // Retained memory stays far below the file (holding it as strings would take about twice its size)...
    expect(Math.max(...retained)).toBeLessThan(Math.min(fileSize / 3, 64e6));
    // ...and does not grow with it: the second half of the import holds no more than the first.
    expect(secondHalf - firstHalf).toBeLessThan(8e6);
    expect(await t.db.inboxEvent.count({ where: { shopId, source: "backfill", topic: "orders", status: "pending" } })).toBe(ORDERS);
    const row = await t.db.backfillRun.findUniqueOrThrow({ where: { id: runId } });
    expect(row).toMatchObject({ status: "applied", linesApplied: LINES, objectCount: LINES, error: null });
  });
});
