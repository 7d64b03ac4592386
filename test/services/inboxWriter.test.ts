import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboxWriter } from "~/services/inboxWriter.server";
import type { InboxEventInput } from "~/services/recordInboxEvent.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";

const event = (shopId: string, deliveryId: string, payload = "{}"): InboxEventInput => ({
  shopId,
  source: "webhook",
  deliveryId,
  topic: "orders/create",
  eventId: `e-${deliveryId}`,
  triggeredAt: new Date("2026-11-25T10:00:00Z"),
  payload,
});

describe.each(DATABASE_KINDS)("group-committed inbox writes on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());

  it("stores concurrent deliveries, each once, and reports repeats as duplicates", async () => {
    const writer = inboxWriter(t.db);
    const deliveries = Array.from({ length: 300 }, (_, i) => event("a.myshopify.com", `d${i % 200}`, `{"n":${i}}`));
    const outcomes = await Promise.all(deliveries.map((delivery) => writer.record(delivery)));
    expect(outcomes.filter((o) => o.status === "recorded")).toHaveLength(200);
    expect(outcomes.filter((o) => o.status === "duplicate")).toHaveLength(100);
    // The first delivery of each id is the one kept.
    const rows = await t.db.inboxEvent.findMany({ where: { shopId: "a.myshopify.com" }, orderBy: { deliveryId: "asc" } });
    expect(rows).toHaveLength(200);
    expect(rows.find((row) => row.deliveryId === "d7")?.payload).toBe('{"n":7}');
    const ids = outcomes.flatMap((o) => (o.status === "recorded" ? [o.id] : []));
    expect(new Set(ids).size).toBe(200);
    expect(await writer.record(event("a.myshopify.com", "d7"))).toEqual({ status: "duplicate" });
  });

  it("keeps the same delivery id apart per shop, and stores times as Prisma reads them", async () => {
    const writer = inboxWriter(t.db);
    const [first, second] = await Promise.all([writer.record(event("b.myshopify.com", "same")), writer.record(event("c.myshopify.com", "same"))]);
    expect([first?.status, second?.status]).toEqual(["recorded", "recorded"]);
    const row = await t.db.inboxEvent.findFirstOrThrow({ where: { shopId: "b.myshopify.com" } });
    expect(row.triggeredAt?.toISOString()).toBe("2026-11-25T10:00:00.000Z");
    expect(Math.abs(row.receivedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await t.db.inboxEvent.count({ where: { receivedAt: { gte: new Date(Date.now() - 60_000) }, shopId: "b.myshopify.com" } })).toBe(1);
  });
});
