import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { loadDemoStore } from "~/demo/loadDemoStore.server";
import { listCustomers } from "~/services/profiles/customerList.server";
import { getCustomerProfile } from "~/services/profiles/customerProfile.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";

const NOW = new Date("2026-11-25T12:00:00Z");
const OTHER = "elsewhere.myshopify.com";

describe.each(DATABASE_KINDS)("customer profiles on %s", (kind) => {
  let t: TestDatabase;
  let shopId: string;
  let buyer: { id: string; email: string | null; firstName: string | null; lastName: string | null };
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const demo = generateDemoStore({ seed: 5, customers: 60, now: NOW, anonymousVisitors: 20 });
    shopId = demo.shop.myshopifyDomain;
    await loadDemoStore(t.db, demo, { now: NOW, scope: "read_orders" });
    const [top] = await t.db.order.groupBy({ by: ["customerId"], where: { shopId, cancelledAt: null }, _count: { _all: true }, orderBy: { _count: { customerId: "desc" } }, take: 1 });
    buyer = await t.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId, id: top!.customerId! } } });
    // The same customer id in another shop, with a different name: must never leak across.
    await t.db.shop.create({ data: { id: OTHER, name: "Elsewhere" } });
    await t.db.customer.create({ data: { shopId: OTHER, id: buyer.id, email: "someone-else@example.org", firstName: "Other" } });
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  it("derives the profile from the shop's rows: orders, categories, loyalty and traffic agree with the tables", async () => {
    const profile = await getCustomerProfile(t.db, shopId, buyer.id, NOW);
    expect(profile).not.toBeNull();
    const p = profile!;
    expect(p.identity).toMatchObject({ id: buyer.id, email: buyer.email, firstName: buyer.firstName });
    const orders = await t.db.order.findMany({ where: { shopId, customerId: buyer.id } });
    const live = orders.filter((o) => !o.cancelledAt);
    expect(p.orders.count).toBe(live.length);
    expect(p.orders.list).toHaveLength(orders.length);
    expect(p.orders.spentMinor).toBe(live.reduce((sum, o) => sum + o.totalMinor, 0));
    const items = await t.db.orderLineItem.findMany({ where: { shopId, orderId: { in: live.map((o) => o.id) } } });
    expect(p.categories.reduce((sum, c) => sum + c.quantity, 0)).toBe(items.reduce((sum, i) => sum + i.quantity, 0));
    const repeat = p.categories.find((c) => c.intervalsDays.length > 0);
    expect(repeat?.runOutAt).not.toBeNull();
    const ledger = await t.db.loyaltyEntry.aggregate({ where: { shopId, customerId: buyer.id, points: { gt: 0 } }, _sum: { points: true } });
    expect(p.loyalty.earned).toBe(ledger._sum.points ?? 0);
    expect(p.loyalty.balance).toBeGreaterThanOrEqual(0);
    expect(p.traffic.sources.reduce((sum, s) => sum + s.orders, 0)).toBe(orders.length);
  });

  it("counts anonymous browsing of a browser once it is linked to the customer", async () => {
    const before = (await getCustomerProfile(t.db, shopId, buyer.id, NOW))!.browsing;
    const anonymous = await t.db.browseEvent.findFirstOrThrow({ where: { shopId, customerId: null } });
    const events = await t.db.browseEvent.count({ where: { shopId, clientId: anonymous.clientId } });
    await t.db.pixelClient.create({ data: { shopId, clientId: anonymous.clientId, customerId: buyer.id, firstSeenAt: NOW, lastSeenAt: NOW, linkedAt: NOW } });
    const after = (await getCustomerProfile(t.db, shopId, buyer.id, NOW))!.browsing;
    expect(after.clients).toBe(before.clients + 1);
    expect(after.sessions).toBeGreaterThan(before.sessions);
    expect(after.linkedClients.map((c) => c.clientId)).toContain(anonymous.clientId);
    expect(events).toBeGreaterThan(0);
  });

  it("is scoped by shop: the same id elsewhere is someone else, an unknown id is nothing", async () => {
    expect((await getCustomerProfile(t.db, OTHER, buyer.id, NOW))?.identity).toMatchObject({ firstName: "Other", email: "someone-else@example.org" });
    expect((await getCustomerProfile(t.db, OTHER, buyer.id, NOW))?.orders.count).toBe(0);
    expect(await getCustomerProfile(t.db, shopId, "999999999", NOW)).toBeNull();
  });

  it("lists customers a page at a time, searchable by email, name or id, within the shop", async () => {
    const first = await listCustomers(t.db, shopId, { pageSize: 25 });
    expect(first).toMatchObject({ total: 60, page: 1, pageCount: 3 });
    expect(first.rows).toHaveLength(25);
    const last = await listCustomers(t.db, shopId, { pageSize: 25, page: 99 });
    expect(last.page).toBe(3);
    expect(last.rows).toHaveLength(10);
    expect(new Set([...first.rows, ...last.rows].map((r) => r.id)).size).toBe(35);

    const byEmail = await listCustomers(t.db, shopId, { search: buyer.email!.toUpperCase() });
    expect(byEmail.rows.map((r) => r.id)).toContain(buyer.id);
    const byName = await listCustomers(t.db, shopId, { search: `${buyer.firstName} ${buyer.lastName}`.toLowerCase() });
    expect(byName.rows.map((r) => r.id)).toContain(buyer.id);
    const byId = await listCustomers(t.db, shopId, { search: `gid://shopify/Customer/${buyer.id}` });
    expect(byId.rows.map((r) => r.id)).toEqual([buyer.id]);
    expect(byId.rows[0]?.orders).toBeGreaterThan(1);
    expect((await listCustomers(t.db, OTHER, { search: buyer.email! })).total).toBe(0);
  });
});
