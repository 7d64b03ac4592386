import type { Db } from "~/db.server";
import { buildCustomerProfile, type CustomerProfile } from "~/domain/profiles/customerProfile";
import { parseShopSettings } from "~/domain/shop/shopSettings";
import { findInBatches } from "~/services/queryBatches";

/**
 * Loads everything stored about one customer of one shop and derives their profile. Every query is
 * scoped by `shopId`: a customer id of another shop finds nothing. Browsing counts the customer's
 * own events and those of every browser (pixel client) linked to them; carts are theirs when
 * linked directly, through one of their checkouts' cart_token, or through a linked browser.
 * Returns null when the shop holds no such customer.
 */
export async function getCustomerProfile(store: Db, shopId: string, customerId: string, now: Date): Promise<CustomerProfile | null> {
  const customer = await store.customer.findUnique({ where: { shopId_id: { shopId, id: customerId } } });
  if (!customer) return null;
  const [shop, orders, checkouts, pixelClients, loyaltyEntries] = await Promise.all([
    store.shop.findUnique({ where: { id: shopId }, select: { ianaTimezone: true, currencyCode: true, settings: true } }),
    store.order.findMany({ where: { shopId, customerId }, orderBy: { processedAt: "desc" } }),
    store.checkout.findMany({ where: { shopId, customerId } }),
    store.pixelClient.findMany({ where: { shopId, customerId }, select: { clientId: true, firstSeenAt: true, lastSeenAt: true, linkedAt: true } }),
    store.loyaltyEntry.findMany({ where: { shopId, customerId }, select: { id: true, kind: true, points: true, occurredAt: true, expiresAt: true, orderId: true } }),
  ]);
  const clientIds = pixelClients.map((client) => client.clientId);
  const cartTokens = checkouts.flatMap((checkout) => (checkout.cartToken ? [checkout.cartToken] : []));
  const orderIds = orders.map((order) => order.id);
  const browseSelect = { clientId: true, name: true, occurredAt: true, url: true, referrer: true, productId: true, utmSource: true, utmMedium: true, utmCampaign: true } as const;
  const [lineItems, ownCarts, checkoutCarts, clientCarts, ownEvents, clientEvents] = await Promise.all([
    findInBatches(orderIds, (ids) => store.orderLineItem.findMany({ where: { shopId, orderId: { in: ids } } })),
    store.cart.findMany({ where: { shopId, customerId } }),
    findInBatches(cartTokens, (tokens) => store.cart.findMany({ where: { shopId, token: { in: tokens } } })),
    findInBatches(clientIds, (ids) => store.cart.findMany({ where: { shopId, clientId: { in: ids } } })),
    store.browseEvent.findMany({ where: { shopId, customerId }, select: { id: true, ...browseSelect } }),
    findInBatches(clientIds, (ids) => store.browseEvent.findMany({ where: { shopId, clientId: { in: ids } }, select: { id: true, ...browseSelect } })),
  ]);
  const carts = [...new Map([...ownCarts, ...checkoutCarts, ...clientCarts].map((cart) => [cart.token, cart])).values()];
  const browseEvents = [...new Map([...ownEvents, ...clientEvents].map((event) => [event.id, event])).values()];
  const paths = [...new Set(lineItems.flatMap((item) => (item.categoryPath ? [item.categoryPath] : [])))];
  const categories = await findInBatches(paths, (batch) =>
    store.category.findMany({ where: { shopId, path: { in: batch } }, select: { path: true, depletionDays: true, suggestedDepletionDays: true } }),
  );
  const itemsByOrder = new Map<string, typeof lineItems>();
  for (const item of lineItems) {
    const list = itemsByOrder.get(item.orderId);
    if (list) list.push(item);
    else itemsByOrder.set(item.orderId, [item]);
  }
  const settings = parseShopSettings(shop?.settings ?? "{}");
  return buildCustomerProfile(
    {
      customer,
      shop: { ianaTimezone: shop?.ianaTimezone ?? "UTC", currencyCode: shop?.currencyCode ?? "USD" },
      settings,
      orders: orders.map((order) => ({ ...order, lineItems: itemsByOrder.get(order.id) ?? [] })),
      categories,
      carts,
      checkouts,
      browseEvents,
      pixelClients,
      loyaltyEntries,
    },
    now,
  );
}
