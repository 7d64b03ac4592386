import { pointsForSpend, redemptionCode, type LoyaltyRule } from "../../domain/loyalty/loyaltyRule";
import { BasketChooser, type BasketLine } from "./basket";
import { campaignNamed, makeVisit, type Visit, type VisitKind } from "./campaigns";
import type { DemoCatalog } from "./catalog";
import { LoyaltyLedger } from "../../domain/loyalty/loyaltyLedger";
import { acceptsMarketingAt, type Persona } from "./personas";
import { seasonalPromotionAt, WELCOME_CODE, type Promotion } from "./promotions";
import type { PurchasePlan } from "./purchaseSimulation";
import type { Random } from "./random";
import { DEMO_SHOP } from "./shop";

/**
 * Turns purchase occasions into priced orders: basket, channel and landing page, discount code,
 * totals, cancellation, and loyalty points. Decided in time order, because a loyalty redemption
 * depends on the points earned by earlier orders.
 */
export type SourceName = "web" | "pos" | "shopify_draft_order";

export type PlannedDiscount = {
  code: string;
  type: "percentage" | "fixed_amount";
  /** Shopify's `discount_applications[].value`: "10.0" for 10 % or "5.00" for $5. */
  value: string;
  amountMinor: number;
  loyaltyPoints: number | null;
};

export type PlannedOrder = {
  sequence: number;
  at: Date;
  lines: BasketLine[];
  sourceName: SourceName;
  visit: Visit | null;
  discount: PlannedDiscount | null;
  lineItemsMinor: number;
  discountMinor: number;
  subtotalMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxRate: number;
  cancellation: { at: Date; reason: "customer" | "inventory" | "declined"; financialStatus: "refunded" | "voided" } | null;
  pointsEarned: number;
  acceptsMarketing: boolean;
};

const CANCELLED_SHARE = 0.02;
const FREE_SHIPPING_FROM_MINOR = 5000;

export function planOrders(rng: Random, catalog: DemoCatalog, persona: Persona, plan: PurchasePlan, rule: LoyaltyRule, now: Date): PlannedOrder[] {
  const baskets = new BasketChooser(rng.fork("basket"), catalog, plan.spendLevel);
  const ledger = new LoyaltyLedger(rule);
  const redemption = rng.weighted<RedemptionStyle>([["spender", 60], ["saver", 25], ["ignores", 15]]);
  return plan.occasions.map((occasion, sequence) => {
    const at = occasion.at;
    const lines = baskets.linesFor(occasion);
    const sourceName: SourceName = sequence === 0 ? "web" : rng.weighted([["web", 93], ["pos", 4], ["shopify_draft_order", 3]] as const);
    const acceptsMarketing = acceptsMarketingAt(persona.consent, at);
    const visit = sourceName === "web" ? visitFor(rng, catalog, persona, plan, sequence, lines, acceptsMarketing, at) : null;
    const lineItemsMinor = lines.reduce((sum, line) => sum + line.variant.priceMinor * line.quantity, 0);
    const cancelled = rng.chance(CANCELLED_SHARE);
    const discount = chooseDiscount(rng, rule, ledger, { at, sequence, lineItemsMinor, cancelled, sourceName, acceptsMarketing, redemption });
    const discountMinor = discount?.amountMinor ?? 0;
    const subtotalMinor = lineItemsMinor - discountMinor;
    const domestic = persona.region.countryCode === DEMO_SHOP.countryCode;
    const shippingMinor = sourceName === "pos" || subtotalMinor >= FREE_SHIPPING_FROM_MINOR ? 0 : domestic ? 695 : 1495;
    const taxMinor = Math.round(subtotalMinor * persona.place.taxRate);
    if (discount?.loyaltyPoints) ledger.redeem(discount.loyaltyPoints, at);
    const pointsEarned = cancelled ? 0 : pointsForSpend(rule, subtotalMinor, DEMO_SHOP.currencyCode);
    ledger.earn(pointsEarned, at);
    return {
      sequence,
      at,
      lines,
      sourceName,
      visit,
      discount,
      lineItemsMinor,
      discountMinor,
      subtotalMinor,
      shippingMinor,
      taxMinor,
      totalMinor: subtotalMinor + shippingMinor + taxMinor,
      taxRate: persona.place.taxRate,
      cancellation: cancelled ? cancellationAfter(rng, at, now) : null,
      pointsEarned,
      acceptsMarketing,
    };
  });
}

