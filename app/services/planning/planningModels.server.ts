import type { Db } from "~/db.server";
import { occasionIntervals, purchaseOccasions } from "~/domain/catalog/depletion";
import { DEFAULT_BESTSELLER_SETTINGS, rankBestsellers, type BestsellerRanking, type BestsellerSettings, type CatalogProduct, type SaleLine } from "~/domain/models/bestsellers/bestsellers";
import type { BtydModel, ClvSettings } from "~/domain/models/btyd/clv";
import { poolCadence, type CategoryTimeline, type PooledCadence } from "~/domain/models/cadence/cadencePrior";
import { DEFAULT_INTENT_SETTINGS, type IntentSettings } from "~/domain/models/intent/intentDimensions";
import type { IntentModel } from "~/domain/models/intent/intentScore";
import type { RefitPolicy } from "~/domain/models/btyd/refitPolicy";
import { ensureShopBtydModel } from "~/services/models/btydModel.server";
import { loadShopIntentModel } from "~/services/models/intent.server";
import { DAY_MS } from "~/domain/shared/time";
import { findInBatches } from "~/services/queryBatches";
import { rawDate, rawInt, rawRows } from "./rawQuery.server";

/**
 * What every shopper of a run is scored with, computed once per run: the category timelines and,
 * for categories without one, the pooled cadence of their repeat buyers (the priors
 * `customerCadences` uses); the shop's cached BTYD model (fitted only if it has none); the
 * cached intent model, if any; and the shop's bestseller ranking.
 */
export type PlanningModels = {
  timelines: ReadonlyMap<string, CategoryTimeline>;
  /** Only for categories with neither a merchant timeline nor a suggestion. */
  pooled: ReadonlyMap<string, PooledCadence | null>;
  btyd: { ok: true; model: BtydModel; fittedAt: Date } | { ok: false; error: string };
  clv: ClvSettings;
  intent: { model: IntentModel | null; settings: IntentSettings };
  bestsellers: { ranking: BestsellerRanking; categoryOfProduct: ReadonlyMap<string, string | null> };
};

export const DEFAULT_ANNUAL_DISCOUNT_RATE = 0.1;

/**
 * A run scores with the shop's cached BTYD fit and fits one only when there is none: a refit reads
 * every order of the shop (minutes and gigabytes at a million orders), so it is the nightly job's
 * step before planning (planningTrigger.server.ts), under the model's own refit policy.
 */
export const CACHED_FIT: RefitPolicy = { growthShare: Infinity, newOrders: Infinity, maxAgeDays: null };

export async function loadPlanningModels(store: Db, shopId: string, now: Date, options: { horizonWeeks: number; intentSettings?: IntentSettings }): Promise<PlanningModels> {
  const categories = await store.category.findMany({ where: { shopId }, select: { path: true, depletionDays: true, suggestedDepletionDays: true } });
  const timelines = new Map(categories.map((row) => [row.path, { depletionDays: row.depletionDays, suggestedDepletionDays: row.suggestedDepletionDays }]));
  const [pooled, btyd, intentModel, bestsellers] = await Promise.all([
    pooledCadences(store, shopId, now, timelines),
    ensureShopBtydModel(store, shopId, now, CACHED_FIT),
    loadShopIntentModel(store, shopId),
    rankShopBestsellers(store, shopId, now, DEFAULT_BESTSELLER_SETTINGS),
  ]);
  return {
    timelines,
    pooled,
    btyd: btyd.ok ? { ok: true, model: btyd.value.model, fittedAt: btyd.value.fittedAt } : btyd,
    clv: { horizonWeeks: options.horizonWeeks, annualDiscountRate: DEFAULT_ANNUAL_DISCOUNT_RATE },
    intent: { model: intentModel, settings: options.intentSettings ?? DEFAULT_INTENT_SETTINGS },
    bestsellers,
  };
}

/**
 * The pooled cadence of each category that has no timeline (merchant's or suggested), over every
 * customer who bought its products (orders not cancelled, processed by `now`), in one query. A
 * category is known from its Category row or from a product filed under it; a line counts under the
 * category it was recorded with.
 */
