import type { Db } from "~/db.server";
import { rankBestsellers, type BestsellerRanking, type BestsellerSettings, type CatalogProduct, type SaleLine } from "~/domain/models/bestsellers/bestsellers";
import { personalBestsellers, type PersonalBestsellers, type PersonalBestsellerSettings } from "~/domain/models/bestsellers/personalBestsellers";
import { DAY_MS } from "~/domain/shared/time";
import { batches, findInBatches } from "~/services/queryBatches";

/**
 * Bestsellers of a shop from its catalog (products with their variants' inventory) and the lines
 * of orders not cancelled in the merchant's window; and per recipient, personalised by what they
 * bought and browsed (their own pixel events and those of browsers linked to them).
 */
export async function shopBestsellers(store: Db, shopId: string, now: Date, settings: BestsellerSettings): Promise<{ ranking: BestsellerRanking; categoryOfProduct: Map<string, string | null> }> {
  const [products, variants, orders] = await Promise.all([
    store.product.findMany({ where: { shopId }, select: { id: true, categoryPath: true, status: true, deletedAt: true } }),
    store.productVariant.findMany({ where: { shopId }, select: { productId: true, inventoryQuantity: true, inventoryPolicy: true } }),
    store.order.findMany({
      where: { shopId, cancelledAt: null, processedAt: { gte: new Date(now.getTime() - settings.windowDays * DAY_MS), lte: now } },
      select: { id: true, processedAt: true },
    }),
  ]);
  const variantsOf = new Map<string, CatalogProduct["variants"][number][]>();
  for (const variant of variants) {
    const list = variantsOf.get(variant.productId);
    if (list) list.push(variant);
    else variantsOf.set(variant.productId, [variant]);
  }
  const catalog: CatalogProduct[] = products.map((product) => ({ productId: product.id, categoryPath: product.categoryPath, status: product.status, deletedAt: product.deletedAt, variants: variantsOf.get(product.id) ?? [] }));
  const orderedAt = new Map(orders.map((order) => [order.id, order.processedAt]));
  const sales: SaleLine[] = [];
  for (const ids of batches(orders.map((order) => order.id))) {
    const lines = await store.orderLineItem.findMany({ where: { shopId, orderId: { in: ids }, productId: { not: null } }, select: { orderId: true, productId: true, quantity: true } });
    for (const line of lines) if (line.productId) sales.push({ productId: line.productId, quantity: line.quantity, at: orderedAt.get(line.orderId) as Date });
  }
  return { ranking: rankBestsellers(catalog, sales, settings, now), categoryOfProduct: new Map(products.map((product) => [product.id, product.categoryPath])) };
}

export async function recipientBestsellers(
  store: Db,
  shopId: string,
  customerId: string,
  now: Date,
  settings: BestsellerSettings,
  personal: PersonalBestsellerSettings,
): Promise<PersonalBestsellers> {
  const [{ ranking, categoryOfProduct }, orders, clients] = await Promise.all([
    shopBestsellers(store, shopId, now, settings),
    store.order.findMany({ where: { shopId, customerId, cancelledAt: null, processedAt: { lte: now } }, select: { id: true, processedAt: true } }),
    store.pixelClient.findMany({ where: { shopId, customerId }, select: { clientId: true } }),
  ]);
  const [lines, views] = await Promise.all([
    findInBatches(
      orders.map((order) => order.id),
      (ids) => store.orderLineItem.findMany({ where: { shopId, orderId: { in: ids } }, select: { orderId: true, productId: true, categoryPath: true, quantity: true } }),
    ),
    store.browseEvent.findMany({
      where: { shopId, name: "product_viewed", productId: { not: null }, occurredAt: { lte: now }, OR: [{ customerId }, { clientId: { in: clients.map((client) => client.clientId) } }] },
      select: { productId: true, occurredAt: true },
    }),
  ]);
  const orderedAt = new Map(orders.map((order) => [order.id, order.processedAt]));
  return personalBestsellers(
    ranking,
    {
      purchases: lines.map((line) => ({ ...line, at: orderedAt.get(line.orderId) as Date })),
      productViews: views.flatMap((view) => (view.productId ? [{ productId: view.productId, at: view.occurredAt }] : [])),
    },
    categoryOfProduct,
    personal,
    now,
  );
}
