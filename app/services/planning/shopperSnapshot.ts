import { z } from "zod";
import { AGENT_NAMES, type AgentName, type BasketSnapshot, type CategoryPurchases, type ShopperSnapshot } from "~/domain/agents/contract";
import { parseUtm } from "~/domain/events/utm";
import type { LoyaltyRule } from "~/domain/loyalty/loyaltyRule";
import { purchaseOccasions } from "~/domain/catalog/depletion";
import { DEFAULT_PERSONAL_SETTINGS, personalBestsellers } from "~/domain/models/bestsellers/personalBestsellers";
import { scoreCustomer } from "~/domain/models/btyd/clv";
import { estimateCadence } from "~/domain/models/cadence/cadence";
import { summariseForBtyd } from "~/domain/models/eventLog";
import { intentSessions } from "~/domain/models/intent/intentSessions";
import { scoreIntent } from "~/domain/models/intent/intentScore";
import { basketState } from "~/domain/profiles/basketState";
import { sessionise } from "~/domain/profiles/browsingSessions";
import { summariseLoyalty } from "~/domain/profiles/loyaltySummary";
import type { PlanningModels } from "./planningModels.server";
import type { BrowseRow, CartRow, CheckoutRow, ChunkRows, CustomerRow, LineRow, LoyaltyRow, MessageRow, OrderRow } from "./shopperRows.server";

/**
 * Pure assembly of shopper snapshots from a chunk's rows and the run's models: no I/O, so the same
 * rows and models always give the same snapshots. Each shopper's rows are grouped once (maps keyed
 * by customer), then every model is applied to that shopper's slice only.
 */
export type SnapshotShop = {
  currencyCode: string;
  ianaTimezone: string;
  settings: { loyaltyRule: LoyaltyRule; abandonmentDelayMinutes: number };
};

export function assembleSnapshots(
  rows: ChunkRows,
  shop: SnapshotShop,
  models: PlanningModels,
  now: Date,
  suppressions: ReadonlyMap<string, string> = new Map(),
): ShopperSnapshot[] {
  const ordersOf = groupBy(rows.orders, (order) => order.customerId);
  const orderById = new Map(rows.orders.map((order) => [order.id, order]));
  const linesOf = groupBy(rows.lines, (line) => orderById.get(line.orderId)?.customerId ?? "");
  const loyaltyOf = groupBy(rows.loyalty, (entry) => entry.customerId);
  const customerOfClient = new Map(rows.clients.map((client) => [client.clientId, client.customerId]));
  const eventsOf = groupBy(rows.events, (event) => customerOfClient.get(event.clientId) ?? event.customerId ?? "");
  const messagesOf = groupBy(rows.messages, (message) => message.customerId);
  const completedCarts = new Set(rows.checkouts.flatMap((checkout) => (checkout.completedAt && checkout.cartToken ? [checkout.cartToken] : [])));
  const checkoutOfCart = new Map(rows.checkouts.flatMap((checkout) => (checkout.cartToken ? [[checkout.cartToken, checkout] as const] : [])));
  const checkoutsOf = groupBy(
    rows.checkouts.filter((checkout) => !checkout.completedAt),
    (checkout) => checkout.customerId ?? "",
  );
  const cartsOf = groupBy(
    rows.carts.filter((cart) => !completedCarts.has(cart.token)),
    (cart) => cart.customerId ?? checkoutOfCart.get(cart.token)?.customerId ?? (cart.clientId ? customerOfClient.get(cart.clientId) : undefined) ?? "",
  );

  return rows.customers.map((customer) => {
    const orders = ordersOf.get(customer.id) ?? [];
    const lines = linesOf.get(customer.id) ?? [];
    const events = eventsOf.get(customer.id) ?? [];
    let latest: OrderRow | null = null;
    let latestLocale: { at: number; locale: string } | null = null;
    let spent = 0;
    for (const order of orders) {
      spent += order.subtotalMinor;
      const at = order.processedAt.getTime();
      if (!latest || at > latest.processedAt.getTime()) latest = order;
      if (order.customerLocale && (!latestLocale || at > latestLocale.at)) latestLocale = { at, locale: order.customerLocale };
    }
    const orderedAt = new Map(orders.map((order) => [order.id, order.processedAt]));
    const purchases: Purchase[] = [];
    const owned = new Set<string>();
    for (const line of lines) {
      const at = orderedAt.get(line.orderId);
      if (at) purchases.push({ orderId: line.orderId, productId: line.productId, categoryPath: line.categoryPath, quantity: line.quantity, at });
      if (line.productId) owned.add(line.productId);
    }
    return {
      customerId: customer.id,
      firstName: customer.firstName,
      email: customer.email,
      emailMarketingState: customer.emailMarketingState,
      // Unknown stays null: the planner then uses the shop's zone and says so in the trace.
      timeZone: customer.timeZone,
      locale: customer.locale ?? latestLocale?.locale ?? null,
      countryCode: customer.countryCode,
      suppressed: suppression(customer, suppressions),
      orders: {
        count: orders.length,
        lastAt: latest?.processedAt ?? null,
        ownedProductIds: owned,
        averageOrderMinor: orders.length ? Math.round(spent / orders.length) : null,
      },
      categories: categoryPurchases(purchases, models, now),
      loyalty: loyaltyStanding(loyaltyOf.get(customer.id) ?? [], shop.settings.loyaltyRule, now),
      baskets: basketSnapshots(checkoutsOf.get(customer.id) ?? [], cartsOf.get(customer.id) ?? [], checkoutOfCart, events, shop, now),
      intent: currentIntent(customer.id, events, models),
      ...lifetimeValue(customer.id, orders, models, now),
      bestsellers: personalBestsellers(
        models.bestsellers.ranking,
        { purchases, productViews: events.flatMap((event) => (event.name === "product_viewed" && event.productId ? [{ productId: event.productId, at: event.occurredAt }] : [])) },
        models.bestsellers.categoryOfProduct,
        DEFAULT_PERSONAL_SETTINGS,
        now,
      ),
      recentMessages: recentMessages(messagesOf.get(customer.id) ?? []),
    };
  });
}

