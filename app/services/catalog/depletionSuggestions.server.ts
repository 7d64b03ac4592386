import type { Db } from "~/db.server";
import { suggestDepletionDays, type CategoryPurchase, type DepletionSuggestion, type SuggestOptions } from "~/domain/catalog/depletion";
import { findInBatches } from "~/services/queryBatches";

export type CategorySuggestion = DepletionSuggestion & { path: string };

/**
 * Recomputes `Category.suggestedDepletionDays` for every category of a shop from its repeat
 * buyers' purchase intervals (see suggestDepletionDays). Categories are read one at a time, so a
 * large store is handled in memory proportional to its biggest category. A category whose data no
 * longer supports a suggestion gets null; one that purchases name but has no row yet is created
 * (name and parent from its path). The merchant's `depletionDays` is never touched.
 */
export async function recomputeDepletionSuggestions(store: Db, shopId: string, options: SuggestOptions = {}): Promise<CategorySuggestion[]> {
  const [bought, existing] = await Promise.all([
    store.orderLineItem.groupBy({ by: ["categoryPath"], where: { shopId, categoryPath: { not: null } } }),
    store.category.findMany({ where: { shopId }, select: { path: true } }),
  ]);
  const paths = [...new Set([...existing.map((row) => row.path), ...bought.flatMap((row) => (row.categoryPath ? [row.categoryPath] : []))])].sort();
  const results: CategorySuggestion[] = [];
  for (const path of paths) {
    const suggestion = suggestDepletionDays(await categoryPurchases(store, shopId, path), options);
    const levels = path.split(" > ");
    await store.category.upsert({
      where: { shopId_path: { shopId, path } },
      create: { shopId, path, name: levels.at(-1) ?? path, parentPath: levels.length > 1 ? levels.slice(0, -1).join(" > ") : null, suggestedDepletionDays: suggestion.days },
      update: { suggestedDepletionDays: suggestion.days },
    });
    results.push({ path, ...suggestion });
  }
  return results;
}

/** Every unit bought in a category by a known customer, on orders that were not cancelled. */
async function categoryPurchases(store: Db, shopId: string, path: string): Promise<CategoryPurchase[]> {
  const lines = await store.orderLineItem.findMany({ where: { shopId, categoryPath: path }, select: { orderId: true, quantity: true } });
  const quantityByOrder = new Map<string, number>();
  for (const line of lines) quantityByOrder.set(line.orderId, (quantityByOrder.get(line.orderId) ?? 0) + line.quantity);
  const orders = await findInBatches([...quantityByOrder.keys()], (ids) =>
    store.order.findMany({
      where: { shopId, id: { in: ids }, customerId: { not: null }, cancelledAt: null },
      select: { id: true, customerId: true, processedAt: true },
    }),
  );
  return orders.flatMap((order) => (order.customerId ? [{ customerId: order.customerId, at: order.processedAt, quantity: quantityByOrder.get(order.id) ?? 0 }] : []));
}
