import type { Db } from "~/db.server";

export type StoreOverview = {
  shop: { id: string; name: string | null; currencyCode: string; status: string } | null;
  customers: { total: number; byConsent: Array<{ state: string; count: number }> };
  catalog: { products: number; variants: number; outOfStockVariants: number; categories: number };
  orders: { total: number; cancelled: number; revenueMinor: number; first: Date | null; last: Date | null };
  carts: { open: number; abandonedCheckouts: number };
  browsing: { events: number };
  loyalty: { entries: number };
  inbox: { pending: number; invalid: number };
};

/** What the app holds for one shop: the first thing a merchant (or a reviewer) wants to see. */
export async function getStoreOverview(store: Db, shopId: string): Promise<StoreOverview> {
  const where = { shopId };
  const [shop, customers, byConsent, products, variants, outOfStock, categories, orders, cancelled, revenue, carts, abandoned, events, loyalty, pending, invalid] =
    await Promise.all([
      store.shop.findUnique({ where: { id: shopId }, select: { id: true, name: true, currencyCode: true, status: true } }),
      store.customer.count({ where: { ...where, deletedAt: null } }),
      store.customer.groupBy({ by: ["emailMarketingState"], where: { ...where, deletedAt: null }, _count: { _all: true } }),
      store.product.count({ where: { ...where, deletedAt: null } }),
      store.productVariant.count({ where }),
      store.productVariant.count({ where: { ...where, inventoryQuantity: { lte: 0 }, inventoryPolicy: "deny" } }),
      store.category.count({ where }),
      store.order.count({ where }),
      store.order.count({ where: { ...where, cancelledAt: { not: null } } }),
      store.order.aggregate({ where: { ...where, cancelledAt: null }, _sum: { totalMinor: true }, _min: { processedAt: true }, _max: { processedAt: true } }),
      store.cart.count({ where: { ...where, convertedAt: null } }),
      store.checkout.count({ where: { ...where, completedAt: null, abandonedAt: { not: null } } }),
      store.browseEvent.count({ where }),
      store.loyaltyEntry.count({ where }),
      store.inboxEvent.count({ where: { ...where, status: "pending" } }),
      store.inboxEvent.count({ where: { ...where, status: "invalid" } }),
    ]);
  return {
    shop,
    customers: {
      total: customers,
      byConsent: byConsent
        .map((row) => ({ state: row.emailMarketingState, count: row._count._all }))
        .sort((a, b) => b.count - a.count),
    },
    catalog: { products, variants, outOfStockVariants: outOfStock, categories },
    orders: {
      total: orders,
      cancelled,
      revenueMinor: revenue._sum.totalMinor ?? 0,
      first: revenue._min.processedAt,
      last: revenue._max.processedAt,
    },
    carts: { open: carts, abandonedCheckouts: abandoned },
    browsing: { events },
    loyalty: { entries: loyalty },
    inbox: { pending, invalid },
  };
}
