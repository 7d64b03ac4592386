import { z } from "zod";
import { effectiveDepletionDays } from "../catalog/depletion";
import type { LoyaltyRule } from "../loyalty/loyaltyRule";
import { basketState, type BasketState } from "./basketState";
import { summariseBrowsing, sessionise, type BrowseEventFact, type BrowseSession, type BrowsingSummary } from "./browsingSessions";
import { categoryHistories, type CategoryHistory } from "./categoryHistory";
import { canEmail, displayName, parseStringList, zoneAndLocale, type ZoneAndLocale } from "./identity";
import { summariseLoyalty, type LoyaltyEntryFact, type LoyaltySummary } from "./loyaltySummary";
import { summariseTrafficSources, type TouchPoint, type TrafficSummary } from "./trafficSources";

/**
 * The unified customer profile: everything the app knows about one shopper, derived at read time
 * from the projected rows (pure: the service loads the rows, this decides what they mean).
 */
export type CustomerFacts = {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  locale: string | null;
  timeZone: string | null;
  countryCode: string | null;
  provinceCode: string | null;
  tags: string;
  state: string | null;
  emailMarketingState: string;
  emailMarketingOptInLevel: string | null;
  emailConsentUpdatedAt: Date | null;
  shopifyCreatedAt: Date | null;
  redactedAt: Date | null;
  deletedAt: Date | null;
};

type Utm = { utmSource: string | null; utmMedium: string | null; utmCampaign: string | null };

export type OrderFacts = Utm & {
  id: string;
  name: string;
  processedAt: Date;
  cancelledAt: Date | null;
  financialStatus: string | null;
  currencyCode: string;
  totalMinor: number;
  discountMinor: number;
  discountCodes: string;
  customerLocale: string | null;
  lineItems: { id: string; productId: string | null; title: string; quantity: number; priceMinor: number; discountMinor: number; categoryPath: string | null }[];
};

export type CartFacts = { token: string; totalMinor: number; currencyCode: string | null; lineItems: string; shopifyCreatedAt: Date; sourceUpdatedAt: Date; convertedAt: Date | null };

export type CheckoutFacts = Utm & {
  token: string;
  cartToken: string | null;
  totalMinor: number;
  currencyCode: string;
  lineItems: string;
  shopifyCreatedAt: Date;
  sourceUpdatedAt: Date;
  completedAt: Date | null;
};

export type ProfileInput = {
  customer: CustomerFacts;
  shop: { ianaTimezone: string; currencyCode: string };
  settings: { loyaltyRule: LoyaltyRule; abandonmentDelayMinutes: number };
  orders: readonly OrderFacts[];
  categories: readonly { path: string; depletionDays: number | null; suggestedDepletionDays: number | null }[];
  carts: readonly CartFacts[];
  checkouts: readonly CheckoutFacts[];
  browseEvents: readonly BrowseEventFact[];
  pixelClients: readonly { clientId: string; firstSeenAt: Date; lastSeenAt: Date; linkedAt: Date | null }[];
  loyaltyEntries: readonly LoyaltyEntryFact[];
};

const BasketLine = z.object({ productId: z.string().nullable(), variantId: z.string().nullable(), title: z.string(), quantity: z.number(), priceMinor: z.number() });
export type BasketLine = z.infer<typeof BasketLine>;

export type BasketView = {
  token: string;
  kind: "cart" | "checkout";
  state: BasketState;
  abandonedAt: Date | null;
  totalMinor: number;
  currencyCode: string;
  lines: BasketLine[];
  createdAt: Date;
  updatedAt: Date;
};

export type CustomerProfile = {
  identity: {
    id: string;
    displayName: string;
    email: string | null;
    firstName: string | null;
    lastName: string | null;
    phone: string | null;
    state: string | null;
    tags: string[];
    countryCode: string | null;
    provinceCode: string | null;
    createdAt: Date | null;
    redactedAt: Date | null;
    deletedAt: Date | null;
  };
  consent: { state: string; optInLevel: string | null; changedAt: Date | null; canEmail: boolean };
  zone: ZoneAndLocale;
  orders: {
    count: number;
    cancelled: number;
    spentMinor: number;
    averageOrderMinor: number | null;
    currencyCode: string;
    firstAt: Date | null;
    lastAt: Date | null;
    /** Newest first. */
    list: (Omit<OrderFacts, "discountCodes" | "customerLocale"> & { discountCodes: string[] })[];
  };
  categories: CategoryHistory[];
  loyalty: LoyaltySummary;
  traffic: TrafficSummary;
  baskets: { list: BasketView[]; openCarts: number; abandonedCarts: number; abandonedCheckouts: number };
  browsing: BrowsingSummary & { recentSessions: BrowseSession[]; linkedClients: ProfileInput["pixelClients"] };
};