function suppression(customer: CustomerRow, hooked: ReadonlyMap<string, string>): ShopperSnapshot["suppressed"] {
  if (customer.redactedAt) return { reason: "redacted" };
  if (customer.deletedAt) return { reason: "deleted" };
  const reason = hooked.get(customer.id);
  return reason ? { reason } : null;
}

type Purchase = LineRow & { at: Date };

function categoryPurchases(purchases: readonly Purchase[], models: PlanningModels, now: Date): CategoryPurchases[] {
  const byCategory = groupBy(
    purchases.filter((line) => line.categoryPath !== null && line.quantity > 0),
    (line) => line.categoryPath as string,
  );
  return [...byCategory.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([categoryPath, list]) => {
      const occasions = purchaseOccasions(list);
      // The latest line; on the same day, the larger quantity, then the smaller product id.
      let latest: Purchase | null = null;
      for (const line of list) if (!latest || laterLine(line, latest)) latest = line;
      const timeline = models.timelines.get(categoryPath) ?? null;
      const needsPool = !timeline?.depletionDays && !timeline?.suggestedDepletionDays;
      return {
        categoryPath,
        purchasedAt: occasions.map((occasion) => occasion.at),
        lastProductId: latest?.productId ?? null,
        lastQuantity: occasions.at(-1)?.quantity ?? 0,
        cadence: estimateCadence({ purchases: list, category: timeline, pooled: needsPool ? (models.pooled.get(categoryPath) ?? null) : null, now }),
      };
    });
}

function laterLine(a: Purchase, b: Purchase): boolean {
  const byTime = a.at.getTime() - b.at.getTime();
  if (byTime !== 0) return byTime > 0;
  if (a.quantity !== b.quantity) return a.quantity > b.quantity;
  return (a.productId ?? "") < (b.productId ?? "");
}

function loyaltyStanding(entries: readonly LoyaltyRow[], rule: LoyaltyRule, now: Date): ShopperSnapshot["loyalty"] {
  const summary = summariseLoyalty(rule, entries, now);
  const next = [...rule.rewardTiers].sort((a, b) => a.points - b.points).find((tier) => tier.points > summary.balance) ?? null;
  return { balance: summary.balance, nextExpiry: summary.nextExpiry, nextTier: next ? { name: next.name, points: next.points, rewardMinor: next.rewardMinor } : null };
}

const BasketLine = z.object({ productId: z.string().nullable(), variantId: z.string().nullable(), title: z.string(), quantity: z.number(), priceMinor: z.number() });
const BasketLines = z.array(BasketLine);

