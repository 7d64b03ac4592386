import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { loadDemoStore } from "~/demo/loadDemoStore.server";
import { rocAuc } from "~/domain/models/intent/crossValidation";
import { DEFAULT_INTENT_SETTINGS } from "~/domain/models/intent/intentDimensions";
import { customerIntent, ensureShopIntentModel, fitShopIntentModel, INTENT_KIND, INTENT_REFIT_AFTER_DAYS, loadShopIntentModel } from "~/services/models/intent.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { installShop } from "./support/inboxScenario";

const NOW = new Date("2026-11-25T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const DAY_MINUTES = 24 * 60;

describe.each(DATABASE_KINDS)("intent per session and customer on %s", (kind) => {
  let t: TestDatabase;
  let demoShop: string;
  const small = "intent-small.myshopify.com";
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const demo = generateDemoStore({ seed: 11, customers: 150, now: NOW, anonymousVisitors: 150 });
    demoShop = demo.shop.myshopifyDomain;
    await loadDemoStore(t.db, demo, { now: NOW, scope: "read_orders" });
    await installShop(t.db, small);
  }, 120_000);
  afterAll(() => t?.drop());

  it("learns from the demo store's own sessions and caches the model per shop", async () => {
    const result = await fitShopIntentModel(t.db, demoShop, NOW, DEFAULT_INTENT_SETTINGS, 7, 365);
    if (!result.ok) throw new Error(`no model: ${result.reason}`);
    expect(result.model.trainedOn).toMatchObject({ seed: 7 });
    expect(result.model.trainedOn.sessions).toBeGreaterThan(400);
    expect(result.model.trainedOn.conversions).toBeGreaterThan(40);
    const row = await t.db.modelFit.findUniqueOrThrow({ where: { shopId_kind: { shopId: demoShop, kind: INTENT_KIND } } });
    expect(row).toMatchObject({ ordersSeen: result.model.trainedOn.conversions, fittedAt: NOW });
    expect(await loadShopIntentModel(t.db, demoShop)).toEqual(result.model);
    expect(await loadShopIntentModel(t.db, small)).toBeNull();
    // The same data and seed give the same model.
    const again = await fitShopIntentModel(t.db, demoShop, NOW, DEFAULT_INTENT_SETTINGS, 7, 365);
    expect(again.ok && JSON.stringify(again.model)).toBe(JSON.stringify(result.model));
  });

  it("the nightly step trains a missing or week-old model and keeps a fresh one", async () => {
    const shop = demoShop;
    await t.db.modelFit.deleteMany({ where: { shopId: shop, kind: INTENT_KIND } });
    expect(await ensureShopIntentModel(t.db, shop, NOW, DEFAULT_INTENT_SETTINGS)).toBe("refitted");
    const later = new Date(NOW.getTime() + 86_400_000);
    expect(await ensureShopIntentModel(t.db, shop, later, DEFAULT_INTENT_SETTINGS)).toBe("cached");
    expect((await t.db.modelFit.findUniqueOrThrow({ where: { shopId_kind: { shopId: shop, kind: INTENT_KIND } } })).fittedAt).toEqual(NOW);
    const stale = new Date(NOW.getTime() + INTENT_REFIT_AFTER_DAYS * 86_400_000);
    expect(await ensureShopIntentModel(t.db, shop, stale, DEFAULT_INTENT_SETTINGS)).toBe("refitted");
    expect((await t.db.modelFit.findUniqueOrThrow({ where: { shopId_kind: { shopId: shop, kind: INTENT_KIND } } })).fittedAt).toEqual(stale);
    // A cached row that no longer parses is retrained too; a shop without browsing reports it.
    await t.db.modelFit.update({ where: { shopId_kind: { shopId: shop, kind: INTENT_KIND } }, data: { parameters: "{not json" } });
    expect(await ensureShopIntentModel(t.db, shop, stale, DEFAULT_INTENT_SETTINGS)).toBe("refitted");
    expect(await ensureShopIntentModel(t.db, small, NOW, DEFAULT_INTENT_SETTINGS)).toBe("too-little-data");
  });

  it("scores the demo's customers: sessions that bought scored above those that did not", async () => {
    await fitShopIntentModel(t.db, demoShop, NOW, DEFAULT_INTENT_SETTINGS, 7, 365);
    const buyers = await t.db.browseEvent.findMany({ where: { shopId: demoShop, customerId: { not: null } }, distinct: ["customerId"], select: { customerId: true }, take: 60 });
    const scores: number[] = [];
    const converted: boolean[] = [];
    for (const { customerId } of buyers) {
      const intent = await customerIntent(t.db, demoShop, customerId as string, NOW, DEFAULT_INTENT_SETTINGS, 365);
      for (const session of intent.sessions) {
        expect(session.intent.basis).toBe("blended");
        scores.push(session.intent.score);
        converted.push(session.converted);
      }
    }
    expect(converted.filter(Boolean).length).toBeGreaterThan(5);
    expect(rocAuc(scores, converted)).toBeGreaterThan(0.75);
  });

  it("follows a customer across linked browsers, leaves strangers out, and scores the latest session as current", async () => {
    await t.db.pixelClient.create({ data: { shopId: small, clientId: "ana-phone", customerId: "ana", firstSeenAt: minutesAgo(5 * DAY_MINUTES), lastSeenAt: minutesAgo(10), linkedAt: minutesAgo(10) } });
    const event = (clientId: string, customerId: string | null, minutes: number, name: string, utm: { utmSource?: string; utmMedium?: string } = {}) => ({
      shopId: small, id: `${clientId}-${minutes}-${name}`, clientId, customerId, name, occurredAt: minutesAgo(minutes), url: `https://shop.example/p/${minutes}`, productId: name === "product_viewed" ? "p1" : null, ...utm,
    });
    await t.db.browseEvent.createMany({
      data: [
        event("ana-phone", null, 3 * DAY_MINUTES, "page_viewed"),
        event("ana-laptop", "ana", 2 * DAY_MINUTES, "page_viewed"),
        event("ana-phone", null, 20, "page_viewed", { utmSource: "newsletter", utmMedium: "email" }),
        event("ana-phone", null, 18, "product_viewed"),
        event("ana-phone", null, 15, "product_added_to_cart"),
        event("stranger", null, 10, "page_viewed"),
        event("ana-phone", null, -60, "page_viewed"),
      ],
    });
    const intent = await customerIntent(t.db, small, "ana", NOW, DEFAULT_INTENT_SETTINGS);
    expect(intent.sessions.map((s) => s.clientId)).toEqual(["ana-phone", "ana-laptop", "ana-phone"]);
    expect(intent.current?.signals).toEqual({ pageViews: 1, sessionDepth: 3, productViews: 1, addToCarts: 1, returnVisits: 2, daysSinceLastVisit: 2, trafficSource: "email" });
    expect(intent.current?.intent).toMatchObject({ basis: "weighted", learnedSkipped: "no-model" });
    expect(intent.current?.intent.contributions[0]?.dimension).toBe("addToCarts");
    expect(await customerIntent(t.db, small, "nobody", NOW, DEFAULT_INTENT_SETTINGS)).toEqual({ customerId: "nobody", current: null, sessions: [] });
  });

  it("declines to train on too little data and keeps nothing; a stored model that no longer parses is ignored", async () => {
    expect(await fitShopIntentModel(t.db, small, NOW, DEFAULT_INTENT_SETTINGS, 1)).toMatchObject({ ok: false, reason: "too-few-sessions" });
    expect(await t.db.modelFit.count({ where: { shopId: small } })).toBe(0);
    await t.db.modelFit.create({ data: { shopId: small, kind: INTENT_KIND, parameters: '{"kind":"something-else"}', customers: 1, ordersSeen: 1, fittedAt: NOW } });
    expect(await loadShopIntentModel(t.db, small)).toBeNull();
  });
});