export function buildCustomerProfile(input: ProfileInput, now: Date): CustomerProfile {
  const { customer } = input;
  const orders = [...input.orders].sort((a, b) => b.processedAt.getTime() - a.processedAt.getTime());
  const live = orders.filter((order) => !order.cancelledAt);
  const spentMinor = live.reduce((sum, order) => sum + order.totalMinor, 0);
  const depletion = new Map(input.categories.map((category) => [category.path, effectiveDepletionDays(category)]));
  const lines = live.flatMap((order) => order.lineItems.map((item) => ({ ...item, orderId: order.id, orderedAt: order.processedAt })));
  const sessions = sessionise(input.browseEvents.filter((event) => event.occurredAt.getTime() <= now.getTime()));
  return {
    identity: {
      id: customer.id,
      displayName: displayName(customer),
      email: customer.email,
      firstName: customer.firstName,
      lastName: customer.lastName,
      phone: customer.phone,
      state: customer.state,
      tags: parseStringList(customer.tags),
      countryCode: customer.countryCode,
      provinceCode: customer.provinceCode,
      createdAt: customer.shopifyCreatedAt,
      redactedAt: customer.redactedAt,
      deletedAt: customer.deletedAt,
    },
    consent: {
      state: customer.emailMarketingState,
      optInLevel: customer.emailMarketingOptInLevel,
      changedAt: customer.emailConsentUpdatedAt,
      canEmail: canEmail(customer),
    },
    zone: zoneAndLocale(customer, input.shop.ianaTimezone, orders.find((order) => order.customerLocale)?.customerLocale ?? null),
    orders: {
      count: live.length,
      cancelled: orders.length - live.length,
      spentMinor,
      averageOrderMinor: live.length ? Math.round(spentMinor / live.length) : null,
      currencyCode: input.shop.currencyCode,
      firstAt: live.at(-1)?.processedAt ?? null,
      lastAt: live[0]?.processedAt ?? null,
      list: orders.map(({ discountCodes, customerLocale: _locale, ...order }) => ({ ...order, discountCodes: parseStringList(discountCodes) })),
    },
    categories: categoryHistories(lines, (path) => depletion.get(path) ?? null, now),
    loyalty: summariseLoyalty(input.settings.loyaltyRule, input.loyaltyEntries, now),
    traffic: summariseTrafficSources(touchPoints(input, sessions)),
    baskets: baskets(input, now),
    browsing: {
      ...summariseBrowsing(input.browseEvents, now),
      recentSessions: sessions.slice(-10).reverse(),
      linkedClients: input.pixelClients,
    },
  };
}

function touchPoints(input: ProfileInput, sessions: readonly BrowseSession[]): TouchPoint[] {
  const utm = (row: Utm) => ({ source: row.utmSource, medium: row.utmMedium, campaign: row.utmCampaign });
  return [
    ...input.orders.map((order): TouchPoint => ({ kind: "order", at: order.processedAt, ...utm(order) })),
    ...input.checkouts.map((checkout): TouchPoint => ({ kind: "checkout", at: checkout.shopifyCreatedAt, ...utm(checkout) })),
    ...sessions.map((session): TouchPoint => ({ kind: "visit", at: session.startedAt, ...session.utm })),
  ];
}

function baskets(input: ProfileInput, now: Date): CustomerProfile["baskets"] {
  const delayMinutes = input.settings.abandonmentDelayMinutes;
  const carts = input.carts.map((cart): BasketView => ({
    token: cart.token,
    kind: "cart",
    ...basketState({ lastActivityAt: cart.sourceUpdatedAt, completedAt: cart.convertedAt, now, delayMinutes }),
    totalMinor: cart.totalMinor,
    currencyCode: cart.currencyCode ?? input.shop.currencyCode,
    lines: parseLines(cart.lineItems),
    createdAt: cart.shopifyCreatedAt,
    updatedAt: cart.sourceUpdatedAt,
  }));
  const checkouts = input.checkouts.map((checkout): BasketView => ({
    token: checkout.token,
    kind: "checkout",
    ...basketState({ lastActivityAt: checkout.sourceUpdatedAt, completedAt: checkout.completedAt, now, delayMinutes }),
    totalMinor: checkout.totalMinor,
    currencyCode: checkout.currencyCode,
    lines: parseLines(checkout.lineItems),
    createdAt: checkout.shopifyCreatedAt,
    updatedAt: checkout.sourceUpdatedAt,
  }));
  const list = [...carts, ...checkouts].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  return {
    list,
    openCarts: carts.filter((cart) => cart.state === "open").length,
    abandonedCarts: carts.filter((cart) => cart.state === "abandoned").length,
    abandonedCheckouts: checkouts.filter((checkout) => checkout.state === "abandoned").length,
  };
}

function parseLines(json: string): BasketLine[] {
  try {
    const parsed = z.array(BasketLine).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
