import { OrderPayload } from "~/domain/events/webhookPayloads";
import { loyaltyEntriesForOrder } from "~/domain/loyalty/orderLoyalty";
import { mayReplace } from "~/domain/projections/freshness";
import { customerRecord, orderRecords } from "~/domain/projections/shopifyRecords";
import { upsertCustomer } from "./customerProjection.server";
import { parsePayload, type Projection } from "./projection.server";

/**
 * orders/create, orders/updated, orders/paid, orders/cancelled (and backfilled orders): every topic
 * carries the whole order, so each is applied the same way, ordered by `updated_at`: an
 * orders/create that arrives after an orders/updated changes nothing.
 *
 * With the order: its line items (replaced as a set, each with its product's category), its
 * loyalty ledger entries (a function of the order's current state, so a cancellation returns the
 * points), the customer embedded in it, the customer's locale, and the cart and checkout it
 * converted.
 */
export const applyOrder: Projection = async (context, payload) => {
  const order = parsePayload(OrderPayload, payload);
  if (order.test) return; // test orders from the Bogus gateway are not the shoppers' behaviour
  const { tx, shopId } = context;
  const where = { shopId_id: { shopId, id: order.id } };
  const existing = await tx.order.findUnique({ where, select: { sourceUpdatedAt: true } });
  if (existing && !mayReplace(existing.sourceUpdatedAt, order.updated_at)) return;

  const productIds = [...new Set(order.line_items.flatMap((item) => (item.product_id ? [item.product_id] : [])))];
  const products = await tx.product.findMany({ where: { shopId, id: { in: productIds } }, select: { id: true, categoryPath: true } });
  const categoryOf = new Map(products.map((product) => [product.id, product.categoryPath]));
  const records = orderRecords(order, (productId) => categoryOf.get(productId) ?? null);

  let customerId = records.order.customerId;
  let email = records.order.email;
  if (order.customer) {
    await upsertCustomer(context, customerRecord(order.customer));
    const customer = await tx.customer.findUnique({
      where: { shopId_id: { shopId, id: order.customer.id } },
      select: { redactedAt: true, locale: true },
    });
    if (customer?.redactedAt) email = null; // a redacted shopper's later orders stay anonymous
    else if (customer && !customer.locale && order.customer_locale) {
      await tx.customer.update({ where: { shopId_id: { shopId, id: order.customer.id } }, data: { locale: order.customer_locale } });
    }
  } else {
    customerId = null;
  }

  const row = { ...records.order, customerId, email };
  await tx.order.upsert({ where, create: { shopId, ...row }, update: row });
  await tx.orderLineItem.deleteMany({ where: { shopId, orderId: order.id } });
  if (records.lineItems.length) await tx.orderLineItem.createMany({ data: records.lineItems.map((item) => ({ shopId, ...item })) });

  await tx.loyaltyEntry.deleteMany({ where: { shopId, orderId: order.id } });
  const entries = loyaltyEntriesForOrder(context.settings.loyaltyRule, { ...row, discountCodes: order.discount_codes.map((code) => code.code) });
  if (entries.length) await tx.loyaltyEntry.createMany({ data: entries.map((entry) => ({ shopId, ...entry })) });

  if (!row.cancelledAt) {
    if (row.cartToken) {
      await tx.cart.updateMany({
        where: { shopId, token: row.cartToken },
        data: { convertedAt: row.processedAt, abandonedAt: null, ...(customerId ? { customerId } : {}) },
      });
    }
    if (row.checkoutToken) {
      await tx.checkout.updateMany({ where: { shopId, token: row.checkoutToken, completedAt: null }, data: { completedAt: row.processedAt, abandonedAt: null } });
    }
  }
};
