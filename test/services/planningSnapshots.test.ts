import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ShopperSnapshot } from "~/domain/agents/contract";
import { generateDemoStore } from "~/demo/generator";
import { loadDemoStore } from "~/demo/loadDemoStore.server";
import { DEFAULT_BESTSELLER_SETTINGS } from "~/domain/models/bestsellers/bestsellers";
import { DEFAULT_PERSONAL_SETTINGS } from "~/domain/models/bestsellers/personalBestsellers";
import { DEFAULT_INTENT_SETTINGS } from "~/domain/models/intent/intentDimensions";
import { parseShopSettings } from "~/domain/shop/shopSettings";
import { recomputeDepletionSuggestions } from "~/services/catalog/depletionSuggestions.server";
import { recipientBestsellers, shopBestsellers } from "~/services/models/bestsellers.server";
import { scoreShopCustomers } from "~/services/models/btydModel.server";
import { customerCadences } from "~/services/models/cadence.server";
import { customerIntent } from "~/services/models/intent.server";
import { loadCatalogSnapshot } from "~/services/planning/catalogSnapshot.server";
import { loadPlanningModels } from "~/services/planning/planningModels.server";
import { PLANNING_LOOKBACK, readAllShopperRows, streamShopperSnapshots } from "~/services/planning/shopperStream.server";
import { getCustomerProfile } from "~/services/profiles/customerProfile.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";

const NOW = new Date("2026-11-25T12:00:00Z");
const OTHER = "elsewhere.myshopify.com";
const HORIZON_WEEKS = 13;

/**
 * The chunked loaders against the per-customer services that already exist: a demo store is loaded,
 * every shopper is streamed in chunks of 25, and each snapshot must say what the profile, cadence,
 * BTYD, intent and bestseller services say about the same customer at the same moment.
 */
