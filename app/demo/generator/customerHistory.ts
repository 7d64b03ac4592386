import type { LoyaltyRule } from "../../domain/loyalty/loyaltyRule";
import { DAY_MS } from "../../domain/shared/time";
import { simulateBrowsing, type Shopper } from "./browsing";
import { campaignNamed, type VisitKind } from "./campaigns";
import type { DemoCatalog } from "./catalog";
import type { CheckoutIdentity } from "./carts";
import { consentJson, customerJson } from "./customerPayloads";
import * as ids from "./ids";
import { orderJson, type OrderTokens } from "./orderPayloads";
import { planOrders, type PlannedOrder } from "./orderPlanning";
import { addressJson } from "./payloadParts";
import type { CartWebhookJson, CheckoutWebhookJson } from "./basketPayloadTypes";
import type { ConsentWebhookJson, CustomerWebhookJson, OrderWebhookJson } from "./payloadTypes";
import { acceptsMarketingAt, makePersona, type AccountState, type ConsentState, type Persona } from "./personas";
import type { PixelSession } from "./pixelTypes";
import { simulatePurchases, type CategoryHabit, type CustomerStatus, type PurchasePlan } from "./purchaseSimulation";
import type { Random } from "./random";

/**
 * Everything the demo store knows about one customer: the webhook payloads and pixel sessions the
 * app will ingest, and the ground truth they were generated from (for tests and model validation).
 */
export type CustomerTruth = {
  index: number;
  customerId: number;
  regionKey: string;
  countryCode: string;
  inEu: boolean;
  locale: string;
  timeZone: string;
  accountState: AccountState;
  consentState: ConsentState;
  acquiredAt: Date;
  acquisitionChannel: VisitKind;
  acquisitionCampaign: string | null;
  favouriteCampaign: string | null;
  status: CustomerStatus;
  categories: CategoryHabit[];
  spendLevel: number;
  dropoutProbability: number;
  droppedOutAt: Date | null;
  lapsedAt: Date | null;
  loyaltyPointsEarned: number;
  loyaltyPointsRedeemed: number;
};

export type CustomerHistory = {
  index: number;
  customer: CustomerWebhookJson;
  consent: ConsentWebhookJson;
  orders: OrderWebhookJson[];
  sessions: PixelSession[];
  /** Each cart's successive payloads: the first is carts/create, the rest carts/update. */
  carts: CartWebhookJson[][];
  /** Each checkout's successive payloads: the first is checkouts/create, the rest checkouts/update. */
  checkouts: CheckoutWebhookJson[][];
  truth: CustomerTruth;
};

export type GenerationContext = { root: Random; catalog: DemoCatalog; now: Date; months: number; browseDays: number; loyaltyRule: LoyaltyRule };

export function generateCustomer(context: GenerationContext, index: number): CustomerHistory {
  const { catalog, now } = context;
  const rng = context.root.fork(`customer:${index}`);
  const persona = makePersona(rng.fork("persona"), index, now, context.months);
  const plan = simulatePurchases(rng.fork("purchases"), persona, now);
  const planned = planOrders(rng.fork("orders"), catalog, persona, plan, context.loyaltyRule, now);
  const tags = customerTags(persona, planned);
  const customerAsOf = (at: Date): CustomerWebhookJson => customerJson(persona, at, tags);
  const identity: CheckoutIdentity = {
    email: persona.email,
    phone: persona.phone,
    locale: persona.locale,
    address: addressJson(persona),
    customerAsOf,
    acceptsMarketingAt: (at) => acceptsMarketingAt(persona.consent, at),
  };
  const windowStart = new Date(now.getTime() - context.browseDays * DAY_MS);
  const browsingRng = rng.fork("browsing");
  const browsing = simulateBrowsing(browsingRng, catalog, shopperOf(persona, plan, identity), {
    windowStart,
    now,
    purchases: planned
      .filter((order) => order.sourceName === "web" && order.at.getTime() >= windowStart.getTime())
      .map((order) => ({ order, orderId: ids.orderId(index, order.sequence) })),
    browseSessions: browsingRng.poisson(engagement(persona, plan, now) * (context.browseDays / 30)),
    intentSessions: dueSoon(plan, now) ? browsingRng.poisson(2) : 0,
    acceptsMarketingAt: identity.acceptsMarketingAt,
  });

  const tokenRng = rng.fork("tokens");
  let lineItemCounter = 0;
  const orders = planned.map((order) =>
    orderJson(tokenRng, persona, order, browsing.orderTokens.get(order.sequence) ?? tokensOutsideWindow(tokenRng, order), customerAsOf(order.at), now, () =>
      ids.lineItemId(index, lineItemCounter++),
    ),
  );
  const lastActivity = Math.max(persona.acquiredAt.getTime(), persona.consent.updatedAt?.getTime() ?? 0, planned.at(-1)?.at.getTime() ?? 0);
  return {
    index,
    customer: customerAsOf(new Date(lastActivity)),
    consent: consentJson(persona, now),
    orders,
    sessions: browsing.sessions,
    carts: browsing.book.carts,
    checkouts: browsing.book.checkouts,
    truth: truthOf(persona, plan, planned),
  };
}

