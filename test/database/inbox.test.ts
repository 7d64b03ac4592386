import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordInboxEvent, type InboxEventInput } from "~/services/recordInboxEvent.server";
import { recordUninstall, uninstallShop } from "~/services/recordInstall.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";

const SHOP = "inbox-a.myshopify.com";
const OTHER_SHOP = "inbox-b.myshopify.com";

function delivery(overrides: Partial<InboxEventInput> = {}): InboxEventInput {
  return {
    shopId: SHOP,
    source: "webhook",
    deliveryId: randomUUID(),
    topic: "orders/create",
    eventId: randomUUID(),
    triggeredAt: new Date("2026-05-04T03:02:01.234Z"),
    // An id above 2^53 and non-ASCII text: kept byte for byte, never parsed and re-serialised.
    payload: '{"id":9007199254740993,"note":"café ☕","total_price":"10.00"}',
    ...overrides,
  };
}

describe.each(DATABASE_KINDS)("recordInboxEvent on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("records a first delivery as pending, with the raw payload exactly as received", async () => {
    const input = delivery();
    const outcome = await recordInboxEvent(t.db, input);
    expect(outcome).toEqual({ status: "recorded", id: expect.any(Number) });
    const row = await t.db.inboxEvent.findFirstOrThrow({ where: { shopId: SHOP, deliveryId: input.deliveryId } });
    expect(row).toMatchObject({ source: "webhook", topic: "orders/create", eventId: input.eventId, payload: input.payload, status: "pending", attempts: 0, error: null });
    expect(row.triggeredAt?.toISOString()).toBe("2026-05-04T03:02:01.234Z");
    if (outcome.status === "recorded") expect(row.id).toBe(outcome.id);
  });

  it("a second delivery with the same webhook id is a no-op reported as a duplicate", async () => {
    const first = delivery();
    expect((await recordInboxEvent(t.db, first)).status).toBe("recorded");
    const again = await recordInboxEvent(t.db, { ...first, eventId: randomUUID(), payload: '{"changed":true}', triggeredAt: new Date() });
    expect(again).toEqual({ status: "duplicate" });
    const rows = await t.db.inboxEvent.findMany({ where: { deliveryId: first.deliveryId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toBe(first.payload);
    expect(rows[0]?.eventId).toBe(first.eventId);
  });

  it("concurrent deliveries of the same id record exactly one row", async () => {
    const input = delivery();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => recordInboxEvent(t.db, input)));
    expect(outcomes.filter((o) => o.status === "recorded")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "duplicate")).toHaveLength(7);
    expect(await t.db.inboxEvent.count({ where: { deliveryId: input.deliveryId } })).toBe(1);
  });

  it("the same delivery id in another shop or from another source is a different event", async () => {
    const input = delivery();
    expect((await recordInboxEvent(t.db, input)).status).toBe("recorded");
    expect((await recordInboxEvent(t.db, { ...input, shopId: OTHER_SHOP })).status).toBe("recorded");
    expect((await recordInboxEvent(t.db, { ...input, source: "pixel" })).status).toBe("recorded");
    expect(await t.db.inboxEvent.count({ where: { deliveryId: input.deliveryId } })).toBe(3);
    expect(await t.db.inboxEvent.count({ where: { deliveryId: input.deliveryId, shopId: OTHER_SHOP } })).toBe(1);
  });

  it("keeps a delivery marked invalid with its reason", async () => {
    const input = delivery({ payload: "{not json", status: "invalid", error: "body is not valid JSON" });
    expect((await recordInboxEvent(t.db, input)).status).toBe("recorded");
    const row = await t.db.inboxEvent.findFirstOrThrow({ where: { deliveryId: input.deliveryId } });
    expect(row).toMatchObject({ status: "invalid", error: "body is not valid JSON", payload: "{not json" });
  });

  describe("with an effect (app/uninstalled)", () => {
    async function seedInstalledShop(shopId: string): Promise<void> {
      await t.db.shop.create({ data: { id: shopId, status: "installed" } });
      await t.db.session.create({ data: { id: `offline_${shopId}`, shop: shopId, state: "s", accessToken: "shpat_x" } });
    }

    it("runs the effect with the first delivery only", async () => {
      const shopId = "inbox-effect.myshopify.com";
      await seedInstalledShop(shopId);
      const input = delivery({ shopId, topic: "app/uninstalled" });
      const uninstall = (tx: Parameters<typeof uninstallShop>[0]) => uninstallShop(tx, { shopId, now: new Date("2026-06-01T00:00:00Z") });
      expect((await recordInboxEvent(t.db, input, uninstall)).status).toBe("recorded");
      const shop = await t.db.shop.findUniqueOrThrow({ where: { id: shopId } });
      expect(shop.status).toBe("uninstalled");
      expect(shop.uninstalledAt?.toISOString()).toBe("2026-06-01T00:00:00.000Z");
      expect(await t.db.session.count({ where: { shop: shopId } })).toBe(0);

      // Reinstalled in between: a late duplicate of the old delivery must not uninstall it again.
      await t.db.shop.update({ where: { id: shopId }, data: { status: "installed", uninstalledAt: null } });
      expect(await recordInboxEvent(t.db, input, uninstall)).toEqual({ status: "duplicate" });
      expect((await t.db.shop.findUniqueOrThrow({ where: { id: shopId } })).status).toBe("installed");
    });

    it("a failing effect keeps no inbox row, so the retry is recorded and applied", async () => {
      const shopId = "inbox-retry.myshopify.com";
      await seedInstalledShop(shopId);
      const input = delivery({ shopId, topic: "app/uninstalled" });
      await expect(
        recordInboxEvent(t.db, input, async (tx) => {
          await uninstallShop(tx, { shopId });
          throw new Error("connection lost half-way");
        }),
      ).rejects.toThrow("connection lost half-way");
      expect(await t.db.inboxEvent.count({ where: { deliveryId: input.deliveryId } })).toBe(0);
      expect((await t.db.shop.findUniqueOrThrow({ where: { id: shopId } })).status).toBe("installed");
      expect(await t.db.session.count({ where: { shop: shopId } })).toBe(1);

      expect((await recordInboxEvent(t.db, input, (tx) => uninstallShop(tx, { shopId }))).status).toBe("recorded");
      expect((await t.db.shop.findUniqueOrThrow({ where: { id: shopId } })).status).toBe("uninstalled");
      expect(await t.db.session.count({ where: { shop: shopId } })).toBe(0);
    });

    it("a unique violation raised by the effect is an error, not a duplicate", async () => {
      const input = delivery();
      await t.db.shop.create({ data: { id: "inbox-taken.myshopify.com" } });
      await expect(
        recordInboxEvent(t.db, input, async (tx) => {
          await tx.shop.create({ data: { id: "inbox-taken.myshopify.com" } });
        }),
      ).rejects.toMatchObject({ code: "P2002" });
      expect(await t.db.inboxEvent.count({ where: { deliveryId: input.deliveryId } })).toBe(0);
    });

    it("recordUninstall on its own is idempotent and leaves other shops alone", async () => {
      const shopId = "inbox-plain.myshopify.com";
      await seedInstalledShop(shopId);
      await seedInstalledShop("inbox-bystander.myshopify.com");
      await recordUninstall(t.db, { shopId, now: new Date("2026-07-01T00:00:00Z") });
      await recordUninstall(t.db, { shopId, now: new Date("2026-08-01T00:00:00Z") });
      const shop = await t.db.shop.findUniqueOrThrow({ where: { id: shopId } });
      expect(shop.uninstalledAt?.toISOString()).toBe("2026-07-01T00:00:00.000Z");
      expect((await t.db.shop.findUniqueOrThrow({ where: { id: "inbox-bystander.myshopify.com" } })).status).toBe("installed");
      expect(await t.db.session.count({ where: { shop: "inbox-bystander.myshopify.com" } })).toBe(1);
    });
  });
});
