import { CartPayload, CheckoutPayload } from "~/domain/events/webhookPayloads";
import { newestVersions } from "~/domain/projections/freshness";
import { cartRecord, checkoutRecord, customerRecord } from "~/domain/projections/shopifyRecords";
import { upsertCustomers } from "./customerProjection.server";
import { batchProjection, parsePayload } from "./projection.server";

/**
 * carts/create, carts/update. Carts carry no customer: a cart is linked to a shopper by a
 * checkout's `cart_token`, an order, or the pixel's `cart_viewed`, whichever arrives first; those
 * links are kept when the cart changes, and a cart that arrives after them picks them up here.
 * A newer version makes an abandoned cart live again.
 */
export const applyCart = batchProjection(async ({ tx, shopId, shop }, events) => {
  const parsed = events.map((event) => cartRecord(parsePayload(CartPayload, event.payload), shop.currencyCode));
  const tokens = [...new Set(parsed.map((cart) => cart.token))];
  const stored = await tx.cart.findMany({ where: { shopId, token: { in: tokens } }, select: { token: true, sourceUpdatedAt: true } });
  const carts = newestVersions(parsed, (c) => c.token, (c) => c.sourceUpdatedAt, new Map(stored.map((row) => [row.token, row.sourceUpdatedAt])));
  const existing = new Set(stored.map((row) => row.token));
  const fresh = carts.filter((cart) => !existing.has(cart.token)).map((cart) => cart.token);
  const [checkouts, orders, views] = fresh.length
    ? await Promise.all([
        tx.checkout.findMany({ where: { shopId, cartToken: { in: fresh }, customerId: { not: null } }, select: { cartToken: true, customerId: true } }),
        tx.order.findMany({ where: { shopId, cartToken: { in: fresh }, cancelledAt: null }, select: { cartToken: true, customerId: true, processedAt: true } }),
        tx.browseEvent.findMany({ where: { shopId, cartToken: { in: fresh } }, select: { cartToken: true, clientId: true, customerId: true } }),
      ])
    : [[], [], []];
  for (const cart of carts) {
    if (existing.has(cart.token)) {
      await tx.cart.update({ where: { shopId_token: { shopId, token: cart.token } }, data: { ...cart, abandonedAt: null } });
      continue;
    }
    const order = orders.find((o) => o.cartToken === cart.token);
    const view = views.find((v) => v.cartToken === cart.token);
    const customerId = order?.customerId ?? checkouts.find((c) => c.cartToken === cart.token)?.customerId ?? view?.customerId ?? null;
    await tx.cart.create({
      data: { shopId, ...cart, currencyCode: shop.currencyCode, customerId, clientId: view?.clientId ?? null, convertedAt: order?.processedAt ?? null },
    });
  }
});

/**
 * checkouts/create, checkouts/update (keyed by token since 2025-10). The checkout names the customer
 * (or at least an email), so it links its cart to them; an order that completed it earlier is found.
 */
export const applyCheckout = batchProjection(async (context, events) => {
  const { tx, shopId } = context;
  const payloads = events.map((event) => parsePayload(CheckoutPayload, event.payload));
  const tokens = [...new Set(payloads.map((payload) => payload.token))];
  const stored = await tx.checkout.findMany({ where: { shopId, token: { in: tokens } }, select: { token: true, sourceUpdatedAt: true, completedAt: true } });
  const latest = newestVersions(payloads, (p) => p.token, (p) => p.updated_at, new Map(stored.map((row) => [row.token, row.sourceUpdatedAt])));
  if (latest.length === 0) return;
  const customers = await upsertCustomers(context, latest.flatMap((payload) => (payload.customer ? [customerRecord(payload.customer)] : [])));
  const completingOrders = await tx.order.findMany({
    where: { shopId, checkoutToken: { in: latest.map((p) => p.token) }, cancelledAt: null },
    select: { checkoutToken: true, processedAt: true },
  });
  for (const payload of latest) {
    const checkout = checkoutRecord(payload);
    const previous = stored.find((row) => row.token === checkout.token);
    const redacted = payload.customer ? Boolean(customers.get(payload.customer.id)?.redactedAt) : false;
    const completedAt = checkout.completedAt ?? previous?.completedAt ?? completingOrders.find((o) => o.checkoutToken === checkout.token)?.processedAt ?? null;
    const row = { ...checkout, email: redacted ? null : checkout.email, completedAt };
    if (previous) await tx.checkout.update({ where: { shopId_token: { shopId, token: checkout.token } }, data: { ...row, abandonedAt: null } });
    else await tx.checkout.create({ data: { shopId, ...row } });
    if (row.cartToken && row.customerId) {
      await tx.cart.updateMany({ where: { shopId, token: row.cartToken }, data: { customerId: row.customerId } });
    }
  }
});