function shopperOf(persona: Persona, plan: PurchasePlan, identity: CheckoutIdentity): Shopper {
  return {
    customerId: persona.id,
    locale: persona.locale,
    timeZone: persona.timeZone,
    devices: persona.devices,
    logInShare: persona.logInShare,
    // Sign-ups without orders still came for something: the theme of the campaign that found them.
    interests: plan.habits.length > 0 ? plan.habits.map((habit) => habit.path) : plan.favouriteCampaign ? campaignNamed(plan.favouriteCampaign).categories : [],
    favouriteCampaign: plan.favouriteCampaign,
    identity,
  };
}

/**
 * Expected storefront visits a month beyond those that end in orders. Frequent buyers browse more
 * and customers who have stopped buying rarely come back: the signal an intent model learns.
 */
function engagement(persona: Persona, plan: PurchasePlan, now: Date): number {
  if (plan.status === "signup_only") return 0.6;
  if (plan.status !== "active") return 0.12;
  const monthsAsCustomer = Math.max(1, (now.getTime() - persona.acquiredAt.getTime()) / (30 * DAY_MS));
  return 0.5 + 2 * Math.min(1.5, plan.occasions.length / monthsAsCustomer);
}

/** An active customer whose next purchase in some category falls due around now. */
function dueSoon(plan: PurchasePlan, now: Date): boolean {
  return plan.habits.some((habit) => {
    if (!habit.nextDueAt) return false;
    const days = (habit.nextDueAt.getTime() - now.getTime()) / DAY_MS;
    return days >= -20 && days <= 7;
  });
}

/** Orders before the browsing window still have Shopify tokens; the pixel simply never saw them. */
function tokensOutsideWindow(rng: Random, order: PlannedOrder): OrderTokens {
  if (order.sourceName === "pos") return { cartToken: null, checkoutToken: null };
  const checkoutToken = ids.checkoutToken(rng);
  return { cartToken: order.sourceName === "web" ? ids.cartToken(rng, order.at) : null, checkoutToken };
}

function customerTags(persona: Persona, orders: readonly PlannedOrder[]): string[] {
  const tags: string[] = [];
  if (persona.signupOnly) tags.push("newsletter", "prospect");
  else if (persona.consent.state === "subscribed") tags.push("newsletter");
  if (orders.some((order) => order.discount?.loyaltyPoints)) tags.push("loyalty");
  if (orders.length >= 6) tags.push("vip");
  return tags;
}

function truthOf(persona: Persona, plan: PurchasePlan, orders: readonly PlannedOrder[]): CustomerTruth {
  return {
    index: persona.index,
    customerId: persona.id,
    regionKey: persona.region.key,
    countryCode: persona.region.countryCode,
    inEu: persona.region.inEu,
    locale: persona.locale,
    timeZone: persona.timeZone,
    accountState: persona.accountState,
    consentState: persona.consent.state,
    acquiredAt: persona.acquiredAt,
    acquisitionChannel: persona.acquisition,
    acquisitionCampaign: plan.acquisitionCampaign,
    favouriteCampaign: plan.favouriteCampaign,
    status: plan.status,
    categories: plan.habits,
    spendLevel: plan.spendLevel,
    dropoutProbability: plan.dropoutProbability,
    droppedOutAt: plan.droppedOutAt,
    lapsedAt: plan.lapsedAt,
    loyaltyPointsEarned: orders.reduce((sum, order) => sum + order.pointsEarned, 0),
    loyaltyPointsRedeemed: orders.reduce((sum, order) => sum + (order.discount?.loyaltyPoints ?? 0), 0),
  };
}
