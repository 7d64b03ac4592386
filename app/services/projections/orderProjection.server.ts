import { OrderPayload } from "~/domain/events/webhookPayloads";
import { loyaltyEntriesForOrder } from "~/domain/loyalty/orderLoyalty";
import { newestVersions } from "~/domain/projections/freshness";
import { customerRecord, orderRecords } from "~/domain/projections/shopifyRecords";
import { upsertCustomers } from "./customerProjection.server";
import { batchProjection, parsePayload } from "./projection.server";

/**
 * orders/create, orders/updated, orders/paid, orders/cancelled (and backfilled orders): every topic
 * carries the whole order, so each is applied the same way, ordered by `updated_at`: an
 * orders/create that arrives after an orders/updated changes nothing.
 *
 * With the order: its line items (replaced as a set, each with its product's category), its
 * loyalty ledger entries (a function of the order's current state, so a cancellation returns the
 * points), the customer embedded in it, the customer's locale, and the cart and checkout it
 * converted. A batch of orders costs a fixed number of queries plus one per converted cart.
 */
export const applyOrder = batchProjection(async (context, events) => {
  const { tx, shopId } = context;
  const parsed = events.map((event) => parsePayload(OrderPayload, event.payload)).filter((order) => !order.test); // test orders are not shoppers' behaviour
  const stored = await tx.order.findMany({ where: { shopId, id: { in: [...new Set(parsed.map((o) => o.id))] } }, select: { id: true, sourceUpdatedAt: true } });
  const orders = newestVersions(parsed, (o) => o.id, (o) => o.updated_at, new Map(stored.map((row) => [row.id, row.sourceUpdatedAt])));
  if (orders.length === 0) return;

  const customers = await upsertCustomers(context, orders.flatMap((order) => (order.customer ? [customerRecord(order.customer)] : [])));
  const productIds = [...new Set(orders.flatMap((order) => order.line_items.flatMap((item) => (item.product_id ? [item.product_id] : []))))];
  const products = await tx.product.findMany({ where: { shopId, id: { in: productIds } }, select: { id: true, categoryPath: true } });
  const categoryOf = new Map(products.map((product) => [product.id, product.categoryPath]));

  const orderRows = [];
  const lineItemRows = [];
  const loyaltyRows = [];
  for (const order of orders) {
    const records = orderRecords(order, (productId) => categoryOf.get(productId) ?? null);
    const customer = order.customer ? customers.get(order.customer.id) : undefined;
    // A redacted shopper's later orders stay anonymous; a guest order has no customer.
    const row = { ...records.order, customerId: order.customer ? records.order.customerId : null, email: customer?.redactedAt ? null : records.order.email };
    orderRows.push({ shopId, ...row });
    lineItemRows.push(...records.lineItems.map((item) => ({ shopId, ...item })));
    const entries = loyaltyEntriesForOrder(context.settings.loyaltyRule, { ...row, discountCodes: order.discount_codes.map((code) => code.code) });
    loyaltyRows.push(...entries.map((entry) => ({ shopId, ...entry })));
  }
  const ids = orders.map((order) => order.id);
  await tx.order.deleteMany({ where: { shopId, id: { in: ids } } });
  await tx.order.createMany({ data: orderRows });
  await tx.orderLineItem.deleteMany({ where: { shopId, orderId: { in: ids } } });
  if (lineItemRows.length) await tx.orderLineItem.createMany({ data: lineItemRows });
  await tx.loyaltyEntry.deleteMany({ where: { shopId, orderId: { in: ids } } });
  if (loyaltyRows.length) await tx.loyaltyEntry.createMany({ data: loyaltyRows });

  // Customers learn their locale from their orders (REST customers carry none).
  for (const order of orders) {
    const customer = order.customer ? customers.get(order.customer.id) : undefined;
    if (order.customer && customer && !customer.redactedAt && !customer.locale && order.customer_locale) {
      await tx.customer.update({ where: { shopId_id: { shopId, id: order.customer.id } }, data: { locale: order.customer_locale } });
      customer.locale = order.customer_locale;
    }
  }
  await convertBaskets(context.tx, shopId, orderRows);
});

/** Marks the carts and checkouts that orders completed (when they exist; otherwise their own projections look for the order). */
async function convertBaskets(
  tx: Parameters<Parameters<typeof batchProjection>[0]>[0]["tx"],
  shopId: string,
  orders: ReadonlyArray<{ cancelledAt: Date | null; cartToken: string | null; checkoutToken: string | null; processedAt: Date; customerId: string | null }>,
): Promise<void> {
  const live = orders.filter((order) => !order.cancelledAt);
  const cartTokens = live.flatMap((order) => (order.cartToken ? [order.cartToken] : []));
  const checkoutTokens = live.flatMap((order) => (order.checkoutToken ? [order.checkoutToken] : []));
  const carts = cartTokens.length ? await tx.cart.findMany({ where: { shopId, token: { in: cartTokens } }, select: { token: true } }) : [];
  const checkouts = checkoutTokens.length
    ? await tx.checkout.findMany({ where: { shopId, token: { in: checkoutTokens }, completedAt: null }, select: { token: true } })
    : [];
  const existingCarts = new Set(carts.map((cart) => cart.token));
  const openCheckouts = new Set(checkouts.map((checkout) => checkout.token));
  for (const order of live) {
    if (order.cartToken && existingCarts.has(order.cartToken)) {
      await tx.cart.update({
        where: { shopId_token: { shopId, token: order.cartToken } },
        data: { convertedAt: order.processedAt, abandonedAt: null, ...(order.customerId ? { customerId: order.customerId } : {}) },
      });
    }
    if (order.checkoutToken && openCheckouts.has(order.checkoutToken)) {
      await tx.checkout.update({ where: { shopId_token: { shopId, token: order.checkoutToken } }, data: { completedAt: order.processedAt, abandonedAt: null } });
    }
  }
}
