import type { Db } from "~/db.server";
import { findInBatches } from "~/services/queryBatches";
import { rawDate, rawInt, rawRows } from "./rawQuery.server";

/**
 * The rows behind a chunk of shoppers, read with a few queries per chunk instead of a few per
 * shopper. Customers are paged in id order; everything else is read for the chunk's id range
 * (`customerId BETWEEN first AND last`, served by the `(shopId, customerId, ...)` indexes), so no
 * query carries thousands of bound ids. Rows of ids in the range that are not in the chunk (an
 * order whose customer has not arrived yet) are read and ignored.
 *
 * Browsing is what the pixel saw for the customer or for a browser linked to them, within
 * `browseFrom`; baskets are carts and checkouts not completed, with activity since `basketFrom`,
 * linked to the customer directly, through one of their checkouts' cart token, or through a
 * linked browser.
 */
export type CustomerRow = {
  id: string;
  email: string | null;
  firstName: string | null;
  emailMarketingState: string;
  timeZone: string | null;
  locale: string | null;
  countryCode: string | null;
  redactedAt: Date | null;
  deletedAt: Date | null;
};
export type OrderRow = { id: string; customerId: string; processedAt: Date; subtotalMinor: number; customerLocale: string | null };
export type LineRow = { orderId: string; productId: string | null; categoryPath: string | null; quantity: number };
/** The ledger's replay needs kind, points and time (the id breaks ties); expiry is the rule's, so it is not read. */
export type LoyaltyRow = { customerId: string; id: string; kind: string; points: number; occurredAt: Date; expiresAt: null; orderId: null };
export type BrowseRow = {
  id: string;
  clientId: string;
  customerId: string | null;
  name: string;
  occurredAt: Date;
  url: string | null;
  referrer: string | null;
  productId: string | null;
  cartToken: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
};
export type CheckoutRow = {
  token: string;
  cartToken: string | null;
  customerId: string | null;
  totalMinor: number;
  lineItems: string;
  landingSite: string | null;
  utmSource: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  sourceUpdatedAt: Date;
  completedAt: Date | null;
};
export type CartRow = { token: string; customerId: string | null; clientId: string | null; totalMinor: number; lineItems: string; sourceUpdatedAt: Date };
export type MessageRow = { id: string; customerId: string; agent: string; subject: string; sendAt: Date | null };

export type ChunkRows = {
  customers: CustomerRow[];
  orders: OrderRow[];
  lines: LineRow[];
  loyalty: LoyaltyRow[];
  /** Browser -> customer links of the chunk's customers. */
  clients: { clientId: string; customerId: string }[];
  events: BrowseRow[];
  checkouts: CheckoutRow[];
  carts: CartRow[];
  messages: MessageRow[];
};

/** `excludeRunId`: a run replayed for the same moment sees what it saw the first time, not its own decisions. */
export type RowWindow = { now: Date; browseFrom: Date; basketFrom: Date; messagesFrom: Date; excludeRunId?: string };

/** Decision statuses that count as a message sent or on its way (budgets, cool-downs). */
export const MESSAGE_STATUSES = ["planned", "awaiting-approval", "approved", "sending", "sent"] as const;

const CUSTOMER_SELECT = {
  id: true,
  email: true,
  firstName: true,
  emailMarketingState: true,
  timeZone: true,
  locale: true,
  countryCode: true,
  redactedAt: true,
  deletedAt: true,
} as const;

/**
 * The shop's customers in id order, `size` at a time (keyset pagination: each page is one indexed
 * query). With `only` (an event run's few shoppers), each of those customers is its own page, so a
 * page's id range never spans the customers between them.
 */
export async function* customerPages(store: Db, shopId: string, size: number, only?: readonly string[]): AsyncGenerator<CustomerRow[]> {
  if (only) {
    const rows = await findInBatches([...only], (ids) => store.customer.findMany({ where: { shopId, id: { in: ids } }, select: CUSTOMER_SELECT }));
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const row of rows) yield [row];
    return;
  }
  let after: string | null = null;
  for (;;) {
    const page: CustomerRow[] = await store.customer.findMany({
      where: { shopId, ...(after === null ? {} : { id: { gt: after } }) },
      select: CUSTOMER_SELECT,
      orderBy: { id: "asc" },
      take: size,
    });
    if (page.length === 0) return;
    yield page;
    after = (page.at(-1) as CustomerRow).id;
    if (page.length < size) return;
  }
}

