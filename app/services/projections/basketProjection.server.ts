import { CartPayload, CheckoutPayload } from "~/domain/events/webhookPayloads";
import { mayReplace } from "~/domain/projections/freshness";
import { cartRecord, checkoutRecord, customerRecord } from "~/domain/projections/shopifyRecords";
import { upsertCustomer } from "./customerProjection.server";
import { parsePayload, type Projection } from "./projection.server";

/**
 * carts/create, carts/update. Carts carry no customer: the cart is linked to a shopper later, by a
 * checkout's `cart_token` (below), an order, or the pixel's `cart_viewed`; those links are kept when
 * the cart itself changes. A newer version makes an abandoned cart live again.
 */
export const applyCart: Projection = async ({ tx, shopId, shop }, payload) => {
  const cart = cartRecord(parsePayload(CartPayload, payload), shop.currencyCode);
  const where = { shopId_token: { shopId, token: cart.token } };
  const existing = await tx.cart.findUnique({ where, select: { sourceUpdatedAt: true, convertedAt: true } });
  if (existing && !mayReplace(existing.sourceUpdatedAt, cart.sourceUpdatedAt)) return;
  await tx.cart.upsert({
    where,
    create: { shopId, ...cart, currencyCode: shop.currencyCode },
    update: { ...cart, abandonedAt: null },
  });
};

/**
 * checkouts/create, checkouts/update (keyed by token since 2025-10). The checkout names the customer
 * (or at least an email), so it links its cart to them.
 */
export const applyCheckout: Projection = async (context, payload) => {
  const parsed = parsePayload(CheckoutPayload, payload);
  const { tx, shopId } = context;
  const checkout = checkoutRecord(parsed);
  const where = { shopId_token: { shopId, token: checkout.token } };
  const existing = await tx.checkout.findUnique({ where, select: { sourceUpdatedAt: true, completedAt: true } });
  if (existing && !mayReplace(existing.sourceUpdatedAt, checkout.sourceUpdatedAt)) return;

  let email = checkout.email;
  if (parsed.customer) {
    await upsertCustomer(context, customerRecord(parsed.customer));
    const customer = await tx.customer.findUnique({ where: { shopId_id: { shopId, id: parsed.customer.id } }, select: { redactedAt: true } });
    if (customer?.redactedAt) email = null;
  }
  // An order may have completed the checkout before this update arrived; keep that.
  const row = { ...checkout, email, completedAt: checkout.completedAt ?? existing?.completedAt ?? null };
  await tx.checkout.upsert({ where, create: { shopId, ...row }, update: { ...row, abandonedAt: null } });
  if (row.cartToken && row.customerId) {
    await tx.cart.updateMany({ where: { shopId, token: row.cartToken }, data: { customerId: row.customerId } });
  }
};