describe.each(DATABASE_KINDS)("planning snapshots on %s", (kind) => {
  let t: TestDatabase;
  let shopId: string;
  let snapshots: ShopperSnapshot[];
  let chunks: number[];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const demo = generateDemoStore({ seed: 11, customers: 90, now: NOW, anonymousVisitors: 20 });
    shopId = demo.shop.myshopifyDomain;
    await loadDemoStore(t.db, demo, { now: NOW, scope: "read_orders" });
    await recomputeDepletionSuggestions(t.db, shopId);
    // One deleted and one redacted shopper; and another shop holding the same customer ids.
    const [deleted, redacted] = await t.db.customer.findMany({ where: { shopId }, orderBy: { id: "asc" }, take: 2, skip: 5 });
    await t.db.customer.update({ where: { shopId_id: { shopId, id: deleted!.id } }, data: { deletedAt: NOW } });
    await t.db.customer.update({ where: { shopId_id: { shopId, id: redacted!.id } }, data: { redactedAt: NOW, email: null, emailMarketingState: "REDACTED" } });
    await t.db.shop.create({ data: { id: OTHER, name: "Elsewhere" } });
    for (const customer of await t.db.customer.findMany({ where: { shopId }, take: 10 })) {
      await t.db.customer.create({ data: { shopId: OTHER, id: customer.id, email: `other-${customer.id}@example.org` } });
      await t.db.order.create({
        data: { shopId: OTHER, id: `other-${customer.id}`, name: "#1", customerId: customer.id, processedAt: NOW, shopifyCreatedAt: NOW, sourceUpdatedAt: NOW, currencyCode: "USD", totalMinor: 1, subtotalMinor: 1, discountMinor: 0 },
      });
      await t.db.loyaltyEntry.create({ data: { shopId: OTHER, id: `other-${customer.id}`, customerId: customer.id, kind: "earn", points: 99_999, occurredAt: NOW } });
    }

    const shop = await t.db.shop.findUniqueOrThrow({ where: { id: shopId } });
    const models = await loadPlanningModels(t.db, shopId, NOW, { horizonWeeks: HORIZON_WEEKS });
    snapshots = [];
    chunks = [];
    const stream = streamShopperSnapshots(t.db, shopId, { currencyCode: shop.currencyCode, ianaTimezone: shop.ianaTimezone, settings: parseShopSettings(shop.settings) }, models, NOW, { chunkSize: 25 });
    for await (const chunk of stream) {
      chunks.push(chunk.length);
      snapshots.push(...chunk);
    }
  }, 180_000);
  afterAll(() => t?.drop());

  it("streams every customer of the shop once, in id order, chunk by chunk", async () => {
    const ids = (await t.db.customer.findMany({ where: { shopId }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
    expect(snapshots.map((s) => s.customerId)).toEqual(ids);
    expect(chunks).toEqual([25, 25, 25, 15]);
    const read = await readAllShopperRows(t.db, shopId, NOW, { chunkSize: 25 });
    expect(read.customers).toBe(90);
  });

  it("suppresses deleted and redacted customers", () => {
    expect(snapshots.filter((s) => s.suppressed).map((s) => s.suppressed?.reason)).toEqual(["deleted", "redacted"]);
  });

  it("counts orders, products owned and loyalty standing as the customer profile does, with nothing from the other shop", async () => {
    const shop = await t.db.shop.findUniqueOrThrow({ where: { id: shopId } });
    const rule = parseShopSettings(shop.settings).loyaltyRule;
    for (const snapshot of snapshots.slice(0, 40)) {
      const profile = (await getCustomerProfile(t.db, shopId, snapshot.customerId, NOW))!;
      expect(snapshot.orders.count).toBe(profile.orders.count);
      expect(snapshot.orders.lastAt).toEqual(profile.orders.lastAt);
      const owned = new Set(profile.orders.list.filter((o) => !o.cancelledAt).flatMap((o) => o.lineItems.flatMap((l) => (l.productId ? [l.productId] : []))));
      expect(snapshot.orders.ownedProductIds).toEqual(owned);
      expect(snapshot.loyalty.balance).toBe(profile.loyalty.balance);
      expect(snapshot.loyalty.nextExpiry).toEqual(profile.loyalty.nextExpiry);
      const next = rule.rewardTiers.filter((tier) => tier.points > profile.loyalty.balance).sort((a, b) => a.points - b.points)[0];
      expect(snapshot.loyalty.nextTier?.points ?? null).toBe(next?.points ?? null);
      expect(snapshot.timeZone ?? shop.ianaTimezone).toBe(profile.zone.timeZone);
    }
  }, 120_000);

  it("times each category with the same cadence estimate as customerCadences", async () => {
    let estimates = 0;
    for (const snapshot of snapshots.slice(0, 40)) {
      const expected = await customerCadences(t.db, shopId, snapshot.customerId, NOW);
      expect(snapshot.categories.map((c) => c.categoryPath)).toEqual(expected.map((c) => c.categoryPath));
      snapshot.categories.forEach((category, i) => expect(category.cadence).toEqual(expected[i]!.cadence));
      estimates += snapshot.categories.filter((c) => c.cadence.kind === "estimate").length;
      for (const category of snapshot.categories) {
        expect(category.purchasedAt.length).toBeGreaterThan(0);
        expect(category.lastQuantity).toBeGreaterThan(0);
      }
    }
    expect(estimates).toBeGreaterThan(5);
  }, 120_000);

  it("scores lifetime value and P(alive) as scoreShopCustomers does", async () => {
    const scores = await scoreShopCustomers(t.db, shopId, NOW, { horizonWeeks: HORIZON_WEEKS, annualDiscountRate: 0.1 });
    if (!scores.ok) throw new Error(scores.error);
    const byId = new Map(scores.scores.map((s) => [s.customerId, s]));
    const buyers = snapshots.filter((s) => s.orders.count > 0);
    expect(buyers.length).toBeGreaterThan(30);
    for (const snapshot of buyers) {
      const score = byId.get(snapshot.customerId)!;
      expect(snapshot.pAlive).toBeCloseTo(score.probabilityAlive, 4);
      expect(snapshot.pclvMinor).toBe(score.pclv === null ? null : Math.round(score.pclv));
    }
    expect(snapshots.filter((s) => s.orders.count === 0).every((s) => s.pclvMinor === null && s.pAlive === null)).toBe(true);
  });

  it("scores the latest browsing session as customerIntent does over the same lookback", async () => {
    const browsers = snapshots.filter((s) => s.intent !== null);
    expect(browsers.length).toBeGreaterThan(5);
    for (const snapshot of browsers) {
      const intent = await customerIntent(t.db, shopId, snapshot.customerId, NOW, DEFAULT_INTENT_SETTINGS, PLANNING_LOOKBACK.browseDays);
      expect(snapshot.intent).toEqual(intent.current?.intent);
    }
  });

  it("ranks bestsellers as the bestseller service does, and personalises them the same way for buyers", async () => {
    const shopRanking = await shopBestsellers(t.db, shopId, NOW, DEFAULT_BESTSELLER_SETTINGS);
    const models = await loadPlanningModels(t.db, shopId, NOW, { horizonWeeks: HORIZON_WEEKS });
    expect(models.bestsellers.ranking).toEqual(shopRanking.ranking);
    const byPurchases = snapshots.filter((s) => s.bestsellers?.basis === "purchases").slice(0, 10);
    expect(byPurchases.length).toBeGreaterThan(3);
    for (const snapshot of byPurchases) {
      const expected = await recipientBestsellers(t.db, shopId, snapshot.customerId, NOW, DEFAULT_BESTSELLER_SETTINGS, DEFAULT_PERSONAL_SETTINGS);
      expect(snapshot.bestsellers).toEqual(expected);
    }
  });

  it("lists unfinished baskets of the last 30 days, abandoned after the shop's delay, with the visit's campaign", async () => {
    // A cart whose checkout completed was bought, even when no order names the cart (the profile
    // still lists such a cart as abandoned; planning must not follow it up).
    const completed = new Set((await t.db.checkout.findMany({ where: { shopId, completedAt: { not: null }, cartToken: { not: null } } })).map((c) => c.cartToken));
    expect(completed.size).toBeGreaterThan(0);
    let baskets = 0;
    for (const snapshot of snapshots) {
      const profile = (await getCustomerProfile(t.db, shopId, snapshot.customerId, NOW))!;
      const recent = profile.baskets.list.filter(
        (b) => b.state !== "completed" && !completed.has(b.token) && b.updatedAt.getTime() >= NOW.getTime() - PLANNING_LOOKBACK.basketDays * 86_400_000,
      );
      expect(snapshot.baskets.map((b) => b.token).sort()).toEqual(recent.map((b) => b.token).sort());
      for (const basket of snapshot.baskets) {
        const view = recent.find((b) => b.token === basket.token)!;
        expect(basket.abandonedAt).toEqual(view.abandonedAt);
        expect(basket.totalMinor).toBe(view.totalMinor);
      }
      baskets += snapshot.baskets.length;
    }
    expect(baskets).toBeGreaterThan(0);
    const checkout = await t.db.checkout.findFirst({ where: { shopId, utmCampaign: { not: null }, completedAt: null, sourceUpdatedAt: { gte: new Date(NOW.getTime() - 30 * 86_400_000) } } });
    if (checkout) {
      const basket = snapshots.flatMap((s) => s.baskets).find((b) => b.token === checkout.token);
      expect(basket).toMatchObject({ kind: "checkout", utmCampaign: checkout.utmCampaign, cartToken: checkout.cartToken });
    }
  }, 120_000);

  it("builds the catalog: cheapest in-stock price, stock, plain-tag attributes, timelines", async () => {
    const catalog = await loadCatalogSnapshot(t.db, shopId, "USD");
    const products = await t.db.product.findMany({ where: { shopId, deletedAt: null } });
    expect(catalog.products.size).toBe(products.length);
    const variants = await t.db.productVariant.findMany({ where: { shopId } });
    for (const product of products) {
      const snapshot = catalog.products.get(product.id)!;
      const own = variants.filter((v) => v.productId === product.id);
      const sellable = own.filter((v) => !(v.inventoryPolicy === "deny" && v.inventoryQuantity !== null && v.inventoryQuantity <= 0));
      expect(snapshot.inStock).toBe(sellable.length > 0 && product.status === "active");
      if (sellable.length > 0) expect(snapshot.priceMinor).toBe(Math.min(...sellable.map((v) => v.priceMinor)));
      expect(snapshot.attributes).toEqual(JSON.parse(product.tags));
    }
    expect([...catalog.products.values()].some((p) => !p.inStock)).toBe(true);
    const cleansers = await t.db.category.findUniqueOrThrow({ where: { shopId_path: { shopId, path: "Skin care > Cleansers" } } });
    expect(catalog.depletionDays.get("Skin care > Cleansers")).toBe(cleansers.depletionDays ?? cleansers.suggestedDepletionDays);
  });
});
