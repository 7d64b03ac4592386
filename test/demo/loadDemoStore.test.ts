import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { summarise } from "~/demo/generator/summary";
import { loadDemoStore, type DemoLoadCounts } from "~/demo/loadDemoStore.server";
import { getStoreOverview } from "~/services/storeOverview.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";

const now = new Date("2026-11-25T12:00:00Z");
const demo = generateDemoStore({ seed: 7, customers: 60, now, anonymousVisitors: 20 });
const shopId = demo.shop.myshopifyDomain;

describe.each(DATABASE_KINDS)("loading the demo store into %s", (kind) => {
  let database: TestDatabase;
  let counts: DemoLoadCounts;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    counts = await loadDemoStore(database.db, demo, { now, scope: "read_orders" });
  }, 60_000);
  afterAll(() => database?.drop());

  it("loads every generated record, counted the same way the generator summarises them", async () => {
    const summary = summarise(demo.customers());
    expect(counts.customers).toBe(60);
    expect(counts.orders).toBe(summary.orders);
    expect(counts.products).toBe(demo.catalog.products.length);
    expect(counts.checkouts).toBe(summary.checkouts.completed + summary.checkouts.abandoned);
    const { db } = database;
    expect(await db.customer.count({ where: { shopId } })).toBe(counts.customers);
    expect(await db.order.count({ where: { shopId } })).toBe(counts.orders);
    expect(await db.orderLineItem.count({ where: { shopId } })).toBe(counts.lineItems);
    expect(await db.browseEvent.count({ where: { shopId } })).toBe(counts.browseEvents);
    expect(await db.cart.count({ where: { shopId } })).toBe(counts.carts);
  });

  it("keeps money exact in minor units and timestamps in UTC", async () => {
    const json = demo.customer(0).orders[0] ?? [...demo.customers()].flatMap((c) => c.orders)[0];
    if (!json) throw new Error("the demo store has no orders");
    const row = await database.db.order.findUniqueOrThrow({ where: { shopId_id: { shopId, id: String(json.id) } } });
    expect(row.totalMinor).toBe(Math.round(Number(json.total_price) * 100));
    expect(row.processedAt.toISOString()).toBe(new Date(json.processed_at).toISOString());
    expect(row.currencyCode).toBe("USD");
  });

  it("stores each customer's consent state from its own topic", async () => {
    for (const history of [demo.customer(0), demo.customer(1), demo.customer(2)]) {
      const row = await database.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId, id: String(history.customer.id) } } });
      expect(row.emailMarketingState).toBe(history.consent.email_marketing_consent.state.toUpperCase());
      expect(["SUBSCRIBED", "NOT_SUBSCRIBED", "UNSUBSCRIBED", "PENDING"]).toContain(row.emailMarketingState);
    }
  });

  it("records each customer's loyalty points as the generator's ledger earned and spent them", async () => {
    for (const history of demo.customers()) {
      const entries = await database.db.loyaltyEntry.findMany({ where: { shopId, customerId: String(history.customer.id) } });
      const earned = entries.filter((e) => e.kind === "earn").reduce((sum, e) => sum + e.points, 0);
      const redeemed = entries.filter((e) => e.kind === "redeem").reduce((sum, e) => sum - e.points, 0);
      expect({ earned, redeemed }).toEqual({ earned: history.truth.loyaltyPointsEarned, redeemed: history.truth.loyaltyPointsRedeemed });
    }
  });

  it("links carts to customers through checkouts and marks abandoned checkouts", async () => {
    const linked = await database.db.cart.count({ where: { shopId, customerId: { not: null } } });
    const abandoned = await database.db.checkout.count({ where: { shopId, completedAt: null, abandonedAt: { not: null } } });
    expect(linked).toBeGreaterThan(0);
    expect(abandoned).toBeGreaterThan(0);
  });

  it("is idempotent: loading again replaces the shop's data instead of adding to it", async () => {
    const again = await loadDemoStore(database.db, demo, { now, scope: "read_orders" });
    expect(again).toEqual(counts);
    const overview = await getStoreOverview(database.db, shopId);
    expect(overview.customers.total).toBe(60);
    expect(overview.orders.total).toBe(counts.orders);
    expect(await database.db.session.count({ where: { shop: shopId } })).toBe(1);
  });
});
