import { PixelInboxPayload } from "~/domain/pixel/pixelBatch";
import { identifiedCustomerId, nextClientState, type PixelClientState } from "~/domain/pixel/pixelIdentity";
import { browseEventRecord, type BrowseEventRecord } from "~/domain/projections/shopifyRecords";
import { batchProjection, parsePayload, type BatchContext } from "~/services/projections/projection.server";
import type { DbTransaction } from "~/services/recordInboxEvent.server";

/**
 * The projection of every `pixel:<event>` inbox row (see pixelProjections.server.ts), in batch
 * form (the worker hands it all of a batch's pixel events; one event is a batch of one):
 *
 * 1. the browser (PixelClient) is created or widened (first/last seen) and, when an event
 *    identifies the shopper (the pixel's logged-in customer, or a completed checkout's customer),
 *    linked to that customer;
 * 2. each event becomes one BrowseEvent row (keyed by the event id: applied twice, one row),
 *    attributed to the client's customer if it has one;
 * 3. when the link is new, the client's earlier anonymous rows and the carts it viewed get the
 *    customer too;
 * 4. `cart_viewed` ties the cart (by token) to the client; checkout events tie the checkout, and
 *    through its cart token the cart, to the client's customer;
 * 5. the browser's time zone goes onto the linked customer's profile.
 *
 * A customer who was redacted or deleted is never linked: browsing stays anonymous, so a late
 * event cannot tie data back to them. A batch costs a handful of queries plus one or two per
 * browser whose state changed.
 */
export const applyPixelEvent = batchProjection(async (context, events) => {
  const { tx, shopId } = context;
  const payloads = events.map((event) => parsePayload(PixelInboxPayload, event.payload));
  const clientIds = [...new Set(payloads.map((payload) => payload.event.clientId))];
  const clients = new Map<string, PixelClientState>(
    (await tx.pixelClient.findMany({ where: { shopId, clientId: { in: clientIds } }, select: { clientId: true, customerId: true, firstSeenAt: true, lastSeenAt: true, linkedAt: true } })).map(
      ({ clientId, ...state }) => [clientId, state],
    ),
  );
  const storedClients = new Map(clients);
  const closed = await closedCustomers(tx, shopId, [...payloads.map(identifiedCustomerId), ...[...clients.values()].map((client) => client.customerId)]);
  const linkable = (customerId: string | null) => (customerId && !closed.has(customerId) ? customerId : null);

  const records: BrowseEventRecord[] = [];
  // In order: a shared browser linked to one shopper and then another gives each their own visits.
  const newlyLinked: Array<[clientId: string, customerId: string]> = [];
  const zones = new Map<string, string>();
  for (const payload of payloads) {
    const clientId = payload.event.clientId;
    const identified = linkable(identifiedCustomerId(payload));
    const { state, linked } = nextClientState(clients.get(clientId) ?? null, payload.event.timestamp, identified);
    clients.set(clientId, state);
    // The event's own identification first (a late event from an earlier login stays that
    // customer's); an anonymous event is the browser's customer's, as known when it is applied.
    const customerId = identified ?? linkable(state.customerId);
    if (customerId && linked) newlyLinked.push([clientId, customerId]);
    if (customerId && payload.timeZone) zones.set(customerId, payload.timeZone);
    records.push(browseEventRecord(payload.event, customerId));
  }

  await writeClients(tx, shopId, clients, storedClients);
  await writeBrowseEvents(tx, shopId, records);
  for (const [clientId, customerId] of newlyLinked) await attributeClient(tx, shopId, clientId, customerId);
  for (const record of records) {
    if (record.cartToken) await linkCart(tx, shopId, record.cartToken, record.clientId, record.customerId);
    if (record.checkoutToken) await linkCheckout(context, record.checkoutToken, record.clientId, record.customerId);
  }
  for (const [customerId, zone] of zones) {
    await tx.customer.updateMany({
      where: { shopId, id: customerId, redactedAt: null, deletedAt: null, OR: [{ timeZone: null }, { timeZone: { not: zone } }] },
      data: { timeZone: zone },
    });
  }
});