async function pooledCadences(store: Db, shopId: string, now: Date, timelines: ReadonlyMap<string, CategoryTimeline>): Promise<Map<string, PooledCadence | null>> {
  const products = await store.product.findMany({ where: { shopId, categoryPath: { not: null } }, select: { id: true, categoryPath: true } });
  const untimed = [...new Set([...timelines.keys(), ...products.map((product) => product.categoryPath as string)])]
    .filter((path) => {
      const timeline = timelines.get(path);
      return !timeline?.depletionDays && !timeline?.suggestedDepletionDays;
    })
    .sort();
  const productIds = products.filter((product) => untimed.includes(product.categoryPath as string)).map((product) => product.id);
  const pooled = new Map<string, PooledCadence | null>();
  if (productIds.length === 0) return pooled;
  // The lines are found through their products (the (shopId, productId) index), then look up their
  // order: a few thousand lookups instead of a pass over every order of the shop.
  const rows = await findInBatches(productIds, (ids) =>
    rawRows<{ customerId: string; processedAt: unknown; quantity: unknown; categoryPath: string }>(
      store,
      `SELECT o."customerId", o."processedAt", li."quantity", li."categoryPath" FROM "OrderLineItem" li CROSS JOIN "Order" o
       WHERE o."shopId" = li."shopId" AND o."id" = li."orderId" AND li."shopId" = ? AND li."productId" IN (${ids.map(() => "?").join(", ")})
         AND o."customerId" IS NOT NULL AND o."cancelledAt" IS NULL AND o."processedAt" <= ?`,
      [shopId, ...ids, now],
    ),
  );
  const byCategory = new Map<string, Map<string, { at: Date; quantity: number }[]>>(untimed.map((path) => [path, new Map()]));
  for (const row of rows) {
    const quantity = rawInt(row.quantity);
    const byCustomer = byCategory.get(row.categoryPath);
    if (quantity <= 0 || !byCustomer) continue;
    const list = byCustomer.get(row.customerId) ?? [];
    list.push({ at: rawDate(row.processedAt), quantity });
    byCustomer.set(row.customerId, list);
  }
  for (const [path, byCustomer] of byCategory) {
    pooled.set(path, poolCadence([...byCustomer.values()].map((list) => occasionIntervals(purchaseOccasions(list)).map((interval) => interval.days))));
  }
  return pooled;
}

/**
 * The shop's bestseller ranking (the same model as services/models/bestsellers.server.ts), with the
 * window's sales read by one joined query instead of order-id batches.
 */
async function rankShopBestsellers(store: Db, shopId: string, now: Date, settings: BestsellerSettings): Promise<PlanningModels["bestsellers"]> {
  const [products, variants, sales] = await Promise.all([
    store.product.findMany({ where: { shopId }, select: { id: true, categoryPath: true, status: true, deletedAt: true } }),
    store.productVariant.findMany({ where: { shopId }, select: { productId: true, inventoryQuantity: true, inventoryPolicy: true } }),
    rawRows<{ productId: string | null; quantity: unknown; processedAt: unknown }>(
      store,
      `SELECT li."productId", li."quantity", o."processedAt" FROM "Order" o
       JOIN "OrderLineItem" li ON li."shopId" = o."shopId" AND li."orderId" = o."id"
       WHERE o."shopId" = ? AND o."cancelledAt" IS NULL AND o."processedAt" >= ? AND o."processedAt" <= ?`,
      [shopId, new Date(now.getTime() - settings.windowDays * DAY_MS), now],
    ),
  ]);
  const variantsOf = new Map<string, CatalogProduct["variants"][number][]>();
  for (const variant of variants) {
    const list = variantsOf.get(variant.productId);
    if (list) list.push(variant);
    else variantsOf.set(variant.productId, [variant]);
  }
  const catalog: CatalogProduct[] = products.map((product) => ({ productId: product.id, categoryPath: product.categoryPath, status: product.status, deletedAt: product.deletedAt, variants: variantsOf.get(product.id) ?? [] }));
  // (Lines without a product are skipped here: a `productId IS NOT NULL` condition steers SQLite onto the productId index, a nested scan.)
  const lines: SaleLine[] = sales.flatMap((sale) => (sale.productId ? [{ productId: sale.productId, quantity: rawInt(sale.quantity), at: rawDate(sale.processedAt) }] : []));
  return { ranking: rankBestsellers(catalog, lines, settings, now), categoryOfProduct: new Map(products.map((product) => [product.id, product.categoryPath])) };
}
