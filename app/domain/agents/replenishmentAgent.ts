import { addDays, DAY_MS, daysBetween } from "../shared/time";
import {
  activityFactors,
  briefProduct,
  days,
  estimateValue,
  impactSentence,
  inStockBestseller,
  money,
  offeredDiscount,
  percent,
  plainDate,
  proposalId,
  round,
  sellable,
  UPLIFT_PRIORS,
} from "./agentHelpers";
import type { Agent, AgentContext, CategoryPurchases, Proposal, ShopperSnapshot } from "./contract";

/**
 * Replenishment: for each category where the customer's cadence can be timed, a nudge once they
 * begin to deviate from their own baseline, i.e. once the time since their last purchase passes the
 * upper edge of their own band (not a fixed window for everyone). It names the product they buy
 * (else the category's best seller in stock) and when they would normally have bought again.
 * Nothing when the cadence abstains (too little data, too irregular) or they already repurchased.
 * Once overdue by more than a full band width the nudge becomes a win-back with a discount.
 */
export const REPLENISHMENT_WINDOW_DAYS = 3;

export const replenishmentAgent: Agent = (shopper, context) =>
  shopper.categories.flatMap((category) => {
    const proposal = replenishmentFor(shopper, category, context);
    return proposal ? [proposal] : [];
  });

function replenishmentFor(shopper: ShopperSnapshot, category: CategoryPurchases, context: AgentContext): Proposal | null {
  const { cadence, categoryPath } = category;
  if (cadence.kind !== "estimate") return null;
  const latest = category.purchasedAt.at(-1);
  // A purchase recorded after the occasion the cadence timed: they already repurchased.
  if (latest && latest.getTime() - cadence.lastPurchaseAt.getTime() >= DAY_MS) return null;
  const elapsed = daysBetween(cadence.lastPurchaseAt, context.now);
  const { lowerDays, upperDays, lowerQuantile, upperQuantile } = cadence.band;
  if (elapsed <= upperDays) return null;

  const usual = sellable(context.catalog, category.lastProductId);
  const product = usual ?? inStockBestseller(context.catalog, categoryPath);
  if (!product) return null;

  const overdue = elapsed - upperDays;
  const bandWidth = Math.max(1, upperDays - lowerDays);
  const lapsing = overdue > bandWidth;
  const discount = lapsing ? offeredDiscount(context.settings.maxDiscount) : null;
  const quantity = Math.max(1, category.lastQuantity);
  const currency = context.catalog.currencyCode;
  const expectedValue = estimateValue({
    prior: lapsing
      ? { value: UPLIFT_PRIORS.replenishmentWinback, label: "prior uplift of a win-back reminder" }
      : { value: UPLIFT_PRIORS.replenishmentReminder, label: "prior uplift of a replenishment reminder" },
    factors: activityFactors(shopper),
    orderValueMinor: product.priceMinor * quantity,
    orderValueLabel: `${quantity} × ${product.title} at ${money(product.priceMinor, currency)}, their usual basket in the category`,
    discount,
    currencyCode: currency,
  });

  const earliestSendAt = context.now;
  const latestSendAt = addDays(context.now, REPLENISHMENT_WINDOW_DAYS);
  const lastTitle = category.lastProductId ? (context.catalog.products.get(category.lastProductId)?.title ?? "their usual product") : "their usual product";
  const messageType = lapsing ? "replenishment-winback" : "replenishment-reminder";
  return {
    id: proposalId("replenishment", shopper.customerId, categoryPath, cadence.lastPurchaseAt),
    customerId: shopper.customerId,
    agent: "replenishment",
    subject: categoryPath,
    action: { messageType, channel: "email", earliestSendAt, latestSendAt },
    brief: {
      products: [briefProduct(product)],
      numbers: {
        usualDaysBetween: cadence.dueInDays,
        daysSinceLastPurchase: Math.floor(elapsed),
        overdueDays: round(overdue, 1),
        usualQuantity: quantity,
      },
      deadlines: { lastPurchasedAt: cadence.lastPurchaseAt, usualRepurchaseAt: cadence.dueAt },
      leadAttribute: null,
      discount,
    },
    expectedValue,
    trace: {
      inputs: {
        categoryPath,
        purchases: category.purchasedAt.length,
        lastPurchaseAt: cadence.lastPurchaseAt.toISOString(),
        dueInDays: cadence.dueInDays,
        band: { lowerDays, upperDays, lowerQuantile, upperQuantile },
        confidence: cadence.confidence,
        daysSinceLastPurchase: round(elapsed, 1),
        lastProductId: category.lastProductId,
        productId: product.id,
        pAlive: shopper.pAlive,
      },
      reasoning: [
        `Buys ${categoryPath} about every ${days(cadence.dueInDays)}: ${percent(upperQuantile - lowerQuantile)} of their gaps between purchases fall between ${days(lowerDays)} and ${days(upperDays)} (${category.purchasedAt.length} purchases, ${percent(cadence.confidence)} confidence in the timing).`,
        `Last bought on ${plainDate(cadence.lastPurchaseAt)}, ${days(elapsed)} ago: ${days(overdue)} past their own upper limit, so they have begun to deviate from their usual rhythm. They would normally have bought again around ${plainDate(cadence.dueAt)}.`,
        usual
          ? `Names ${product.title}, the product they bought last time (in stock).`
          : `${lastTitle} is not available, so names the category's best seller in stock, ${product.title}.`,
        lapsing
          ? `Overdue by more than the width of their usual band (${days(bandWidth)}): treated as lapsing, so the reminder becomes a win-back${discount ? ` with a ${percent(discount)} discount` : ""}.`
          : "Still within one band width of their usual timing: a plain reminder, no discount.",
      ],
      action: `Email a ${lapsing ? "win-back" : "replenishment"} reminder for ${product.title} between ${plainDate(earliestSendAt)} and ${plainDate(latestSendAt)}.`,
      expectedImpact: impactSentence(expectedValue, currency),
    },
  };
}
