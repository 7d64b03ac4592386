import { parseShopifyJson } from "~/domain/shared/ids";
import type { DbTransaction } from "~/services/recordInboxEvent.server";
import { concernsCustomer, type PersonKeys } from "./personalData";
import { findInBatches } from "~/services/queryBatches";

/**
 * Everything one shop stores about one customer, found the same way for a data request (to export
 * it) and a redaction (to erase it):
 * - the customer row;
 * - orders: theirs by customer id, those the request names, and guest orders (no customer id)
 *   placed with their email; with those orders' line items;
 * - checkouts: theirs, guest checkouts with their email, and those their orders completed;
 * - browsers (pixel clients) linked to them, and browse events of theirs or of those browsers;
 * - carts: theirs, those of their checkouts and orders (cart_token), and those of their browsers;
 * - loyalty ledger entries;
 * - the planner's decisions about them (what was planned, dropped or sent, with its reasoning) and
 *   the messages written for them (copy, checks, approvals);
 * - raw inbox events about any of these (candidates by substring, confirmed by parsing; a body
 *   that is not JSON counts when it contains their email).
 */
export type CustomerRequest = { customerId: string; email: string | null; orderIds: readonly string[] };

export async function customerFootprint(tx: DbTransaction, shopId: string, request: CustomerRequest) {
  const { customerId } = request;
  const customer = await tx.customer.findUnique({ where: { shopId_id: { shopId, id: customerId } } });
  const emails = [...new Set([customer?.email, request.email].flatMap((email) => (email ? [email, email.trim().toLowerCase()] : [])))];
  const orders = unique(
    [
      ...(await tx.order.findMany({ where: { shopId, customerId } })),
      ...(await findInBatches(request.orderIds, (ids) => tx.order.findMany({ where: { shopId, id: { in: ids } } }))),
      ...(emails.length ? await tx.order.findMany({ where: { shopId, customerId: null, email: { in: emails } } }) : []),
    ],
    (order) => order.id,
  ).sort((a, b) => a.processedAt.getTime() - b.processedAt.getTime() || a.id.localeCompare(b.id));
  const orderIds = orders.map((order) => order.id);
  const checkoutTokens = orders.flatMap((order) => (order.checkoutToken ? [order.checkoutToken] : []));
  const lineItems = await findInBatches(orderIds, (ids) => tx.orderLineItem.findMany({ where: { shopId, orderId: { in: ids } }, orderBy: [{ orderId: "asc" }, { id: "asc" }] }));
  const checkouts = unique(
    [
      ...(await tx.checkout.findMany({ where: { shopId, customerId } })),
      ...(await findInBatches(checkoutTokens, (tokens) => tx.checkout.findMany({ where: { shopId, token: { in: tokens } } }))),
      ...(emails.length ? await tx.checkout.findMany({ where: { shopId, customerId: null, email: { in: emails } } }) : []),
    ],
    (checkout) => checkout.token,
  ).sort((a, b) => a.shopifyCreatedAt.getTime() - b.shopifyCreatedAt.getTime());
  const pixelClients = await tx.pixelClient.findMany({ where: { shopId, customerId }, orderBy: { firstSeenAt: "asc" } });
  const loyaltyEntries = await tx.loyaltyEntry.findMany({ where: { shopId, customerId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
  const decisions = await tx.decision.findMany({ where: { shopId, customerId }, orderBy: [{ moment: "asc" }, { id: "asc" }] });
  const messages = await tx.message.findMany({ where: { shopId, customerId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const clientIds = pixelClients.map((client) => client.clientId);
  const cartTokens = [...new Set([...orders, ...checkouts].flatMap((row) => (row.cartToken ? [row.cartToken] : [])))];
  const carts = unique(
    [
      ...(await tx.cart.findMany({ where: { shopId, customerId } })),
      ...(await findInBatches(cartTokens, (tokens) => tx.cart.findMany({ where: { shopId, token: { in: tokens } } }))),
      ...(await findInBatches(clientIds, (ids) => tx.cart.findMany({ where: { shopId, clientId: { in: ids } } }))),
    ],
    (cart) => cart.token,
  ).sort((a, b) => a.shopifyCreatedAt.getTime() - b.shopifyCreatedAt.getTime());
  const browseEvents = unique(
    [
      ...(await tx.browseEvent.findMany({ where: { shopId, customerId } })),
      ...(await findInBatches(clientIds, (ids) => tx.browseEvent.findMany({ where: { shopId, clientId: { in: ids } } }))),
    ],
    (event) => event.id,
  ).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id));
  const keys: PersonKeys = {
    customerId,
    emails: new Set(emails.map((email) => email.toLowerCase())),
    orderIds: new Set(orderIds),
    clientIds: new Set(clientIds),
    cartTokens: new Set(carts.map((cart) => cart.token)),
  };
  const inboxEvents = await inboxEventsAbout(tx, shopId, keys);
  return { customer, emails, orders, lineItems, checkouts, pixelClients, loyaltyEntries, decisions, messages, carts, browseEvents, inboxEvents, keys };
}

function unique<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}

export type CustomerFootprint = Awaited<ReturnType<typeof customerFootprint>>;

/**
 * Raw inbox events about the customer. Payloads are text, so candidates are found by substring
 * (their id, emails, order ids, browsers, cart tokens) and confirmed by parsing, which drops
 * coincidental matches such as an id's digits inside a price.
 */
export type InboxEventAbout = { id: number; source: string; topic: string; status: string; receivedAt: Date; payload: string; parsed: unknown };

async function inboxEventsAbout(tx: DbTransaction, shopId: string, keys: PersonKeys): Promise<InboxEventAbout[]> {
  const needles = [keys.customerId, ...keys.emails, ...keys.orderIds, ...keys.clientIds, ...keys.cartTokens];
  const candidates = unique(
    await findInBatches(needles, (batch) =>
      tx.inboxEvent.findMany({
        where: { shopId, OR: batch.map((needle) => ({ payload: { contains: needle } })) },
        select: { id: true, source: true, topic: true, status: true, receivedAt: true, payload: true },
      }),
    ),
    (row) => String(row.id),
  ).sort((a, b) => a.id - b.id);
  return candidates.flatMap((row): InboxEventAbout[] => {
    const payload = parseOrNull(row.payload);
    if (payload === null) {
      // An unreadable body (kept as invalid) cannot be parsed to confirm; an email in it is enough.
      const text = row.payload.toLowerCase();
      return [...keys.emails].some((email) => text.includes(email)) ? [{ ...row, parsed: null }] : [];
    }
    return concernsCustomer(row.source, row.topic, payload, keys) ? [{ ...row, parsed: payload }] : [];
  });
}

function parseOrNull(text: string): unknown {
  try {
    return parseShopifyJson(text);
  } catch {
    return null;
  }
}
