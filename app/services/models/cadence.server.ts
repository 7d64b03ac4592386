import type { Db } from "~/db.server";
import { occasionIntervals, purchaseOccasions } from "~/domain/catalog/depletion";
import { DEFAULT_CADENCE, estimateCadence, type CadenceOptions, type CadenceResult } from "~/domain/models/cadence/cadence";
import { poolCadence, type CategoryTimeline, type PooledCadence } from "~/domain/models/cadence/cadencePrior";
import { batches } from "~/services/queryBatches";

/**
 * Purchase cadence per customer and category from the shop's orders (not cancelled, with a
 * customer, processed by `now`) and their line items' categories. The prior of each category is
 * the merchant's depletion days, else the suggested days, else a pooled estimate from the
 * category's repeat buyers, computed here from the same purchases.
 */
export type CustomerCategoryCadence = { customerId: string; categoryPath: string; cadence: CadenceResult };

type Purchase = { at: Date; quantity: number };
/** category -> customer -> purchases */
type CategoryPurchases = Map<string, Map<string, Purchase[]>>;

/** Every customer's cadence in every category they bought in. */
export async function shopCadences(store: Db, shopId: string, now: Date, options: CadenceOptions = DEFAULT_CADENCE): Promise<CustomerCategoryCadence[]> {
  const purchases = await loadCategoryPurchases(store, shopId, now);
  const timelines = await loadTimelines(store, shopId, [...purchases.keys()]);
  const results: CustomerCategoryCadence[] = [];
  for (const [categoryPath, byCustomer] of [...purchases].sort(([a], [b]) => a.localeCompare(b))) {
    const pooled = pooledOf(byCustomer);
    for (const [customerId, list] of [...byCustomer].sort(([a], [b]) => a.localeCompare(b))) {
      const cadence = estimateCadence({ purchases: list, category: timelines.get(categoryPath) ?? null, pooled, now }, options);
      results.push({ customerId, categoryPath, cadence });
    }
  }
  return results;
}

/** One customer's cadence in each category they bought in; a category without a timeline is pooled over its buyers. */
export async function customerCadences(store: Db, shopId: string, customerId: string, now: Date, options: CadenceOptions = DEFAULT_CADENCE): Promise<CustomerCategoryCadence[]> {
  const own = await loadCategoryPurchases(store, shopId, now, { customerId });
  const paths = [...own.keys()].sort();
  const timelines = await loadTimelines(store, shopId, paths);
  const results: CustomerCategoryCadence[] = [];
  for (const categoryPath of paths) {
    const timeline = timelines.get(categoryPath) ?? null;
    const needsPool = !timeline?.depletionDays && !timeline?.suggestedDepletionDays;
    const pooled = needsPool ? pooledOf((await loadCategoryPurchases(store, shopId, now, { categoryPath })).get(categoryPath) ?? new Map()) : null;
    const list = own.get(categoryPath)?.get(customerId) ?? [];
    results.push({ customerId, categoryPath, cadence: estimateCadence({ purchases: list, category: timeline, pooled, now }, options) });
  }
  return results;
}

function pooledOf(byCustomer: Map<string, Purchase[]>): PooledCadence | null {
  return poolCadence([...byCustomer.values()].map((list) => occasionIntervals(purchaseOccasions(list)).map((interval) => interval.days)));
}

async function loadTimelines(store: Db, shopId: string, paths: string[]): Promise<Map<string, CategoryTimeline>> {
  if (paths.length === 0) return new Map();
  const rows = await store.category.findMany({ where: { shopId, path: { in: paths } }, select: { path: true, depletionDays: true, suggestedDepletionDays: true } });
  return new Map(rows.map((row) => [row.path, { depletionDays: row.depletionDays, suggestedDepletionDays: row.suggestedDepletionDays }]));
}

/** Units bought per category, customer and order, from orders that count (see the file comment). */
async function loadCategoryPurchases(store: Db, shopId: string, now: Date, filter: { customerId?: string; categoryPath?: string } = {}): Promise<CategoryPurchases> {
  const orders = await store.order.findMany({
    where: { shopId, cancelledAt: null, processedAt: { lte: now }, customerId: filter.customerId ?? { not: null } },
    select: { id: true, customerId: true, processedAt: true },
  });
  const orderById = new Map(orders.map((order) => [order.id, order]));
  const result: CategoryPurchases = new Map();
  // Batched under SQLite's bound-parameter cap (see queryBatches.ts).
  for (const ids of batches(orders.map((order) => order.id))) {
    const lines = await store.orderLineItem.findMany({
      where: { shopId, orderId: { in: ids }, categoryPath: filter.categoryPath ?? { not: null } },
      select: { orderId: true, categoryPath: true, quantity: true },
    });
    for (const line of lines) {
      const order = orderById.get(line.orderId);
      if (!order?.customerId || !line.categoryPath || line.quantity <= 0) continue;
      const byCustomer = result.get(line.categoryPath) ?? new Map<string, Purchase[]>();
      result.set(line.categoryPath, byCustomer);
      const list = byCustomer.get(order.customerId) ?? [];
      byCustomer.set(order.customerId, list);
      list.push({ at: order.processedAt, quantity: line.quantity });
    }
  }
  return result;
}