function parseLines(json: string): BasketSnapshot["lines"] {
  try {
    const parsed = BasketLines.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function basketSnapshots(
  checkouts: readonly CheckoutRow[],
  carts: readonly CartRow[],
  checkoutOfCart: ReadonlyMap<string, CheckoutRow>,
  events: readonly BrowseRow[],
  shop: SnapshotShop,
  now: Date,
): BasketSnapshot[] {
  const delayMinutes = shop.settings.abandonmentDelayMinutes;
  const state = (lastActivityAt: Date) => basketState({ lastActivityAt, completedAt: null, now, delayMinutes }).abandonedAt;
  const fromCheckouts = checkouts.map((checkout): BasketSnapshot => ({
    kind: "checkout",
    token: checkout.token,
    lastActivityAt: checkout.sourceUpdatedAt,
    abandonedAt: state(checkout.sourceUpdatedAt),
    totalMinor: checkout.totalMinor,
    lines: parseLines(checkout.lineItems),
    utmSource: checkout.utmSource,
    utmCampaign: checkout.utmCampaign,
    utmContent: checkout.utmContent,
    landingSite: checkout.landingSite,
    completedAt: null,
    cartToken: checkout.cartToken,
  }));
  const fromCarts = carts.map((cart): BasketSnapshot => {
    const checkout = checkoutOfCart.get(cart.token);
    const visit = checkout ? null : visitOfCart(cart.token, events);
    return {
      kind: "cart",
      token: cart.token,
      lastActivityAt: cart.sourceUpdatedAt,
      abandonedAt: state(cart.sourceUpdatedAt),
      totalMinor: cart.totalMinor,
      lines: parseLines(cart.lineItems),
      utmSource: checkout?.utmSource ?? visit?.utm.source ?? null,
      utmCampaign: checkout?.utmCampaign ?? visit?.utm.campaign ?? null,
      utmContent: checkout?.utmContent ?? (visit ? parseUtm(visit.landingUrl).content : null),
      landingSite: checkout?.landingSite ?? visit?.landingUrl ?? null,
      completedAt: null,
      cartToken: cart.token,
    };
  });
  return [...fromCheckouts, ...fromCarts].sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || a.token.localeCompare(b.token));
}

/** The browsing session in which the cart was first seen: its landing page and UTM are why the shopper came. */
function visitOfCart(token: string, events: readonly BrowseRow[]) {
  const seen = events.filter((event) => event.cartToken === token).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())[0];
  if (!seen) return null;
  const sessions = sessionise(events.filter((event) => event.clientId === seen.clientId));
  return sessions.find((session) => session.startedAt <= seen.occurredAt && seen.occurredAt <= session.endedAt) ?? null;
}

function currentIntent(customerId: string, events: readonly BrowseRow[], models: PlanningModels): ShopperSnapshot["intent"] {
  if (events.length === 0) return null;
  const latest = intentSessions(events.map((event) => ({ ...event, visitorId: customerId }))).at(-1);
  return latest ? scoreIntent(latest.signals, models.intent.settings, models.intent.model) : null;
}

function lifetimeValue(customerId: string, orders: readonly OrderRow[], models: PlanningModels, now: Date): { pclvMinor: number | null; pAlive: number | null } {
  if (!models.btyd.ok || orders.length === 0) return { pclvMinor: null, pAlive: null };
  const history = summariseForBtyd(
    orders.map((order) => ({ customerId, date: order.processedAt, amount: order.subtotalMinor })),
    now,
  ).customers[0];
  if (!history) return { pclvMinor: null, pAlive: null };
  const score = scoreCustomer(models.btyd.model, history, models.clv);
  return { pclvMinor: score.pclv === null ? null : Math.round(score.pclv), pAlive: round(score.probabilityAlive, 4) };
}

function recentMessages(rows: readonly MessageRow[]): ShopperSnapshot["recentMessages"] {
  return rows
    .flatMap((row) => (isAgent(row.agent) && row.sendAt ? [{ agent: row.agent, sendAt: row.sendAt, proposalId: row.id, subject: row.subject }] : []))
    .sort((a, b) => b.sendAt.getTime() - a.sendAt.getTime() || a.agent.localeCompare(b.agent));
}

function isAgent(name: string): name is AgentName {
  return (AGENT_NAMES as readonly string[]).includes(name);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
