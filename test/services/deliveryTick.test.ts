import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalSmtpServer, type LocalSmtpServer } from "~/demo/localSmtpServer";
import { generateDemoStore } from "~/demo/generator";
import { loadDemoStore } from "~/demo/loadDemoStore.server";
import { AutonomySettings } from "~/domain/governance/autonomy";
import { DEFAULT_SHOP_SETTINGS } from "~/domain/shop/shopSettings";
import { deliverDueForAllShops, deliverDueForShop, type DeliveryDeps } from "~/jobs/deliveryTick.server";
import { reviewDueMessages } from "~/services/governance/reviewMessages.server";
import { saveSmtpSettings } from "~/services/delivery/smtpSettings.server";
import { DEMO_OBJECTIVE } from "~/services/planning/demoPlanning.server";
import { createObjective } from "~/services/planning/objectives.server";
import { runPlanning } from "~/services/planning/runPlanning.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";

const NOW = new Date("2026-11-25T12:00:00Z");
const LATER = new Date(NOW.getTime() + 3 * 86_400_000);
const KEY = "ab".repeat(32);

/**
 * The worker's delivery tick over a planned and reviewed demo store: nothing without SMTP
 * settings; with them, every cleared message that is due goes out once, through real SMTP, with
 * its Flow trigger and metafields recorded (demo target); a second tick sends nothing again.
 */
describe.each(DATABASE_KINDS)("the delivery tick on %s", (kind) => {
  let t: TestDatabase;
  let smtp: LocalSmtpServer;
  let shopId: string;
  let deps: DeliveryDeps;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    smtp = await startLocalSmtpServer({ host: "127.0.0.1", port: 0 });
    const demo = generateDemoStore({ seed: 31, customers: 90, now: NOW, anonymousVisitors: 10 });
    shopId = demo.shop.myshopifyDomain;
    const settings = { ...DEFAULT_SHOP_SETTINGS, loyaltyRule: demo.options.loyaltyRule, autonomy: AutonomySettings.parse({ defaultLevel: "autonomous" }) };
    await loadDemoStore(t.db, demo, { now: NOW, scope: "read_orders", settings });
    await createObjective(t.db, shopId, { ...DEMO_OBJECTIVE, agentsAllowed: [...DEMO_OBJECTIVE.agentsAllowed] });
    await runPlanning(t.db, shopId, { now: NOW, trigger: "schedule" });
    await reviewDueMessages(t.db, shopId, NOW, { horizonHours: 24 * 60, chat: null });
    deps = { appUrl: "https://marketing-app.example.test", secret: "delivery-tick-secret-0123456789", encryptionKey: KEY, adminFor: async () => ({ mode: "demo" }), lookupAccepted: async (id) => smtp.hasMessageId(id) };
  }, 180_000);
  afterAll(async () => {
    await smtp?.close();
    await t?.drop();
  });

  it("sends nothing, and says why, while the shop has no SMTP settings", async () => {
    const report = await deliverDueForShop(t.db, shopId, LATER, deps);
    expect(report.email).toBeNull();
    expect(report.note).toMatch(/no SMTP settings/);
    expect(smtp.received).toHaveLength(0);
    expect(await t.db.message.count({ where: { shopId, status: "sent" } })).toBe(0);
  });

  it("emails every cleared message that is due, once, with its Flow trigger and metafields", async () => {
    const fields = { host: smtp.host, port: String(smtp.port), security: "starttls", user: "", password: "", fromName: "Demo", fromAddress: "hello@demo.example", forgetPassword: "" };
    expect((await saveSmtpSettings(t.db, shopId, fields, KEY)).ok).toBe(true);
    const due = await t.db.message.count({ where: { shopId, status: "ready", sendAt: { lte: LATER } } });
    expect(due).toBeGreaterThan(0);

    const [report] = await deliverDueForAllShops(t.db, LATER, deps);
    expect(report?.email).toMatchObject({ sent: due, failed: 0 });
    await smtp.waitForCount(due);
    expect(smtp.received).toHaveLength(due);
    expect(await t.db.message.count({ where: { shopId, status: "sent" } })).toBe(due);
    expect(await t.db.delivery.count({ where: { shopId, channel: "flow" } })).toBe(due);
    expect(await t.db.delivery.count({ where: { shopId, channel: "metafields" } })).toBe(due);
    expect(report?.flowAndMetafields).toBe(due);

    // Nothing is sent twice: the next tick finds nothing due and records nothing new.
    const again = await deliverDueForShop(t.db, shopId, LATER, deps);
    expect(again.email).toMatchObject({ sent: 0 });
    expect(again.flowAndMetafields).toBe(0);
    expect(smtp.received).toHaveLength(due);
  });
});