export async function loadChunkRows(store: Db, shopId: string, customers: CustomerRow[], window: RowWindow): Promise<ChunkRows> {
  const first = customers[0]?.id;
  const last = customers.at(-1)?.id;
  if (first === undefined || last === undefined) return { customers, orders: [], lines: [], loyalty: [], clients: [], events: [], checkouts: [], carts: [], messages: [] };
  const inRange = { gte: first, lte: last };
  const [purchases, loyalty, links, ownEvents, checkouts, ownCarts, messages] = await Promise.all([
    // Orders with their lines in one pass (an order without lines comes back once, with a null line).
    rawRows<{ id: string; customerId: string; processedAt: unknown; subtotalMinor: unknown; customerLocale: string | null; lineId: string | null; productId: string | null; categoryPath: string | null; quantity: unknown }>(
      store,
      `SELECT o."id", o."customerId", o."processedAt", o."subtotalMinor", o."customerLocale", li."id" AS "lineId", li."productId", li."categoryPath", li."quantity"
       FROM "Order" o LEFT JOIN "OrderLineItem" li ON li."shopId" = o."shopId" AND li."orderId" = o."id"
       WHERE o."shopId" = ? AND o."customerId" >= ? AND o."customerId" <= ? AND o."cancelledAt" IS NULL AND o."processedAt" <= ?`,
      [shopId, first, last, window.now],
    ),
    rawRows<{ customerId: string; id: string; kind: string; points: unknown; occurredAt: unknown }>(
      store,
      `SELECT "customerId", "id", "kind", "points", "occurredAt" FROM "LoyaltyEntry" WHERE "shopId" = ? AND "customerId" >= ? AND "customerId" <= ? AND "occurredAt" <= ?`,
      [shopId, first, last, window.now],
    ),
    store.pixelClient.findMany({ where: { shopId, customerId: inRange }, select: { clientId: true, customerId: true } }),
    store.browseEvent.findMany({ where: { shopId, customerId: inRange, occurredAt: { gte: window.browseFrom, lte: window.now } }, select: BROWSE_SELECT }),
    store.checkout.findMany({ where: { shopId, customerId: inRange, sourceUpdatedAt: { gte: window.basketFrom, lte: window.now } }, select: CHECKOUT_SELECT }),
    store.cart.findMany({ where: { shopId, customerId: inRange, convertedAt: null, sourceUpdatedAt: { gte: window.basketFrom, lte: window.now } }, select: CART_SELECT }),
    store.decision.findMany({
      where: {
        shopId,
        customerId: inRange,
        status: { in: [...MESSAGE_STATUSES] },
        sendAt: { gte: window.messagesFrom },
        ...(window.excludeRunId ? { runId: { not: window.excludeRunId } } : {}),
      },
      select: { id: true, customerId: true, agent: true, subject: true, sendAt: true },
    }),
  ]);
  const clients = links.flatMap((link) => (link.customerId ? [{ clientId: link.clientId, customerId: link.customerId }] : []));
  const clientIds = clients.map((client) => client.clientId);
  const cartTokens = [...new Set(checkouts.flatMap((checkout) => (checkout.cartToken ? [checkout.cartToken] : [])))];
  const [clientEvents, tokenCarts, clientCarts] = await Promise.all([
    findInBatches(clientIds, (ids) =>
      store.browseEvent.findMany({ where: { shopId, clientId: { in: ids }, occurredAt: { gte: window.browseFrom, lte: window.now } }, select: BROWSE_SELECT }),
    ),
    findInBatches(cartTokens, (tokens) =>
      store.cart.findMany({ where: { shopId, token: { in: tokens }, convertedAt: null, sourceUpdatedAt: { gte: window.basketFrom, lte: window.now } }, select: CART_SELECT }),
    ),
    findInBatches(clientIds, (ids) =>
      store.cart.findMany({ where: { shopId, clientId: { in: ids }, convertedAt: null, sourceUpdatedAt: { gte: window.basketFrom, lte: window.now } }, select: CART_SELECT }),
    ),
  ]);
  return {
    customers,
    ...splitPurchases(purchases),
    loyalty: loyalty.map((entry) => ({ ...entry, points: rawInt(entry.points), occurredAt: rawDate(entry.occurredAt), expiresAt: null, orderId: null })),
    clients,
    events: uniqueBy([...ownEvents, ...clientEvents], (event) => event.id),
    checkouts,
    carts: uniqueBy([...ownCarts, ...tokenCarts, ...clientCarts], (cart) => cart.token),
    messages,
  };
}

const BROWSE_SELECT = {
  id: true,
  clientId: true,
  customerId: true,
  name: true,
  occurredAt: true,
  url: true,
  referrer: true,
  productId: true,
  cartToken: true,
  utmSource: true,
  utmMedium: true,
  utmCampaign: true,
} as const;

const CHECKOUT_SELECT = {
  token: true,
  cartToken: true,
  customerId: true,
  totalMinor: true,
  lineItems: true,
  landingSite: true,
  utmSource: true,
  utmCampaign: true,
  utmContent: true,
  sourceUpdatedAt: true,
  completedAt: true,
} as const;

const CART_SELECT = { token: true, customerId: true, clientId: true, totalMinor: true, lineItems: true, sourceUpdatedAt: true } as const;

function splitPurchases(
  rows: readonly { id: string; customerId: string; processedAt: unknown; subtotalMinor: unknown; customerLocale: string | null; lineId: string | null; productId: string | null; categoryPath: string | null; quantity: unknown }[],
): { orders: OrderRow[]; lines: LineRow[] } {
  const orders = new Map<string, OrderRow>();
  const lines: LineRow[] = [];
  for (const row of rows) {
    if (!orders.has(row.id)) orders.set(row.id, { id: row.id, customerId: row.customerId, processedAt: rawDate(row.processedAt), subtotalMinor: rawInt(row.subtotalMinor), customerLocale: row.customerLocale });
    if (row.lineId !== null) lines.push({ orderId: row.id, productId: row.productId, categoryPath: row.categoryPath, quantity: rawInt(row.quantity) });
  }
  return { orders: [...orders.values()], lines };
}

function uniqueBy<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}
