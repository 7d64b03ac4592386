import { describe, expect, it } from "vitest";
import { backfillDeliveryId, backfillRunId, nextResource, parseBackfillRunId } from "~/domain/backfill/backfillPlan";
import { summarizeBackfills, type BackfillRunRow } from "~/domain/backfill/backfillProgress";
import { BulkOperationFinishPayload, outcomeOf, type BulkOperationState } from "~/domain/backfill/bulkOperation";
import { BULK_QUERIES } from "~/domain/backfill/bulkQueries";
import { pathOf } from "~/domain/backfill/landingSite";

describe("backfill plan", () => {
  it("runs products, then customers, then orders", () => {
    expect([nextResource("products"), nextResource("customers"), nextResource("orders")]).toEqual(["customers", "orders", null]);
  });

  it("run ids group a backfill's runs and round-trip", () => {
    const id = backfillRunId("6f1c0b7e-2f9a-4d8e-9a41-0e2d2b7c9a10", "orders");
    expect(id).toBe("6f1c0b7e-2f9a-4d8e-9a41-0e2d2b7c9a10:orders");
    expect(parseBackfillRunId(id)).toEqual({ backfillId: "6f1c0b7e-2f9a-4d8e-9a41-0e2d2b7c9a10", resource: "orders" });
    expect(backfillDeliveryId(id, "gid://shopify/Order/1")).toBe("6f1c0b7e-2f9a-4d8e-9a41-0e2d2b7c9a10:orders:gid://shopify/Order/1");
  });

  it.each(["", "abc", "abc:refunds", "a b:orders", "x:orders:extra"])("%j is not a run id", (id) => {
    expect(parseBackfillRunId(id)).toBeNull();
  });

  it("refuses a backfill id that would break the run id format", () => {
    expect(() => backfillRunId("a:b", "orders")).toThrow(/not a backfill id/);
  });

  it("each bulk query has exactly one top-level connection, the resource's", () => {
    for (const [resource, query] of Object.entries(BULK_QUERIES)) {
      expect(/^\{\s*(\w+)\s*\{/.exec(query)?.[1]).toBe(resource);
      // Connections: at most five, nested at most two levels (Shopify's bulk query limits).
      expect((query.match(/\bedges\b/g) ?? []).length).toBeLessThanOrEqual(5);
    }
    expect(BULK_QUERIES.orders).toContain("customerJourneySummary");
    expect(BULK_QUERIES.customers).toContain("emailMarketingConsent");
    expect(BULK_QUERIES.products).toContain("category { id name fullName }");
  });
});

describe("bulk operation outcomes", () => {
  const operation = (overrides: Partial<BulkOperationState>): BulkOperationState => ({
    id: "gid://shopify/BulkOperation/1",
    status: "RUNNING",
    errorCode: null,
    objectCount: 10,
    rootObjectCount: 2,
    fileSize: null,
    url: null,
    partialDataUrl: null,
    completedAt: null,
    ...overrides,
  });

  it.each<[Partial<BulkOperationState>, ReturnType<typeof outcomeOf>]>([
    [{ status: "CREATED", objectCount: 0 }, { kind: "waiting", objectCount: 0 }],
    [{ status: "RUNNING" }, { kind: "waiting", objectCount: 10 }],
    [{ status: "COMPLETED", url: "https://storage.example/x.jsonl" }, { kind: "completed", url: "https://storage.example/x.jsonl", objectCount: 10 }],
    [{ status: "COMPLETED", url: null, objectCount: 0 }, { kind: "completed", url: null, objectCount: 0 }],
    [{ status: "FAILED", errorCode: "ACCESS_DENIED" }, { kind: "failed", error: "Shopify could not complete the export (ACCESS_DENIED)" }],
    [{ status: "CANCELED" }, { kind: "failed", error: "the export was canceled" }],
    [{ status: "EXPIRED" }, { kind: "failed", error: "the export's result file expired before it was imported" }],
  ])("%j -> %j", (state, outcome) => {
    expect(outcomeOf(operation(state))).toEqual(outcome);
  });

  it("reads the finish webhook's lower-case body (Shopify's documented example)", () => {
    const payload = BulkOperationFinishPayload.parse({
      admin_graphql_api_id: "gid://shopify/BulkOperation/147595010",
      completed_at: "2024-01-01T07:34:56-05:00",
      created_at: "2026-07-01T12:17:28-04:00",
      error_code: null,
      status: "completed",
      type: "query",
    });
    expect(payload).toMatchObject({ status: "COMPLETED", error_code: null });
    expect(BulkOperationFinishPayload.parse({ admin_graphql_api_id: "gid://shopify/BulkOperation/2", status: "failed", error_code: "timeout" })).toMatchObject({
      status: "FAILED",
      error_code: "TIMEOUT",
    });
    expect(BulkOperationFinishPayload.safeParse({ admin_graphql_api_id: "gid://shopify/Order/1", status: "completed" }).success).toBe(false);
  });
});

describe("landing page path", () => {
  it.each([
    ["https://shop.example.com/products/x?utm_source=a#top", "/products/x?utm_source=a#top"],
    ["https://shop.example.com", "/"],
    ["/already/a/path?x=1", "/already/a/path?x=1"],
    ["not a url", "not a url"],
  ])("%s -> %s", (url, path) => {
    expect(pathOf(url)).toBe(path);
  });
});

describe("backfill progress", () => {
  const row = (id: string, status: string, overrides: Partial<BackfillRunRow> = {}): BackfillRunRow => ({
    id,
    status,
    objectCount: 0,
    linesApplied: 0,
    error: null,
    requestedBy: "install",
    createdAt: new Date("2026-06-01T10:00:00Z"),
    completedAt: null,
    appliedAt: null,
    ...overrides,
  });

  it("groups runs by backfill, stages in run order, newest backfill first", () => {
    const summaries = summarizeBackfills([
      row("old:orders", "applied", { objectCount: 40, linesApplied: 40, appliedAt: new Date("2026-05-01T12:00:00Z"), createdAt: new Date("2026-05-01T10:00:00Z") }),
      row("old:products", "applied", { objectCount: 8, linesApplied: 8, createdAt: new Date("2026-05-01T10:00:00Z") }),
      row("old:customers", "applied", { createdAt: new Date("2026-05-01T10:00:00Z") }),
      row("new:orders", "queued"),
      row("new:customers", "importing", { objectCount: 1000, linesApplied: 250 }),
      row("new:products", "applied", { objectCount: 30, linesApplied: 30 }),
      row("not-a-run-id", "applied"),
    ]);
    expect(summaries.map((s) => [s.backfillId, s.status])).toEqual([
      ["new", "active"],
      ["old", "applied"],
    ]);
    expect(summaries[0]?.stages.map((s) => [s.resource, s.status, s.done, s.total, s.fraction])).toEqual([
      ["products", "applied", 30, 30, 1],
      ["customers", "importing", 250, 1000, 0.25],
      ["orders", "queued", 0, 0, null],
    ]);
    expect(summaries[0]?.finishedAt).toBeNull();
    expect(summaries[1]?.finishedAt?.toISOString()).toBe("2026-05-01T12:00:00.000Z");
  });

  it("a failed stage fails the backfill; an applied empty export counts as done", () => {
    const [summary] = summarizeBackfills([row("b:products", "applied"), row("b:customers", "failed", { error: "Shopify refused" }), row("b:orders", "failed")]);
    expect(summary?.status).toBe("failed");
    expect(summary?.stages[0]).toMatchObject({ done: 0, total: 0, fraction: 1 });
    expect(summary?.stages[1]?.error).toBe("Shopify refused");
  });
});