function visitFor(
  rng: Random,
  catalog: DemoCatalog,
  persona: Persona,
  plan: PurchasePlan,
  sequence: number,
  lines: readonly BasketLine[],
  acceptsMarketing: boolean,
  at: Date,
): Visit {
  const categoryPath = lines[0]?.product.category.path ?? null;
  if (sequence === 0) {
    const campaign = plan.acquisitionCampaign ? campaignNamed(plan.acquisitionCampaign) : null;
    return makeVisit(rng, catalog, { kind: persona.acquisition, campaign, categoryPath, at });
  }
  const kind = rng.weighted<VisitKind>([
    ["email", acceptsMarketing ? 30 : 0],
    ["paid_search", 7],
    ["paid_social", 6],
    ["organic_search", 15],
    ["organic_social", 6],
    ["referral", 4],
    ["direct", 30],
  ]);
  // Retargeting ads and half the emails speak to the shopper's theme; other emails are the monthly newsletter.
  const themed = kind === "paid_search" || kind === "paid_social" || (kind === "email" && rng.chance(0.5));
  const campaign = themed && plan.favouriteCampaign ? campaignNamed(plan.favouriteCampaign) : null;
  return makeVisit(rng, catalog, { kind, campaign, categoryPath, at });
}

/** Spenders cash in the best reward they can; savers wait past the entry tier; some never bother. */
type RedemptionStyle = "spender" | "saver" | "ignores";

type DiscountContext = {
  redemption: RedemptionStyle;
  at: Date;
  sequence: number;
  lineItemsMinor: number;
  cancelled: boolean;
  sourceName: SourceName;
  acceptsMarketing: boolean;
};

function chooseDiscount(rng: Random, rule: LoyaltyRule, ledger: LoyaltyLedger, context: DiscountContext): PlannedDiscount | null {
  // Points come back on cancellation; the generator simply never redeems on an order it will cancel.
  const tier = context.cancelled || context.redemption === "ignores" ? null : ledger.bestAffordableTier(context.at);
  const entryTier = Math.min(...rule.rewardTiers.map((t) => t.points));
  const wanted = tier !== null && (context.redemption === "spender" || tier.points > entryTier);
  if (tier && wanted && tier.rewardMinor * 1.5 <= context.lineItemsMinor && rng.chance(0.6)) {
    return {
      code: redemptionCode(tier),
      type: "fixed_amount",
      value: (tier.rewardMinor / 100).toFixed(2),
      amountMinor: tier.rewardMinor,
      loyaltyPoints: tier.points,
    };
  }
  if (context.sourceName === "pos") return null;
  if (context.sequence === 0 && rng.chance(0.3)) return percentage(WELCOME_CODE, context.lineItemsMinor);
  const seasonal = seasonalPromotionAt(context.at);
  if (seasonal && rng.chance(context.acceptsMarketing ? 0.6 : 0.3)) return percentage(seasonal, context.lineItemsMinor);
  return null;
}

function percentage(promotion: Promotion, lineItemsMinor: number): PlannedDiscount {
  return {
    code: promotion.code,
    type: "percentage",
    value: promotion.percentOff.toFixed(1),
    amountMinor: Math.round((lineItemsMinor * promotion.percentOff) / 100),
    loyaltyPoints: null,
  };
}

function cancellationAfter(rng: Random, at: Date, now: Date): NonNullable<PlannedOrder["cancellation"]> {
  const reason = rng.weighted([["customer", 60], ["inventory", 20], ["declined", 20]] as const);
  const cancelledAt = new Date(Math.min(now.getTime(), at.getTime() + rng.between(0.5, 48) * 3_600_000));
  return { at: cancelledAt, reason, financialStatus: reason === "declined" ? "voided" : "refunded" };
}