async function writeClients(tx: DbTransaction, shopId: string, clients: Map<string, PixelClientState>, stored: Map<string, PixelClientState>): Promise<void> {
  const created = [...clients].filter(([clientId]) => !stored.has(clientId)).map(([clientId, state]) => ({ shopId, clientId, ...state }));
  if (created.length) await tx.pixelClient.createMany({ data: created });
  for (const [clientId, state] of clients) {
    const before = stored.get(clientId);
    if (before && !sameClientState(before, state)) await tx.pixelClient.update({ where: { shopId_clientId: { shopId, clientId } }, data: state });
  }
}

/** New events are inserted; an event applied again only gains a missing attribution. */
async function writeBrowseEvents(tx: DbTransaction, shopId: string, records: readonly BrowseEventRecord[]): Promise<void> {
  const unique = new Map(records.map((record) => [record.id, record]));
  const stored = new Map(
    (await tx.browseEvent.findMany({ where: { shopId, id: { in: [...unique.keys()] } }, select: { id: true, customerId: true } })).map((row) => [row.id, row.customerId]),
  );
  const created = [...unique.values()].filter((record) => !stored.has(record.id));
  if (created.length) await tx.browseEvent.createMany({ data: created.map((record) => ({ shopId, ...record })) });
  for (const record of unique.values()) {
    if (stored.has(record.id) && !stored.get(record.id) && record.customerId) {
      await tx.browseEvent.update({ where: { shopId_id: { shopId, id: record.id } }, data: { customerId: record.customerId } });
    }
  }
}

function sameClientState(a: PixelClientState, b: PixelClientState): boolean {
  return a.customerId === b.customerId && a.firstSeenAt.getTime() === b.firstSeenAt.getTime() && a.lastSeenAt.getTime() === b.lastSeenAt.getTime() && a.linkedAt?.getTime() === b.linkedAt?.getTime();
}

/** Of these customers, the ones redacted or deleted (never linked to browsing). */
async function closedCustomers(tx: DbTransaction, shopId: string, ids: ReadonlyArray<string | null>): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Set();
  const rows = await tx.customer.findMany({ where: { shopId, id: { in: wanted }, OR: [{ redactedAt: { not: null } }, { deletedAt: { not: null } }] }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}

/** The client's anonymous browsing and carts become the customer's. */
async function attributeClient(tx: DbTransaction, shopId: string, clientId: string, customerId: string): Promise<void> {
  await tx.browseEvent.updateMany({ where: { shopId, clientId, customerId: null }, data: { customerId } });
  await tx.cart.updateMany({ where: { shopId, clientId, customerId: null }, data: { customerId } });
}

/**
 * The cart this client viewed (carts webhooks carry no customer). A cart not stored yet is linked
 * when it arrives: its projection looks for the view.
 */
async function linkCart(tx: DbTransaction, shopId: string, token: string, clientId: string, customerId: string | null): Promise<void> {
  await tx.cart.updateMany({ where: { shopId, token, clientId: null }, data: { clientId } });
  if (customerId) await tx.cart.updateMany({ where: { shopId, token, customerId: null }, data: { customerId } });
}

/** A checkout this client started or completed, and the cart it came from. */
async function linkCheckout({ tx, shopId }: BatchContext, token: string, clientId: string, customerId: string | null): Promise<void> {
  if (customerId) await tx.checkout.updateMany({ where: { shopId, token, customerId: null }, data: { customerId } });
  const checkout = await tx.checkout.findUnique({ where: { shopId_token: { shopId, token } }, select: { cartToken: true } });
  if (checkout?.cartToken) await linkCart(tx, shopId, checkout.cartToken, clientId, customerId);
}
