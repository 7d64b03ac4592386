import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminGraphqlFrom } from "~/adapters/shopify/bulkOperation.server";
import { BULK_QUERIES } from "~/domain/backfill/bulkQueries";
import { backfillAfterAuth, startBackfill } from "~/services/backfill/startBackfill.server";
import { pollBackfill } from "~/services/backfill/pollBackfill.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { FakeShopify } from "../support/fakeShopify";

describe.each(DATABASE_KINDS)("starting a history backfill on %s", (kind) => {
  let t: TestDatabase;
  let shopify: FakeShopify;
  let n = 0;
  let shopId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });
  beforeEach(async () => {
    await shopify?.close();
    shopify = await FakeShopify.start();
    n += 1;
    shopId = `start-${kind}-${n}.myshopify.com`;
  });
  afterAll(async () => {
    await shopify?.close();
  });

  const runs = () => t.db.backfillRun.findMany({ where: { shopId }, orderBy: { id: "asc" } });

  it("records three runs and submits the products export, grouped, through bulkOperationRunQuery", async () => {
    const result = await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "admin", backfillId: `bf-${kind}-a` });
    expect(result.ok).toBe(true);
    const operation = shopify.latest();
    expect(operation).toMatchObject({ resource: "products", groupObjects: true, status: "CREATED", query: BULK_QUERIES.products });
    expect((await runs()).map((r) => [r.id, r.status, r.bulkOperationId, r.requestedBy])).toEqual([
      [`bf-${kind}-a:customers`, "queued", null, "admin"],
      [`bf-${kind}-a:orders`, "queued", null, "admin"],
      [`bf-${kind}-a:products`, "running", operation.id, "admin"],
    ]);
  });

  it("refuses a second backfill while one is unfinished, with a clear message, and changes nothing", async () => {
    expect((await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "install" })).ok).toBe(true);
    const before = await runs();
    const second = await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "admin" });
    expect(second).toMatchObject({ ok: false, reason: "active" });
    if (!second.ok) expect(second.error).toMatch(/already in progress for this shop \(started .*, at products: running\)\. Wait for it to finish before starting another\./);
    expect(await runs()).toEqual(before);
    expect(shopify.operations.size).toBe(1);
  });

  it("concurrent starts for the same shop: exactly one wins", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "admin" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "active")).toHaveLength(4);
    expect(await t.db.backfillRun.count({ where: { shopId } })).toBe(3);
    expect(shopify.operations.size).toBe(1);
  });

  it("another shop's backfill does not block this one", async () => {
    expect((await startBackfill(t.db, shopify.adminGraphql(), { shopId: `other-${shopId}`, requestedBy: "admin" })).ok).toBe(true);
    shopify.operations.clear(); // a different shop at Shopify: no operation in progress there
    expect((await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "admin" })).ok).toBe(true);
  });

  it("userErrors from bulkOperationRunQuery fail the backfill with Shopify's message; a new one may start", async () => {
    shopify.runQueryUserErrors.push([{ field: ["query"], message: "Invalid bulk query: Field 'foo' doesn't exist on type 'Product'" }]);
    const result = await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "admin", backfillId: `bf-${kind}-ue-${n}` });
    expect(result).toMatchObject({ ok: false, reason: "shopify" });
    if (!result.ok) expect(result.error).toBe("Shopify refused the products export: query: Invalid bulk query: Field 'foo' doesn't exist on type 'Product'");
    expect((await runs()).map((r) => [r.id.split(":")[1], r.status, r.error])).toEqual([
      ["customers", "failed", "not started: the products import failed"],
      ["orders", "failed", "not started: the products import failed"],
      ["products", "failed", "Shopify refused the products export: query: Invalid bulk query: Field 'foo' doesn't exist on type 'Product'"],
    ]);
    expect((await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "admin" })).ok).toBe(true);
  });

  it("Shopify's one-bulk-query-at-a-time rule (another app feature's export running) fails the run with that message", async () => {
    await startBackfill(t.db, shopify.adminGraphql(), { shopId: `elsewhere-${shopId}`, requestedBy: "admin" });
    const result = await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "admin" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/A bulk query operation for this app and shop is already in progress/);
  });

  it("GraphQL errors (throttled, access denied) and network failures fail the run with the reason", async () => {
    shopify.graphqlErrors.push([{ message: "Access denied for bulkOperationRunQuery field." }]);
    const denied = await startBackfill(t.db, shopify.adminGraphql(), { shopId, requestedBy: "admin" });
    expect(denied.ok || denied.error).toBe("Shopify refused the products export: Access denied for bulkOperationRunQuery field.");

    const offline = await startBackfill(t.db, async () => Promise.reject(new Error("getaddrinfo ENOTFOUND shop.myshopify.com")), { shopId, requestedBy: "admin" });
    expect(offline.ok || offline.error).toBe("Shopify refused the products export: could not reach Shopify: getaddrinfo ENOTFOUND shop.myshopify.com");
    expect(await t.db.backfillRun.count({ where: { shopId, status: { not: "failed" } } })).toBe(0);
  });

  it("works through the production adapter around admin.graphql (a Response)", async () => {
    const admin = adminGraphqlFrom(shopify.adminClient());
    expect((await startBackfill(t.db, admin, { shopId, requestedBy: "admin" })).ok).toBe(true);
    expect(await pollBackfill(t.db, admin, { shopId })).toMatchObject({ state: "waiting" });
  });

  it("the production adapter hands back the body of a GraphqlQueryError instead of throwing", async () => {
    const failing = { graphql: async () => Promise.reject(Object.assign(new Error("GraphQL Client: Throttled"), { body: { errors: [{ message: "Throttled" }] } })) };
    const result = await startBackfill(t.db, adminGraphqlFrom(failing), { shopId, requestedBy: "admin" });
    expect(result.ok || result.error).toBe("Shopify refused the products export: Throttled");
  });

  describe("after authentication (afterAuth)", () => {
    it("a first install starts a backfill", async () => {
      const result = await backfillAfterAuth(t.db, shopify.adminGraphql(), { shopId, wasInstalled: false });
      expect(result).toMatchObject({ ok: true, backfillId: expect.any(String) });
      expect(await t.db.backfillRun.findMany({ where: { shopId }, select: { requestedBy: true } })).toEqual([
        { requestedBy: "install" },
        { requestedBy: "install" },
        { requestedBy: "install" },
      ]);
    });

    it("re-authenticating an installed shop that has a backfill starts nothing", async () => {
      await backfillAfterAuth(t.db, shopify.adminGraphql(), { shopId, wasInstalled: false });
      shopify.operations.clear();
      const again = await backfillAfterAuth(t.db, shopify.adminGraphql(), { shopId, wasInstalled: true });
      expect(again).toMatchObject({ ok: true, skipped: expect.any(String) });
      expect(shopify.operations.size).toBe(0);
    });

    it("a reinstall replaces a backfill the uninstall left unfinished", async () => {
      await backfillAfterAuth(t.db, shopify.adminGraphql(), { shopId, wasInstalled: false });
      shopify.operations.clear(); // the old export is gone with the uninstall
      const again = await backfillAfterAuth(t.db, shopify.adminGraphql(), { shopId, wasInstalled: false });
      expect(again).toMatchObject({ ok: true, backfillId: expect.any(String) });
      const rows = await t.db.backfillRun.findMany({ where: { shopId } });
      expect(rows.filter((r) => r.status === "failed").map((r) => r.error)).toEqual(Array(3).fill("superseded: the app was reinstalled and a new import started"));
      expect(rows.filter((r) => r.status !== "failed")).toHaveLength(3);
    });

    it("an installed shop that never had one (installed before backfills existed) gets one", async () => {
      expect(await backfillAfterAuth(t.db, shopify.adminGraphql(), { shopId, wasInstalled: true })).toMatchObject({ ok: true, backfillId: expect.any(String) });
    });
  });
});
