import { PixelInboxPayload } from "~/domain/pixel/pixelBatch";
import { identifiedCustomerId, nextClientState, type PixelClientState } from "~/domain/pixel/pixelIdentity";
import { browseEventRecord } from "~/domain/projections/shopifyRecords";
import { parsePayload, type Projection, type ProjectionContext } from "~/services/projections/projection.server";
import type { DbTransaction } from "~/services/recordInboxEvent.server";

/**
 * The projection of every `pixel:<event>` inbox row (see pixelProjections.server.ts):
 *
 * 1. the browser (PixelClient) is created or widened (first/last seen) and, when the event
 *    identifies the shopper (the pixel's logged-in customer, or a completed checkout's customer),
 *    linked to that customer;
 * 2. the event becomes one BrowseEvent row (keyed by the event id: applied twice, one row),
 *    attributed to the client's customer if it has one;
 * 3. when the link is new, the client's earlier anonymous rows and the carts it viewed get the
 *    customer too;
 * 4. `cart_viewed` ties the cart (by token) to the client; checkout events tie the checkout, and
 *    through its cart token the cart, to the client's customer;
 * 5. the browser's time zone goes onto the linked customer's profile.
 *
 * A customer who was redacted or deleted is never linked: browsing stays anonymous, so a late
 * event cannot tie data back to them.
 */
export const applyPixelEvent: Projection = async (context, raw) => {
  const payload = parsePayload(PixelInboxPayload, raw);
  const { tx, shopId } = context;
  const { event } = payload;
  const clientId = event.clientId;

  const identified = await linkable(tx, shopId, identifiedCustomerId(payload));
  const where = { shopId_clientId: { shopId, clientId } };
  const existing = await tx.pixelClient.findUnique({ where, select: { customerId: true, firstSeenAt: true, lastSeenAt: true, linkedAt: true } });
  const { state, linked } = nextClientState(existing, event.timestamp, identified);
  if (!existing) await tx.pixelClient.create({ data: { shopId, clientId, ...state } });
  else if (!sameClientState(existing, state)) await tx.pixelClient.update({ where, data: state });

  // The event's own identification first (a late event from an earlier login stays that
  // customer's); an anonymous event is the browser's customer's, as known when it is applied.
  const customerId = identified ?? (await linkable(tx, shopId, state.customerId));
  const record = browseEventRecord(event, customerId);
  const stored = await tx.browseEvent.findUnique({ where: { shopId_id: { shopId, id: record.id } }, select: { customerId: true } });
  if (!stored) await tx.browseEvent.create({ data: { shopId, ...record } });
  // Applied again: a missing attribution is filled in, nothing else changes.
  else if (!stored.customerId && customerId) await tx.browseEvent.update({ where: { shopId_id: { shopId, id: record.id } }, data: { customerId } });

  if (customerId && linked) await attributeClient(tx, shopId, clientId, customerId);
  if (record.cartToken) await linkCart(tx, shopId, record.cartToken, clientId, customerId);
  if (record.checkoutToken) await linkCheckout(context, record.checkoutToken, clientId, customerId);
  if (customerId && payload.timeZone) {
    const zone = payload.timeZone;
    await tx.customer.updateMany({
      where: { shopId, id: customerId, redactedAt: null, deletedAt: null, OR: [{ timeZone: null }, { timeZone: { not: zone } }] },
      data: { timeZone: zone },
    });
  }
};

function sameClientState(a: PixelClientState, b: PixelClientState): boolean {
  return a.customerId === b.customerId && a.firstSeenAt.getTime() === b.firstSeenAt.getTime() && a.lastSeenAt.getTime() === b.lastSeenAt.getTime() && a.linkedAt?.getTime() === b.linkedAt?.getTime();
}

/** The customer id, unless that customer was redacted or deleted (then browsing stays anonymous). */
async function linkable(tx: DbTransaction, shopId: string, customerId: string | null): Promise<string | null> {
  if (!customerId) return null;
  const customer = await tx.customer.findUnique({ where: { shopId_id: { shopId, id: customerId } }, select: { redactedAt: true, deletedAt: true } });
  return customer && (customer.redactedAt || customer.deletedAt) ? null : customerId;
}

/** The client's anonymous browsing and carts become the customer's. */
async function attributeClient(tx: DbTransaction, shopId: string, clientId: string, customerId: string): Promise<void> {
  await tx.browseEvent.updateMany({ where: { shopId, clientId, customerId: null }, data: { customerId } });
  await tx.cart.updateMany({ where: { shopId, clientId, customerId: null }, data: { customerId } });
}

/**
 * The cart this client viewed (carts webhooks carry no customer). A cart not stored yet is linked
 * when it arrives: its projection can ask `pixelLinkOfCart`.
 */
async function linkCart(tx: DbTransaction, shopId: string, token: string, clientId: string, customerId: string | null): Promise<void> {
  await tx.cart.updateMany({ where: { shopId, token, clientId: null }, data: { clientId } });
  if (customerId) await tx.cart.updateMany({ where: { shopId, token, customerId: null }, data: { customerId } });
}

/** A checkout this client started or completed, and the cart it came from. */
async function linkCheckout({ tx, shopId }: ProjectionContext, token: string, clientId: string, customerId: string | null): Promise<void> {
  if (customerId) await tx.checkout.updateMany({ where: { shopId, token, customerId: null }, data: { customerId } });
  const checkout = await tx.checkout.findUnique({ where: { shopId_token: { shopId, token } }, select: { cartToken: true } });
  if (checkout?.cartToken) await linkCart(tx, shopId, checkout.cartToken, clientId, customerId);
}
