import { addDays, daysBetween } from "../shared/time";
import {
  activityFactors,
  briefProduct,
  clamp,
  days,
  estimateValue,
  impactSentence,
  inStockBestseller,
  money,
  plainDate,
  proposalId,
  sellable,
  UPLIFT_PRIORS,
} from "./agentHelpers";
import type { Agent, AgentContext, CatalogProduct, CategoryPurchases, Proposal, ShopperSnapshot } from "./contract";

/**
 * Post-purchase by category: after a customer's first purchase in a category, follow-ups timed by
 * the category's depletion timeline (days one unit lasts, times the units bought): a usage tip
 * early (a fifth of the way in, 2 to 14 days), then a restock reminder shortly before the supply
 * runs out (15% of the supply early, 2 to 7 days). A category with no timeline (a durable tool)
 * gets the tip only, a week in. The journey exits the moment a second purchase is recorded, and
 * two weeks after the supply should have run out (replenishment takes over from there).
 */
export const POST_PURCHASE_WINDOW_DAYS = 3;
const DURABLE_TIP_DAY = 7;
const TIP_ACTIVE_DAYS = 14;
const EXIT_AFTER_RUN_OUT_DAYS = 14;

type Step = { kind: "usage-tip" | "restock"; at: Date; until: Date };

export const postPurchaseAgent: Agent = (shopper, context) =>
  shopper.categories.flatMap((category) => {
    const proposal = followUpFor(shopper, category, context);
    return proposal ? [proposal] : [];
  });

/** The journey's steps for one first purchase: when each begins and until when it is worth sending. */
export function postPurchaseSteps(firstPurchaseAt: Date, depletionDaysPerUnit: number | null, quantity: number): Step[] {
  if (depletionDaysPerUnit === null) {
    const at = addDays(firstPurchaseAt, DURABLE_TIP_DAY);
    return [{ kind: "usage-tip", at, until: addDays(at, TIP_ACTIVE_DAYS) }];
  }
  const supply = depletionDaysPerUnit * Math.max(1, quantity);
  const tipAt = addDays(firstPurchaseAt, clamp(Math.round(supply * 0.2), 2, 14));
  const restockAt = addDays(firstPurchaseAt, supply - clamp(Math.round(supply * 0.15), 2, 7));
  const restock: Step = { kind: "restock", at: restockAt, until: addDays(firstPurchaseAt, supply + EXIT_AFTER_RUN_OUT_DAYS) };
  if (restockAt.getTime() <= tipAt.getTime()) return [restock];
  const tipUntil = Math.min(restockAt.getTime(), addDays(tipAt, TIP_ACTIVE_DAYS).getTime());
  return [{ kind: "usage-tip", at: tipAt, until: new Date(tipUntil) }, restock];
}

function followUpFor(shopper: ShopperSnapshot, category: CategoryPurchases, context: AgentContext): Proposal | null {
  // Exactly one purchase occasion in the category: a second one ends the journey.
  if (category.purchasedAt.length !== 1) return null;
  const first = category.purchasedAt[0] as Date;
  const { categoryPath } = category;
  const depletion = context.catalog.depletionDays.get(categoryPath) ?? null;
  const quantity = Math.max(1, category.lastQuantity);
  const now = context.now.getTime();
  const step = postPurchaseSteps(first, depletion, quantity).find((s) => s.at.getTime() <= now && now < s.until.getTime());
  if (!step) return null;

  const bought = category.lastProductId ? (context.catalog.products.get(category.lastProductId) ?? null) : null;
  let product: CatalogProduct | null;
  let productNote: string;
  if (step.kind === "usage-tip") {
    product = bought;
    productNote = bought ? `The tip is about ${bought.title}, the product they bought.` : "";
  } else {
    const same = sellable(context.catalog, category.lastProductId);
    product = same ?? inStockBestseller(context.catalog, categoryPath);
    productNote = same
      ? `Names ${same.title}, the product they bought (in stock).`
      : `${bought?.title ?? "The product they bought"} is not available, so names the category's best seller in stock${product ? `, ${product.title}` : ""}.`;
  }
  if (!product) return null;

  const currency = context.catalog.currencyCode;
  const supplyDays = depletion === null ? null : depletion * quantity;
  const runOutAt = supplyDays === null ? null : addDays(first, supplyDays);
  const since = daysBetween(first, context.now);
  const tip = step.kind === "usage-tip";
  const expectedValue = estimateValue({
    prior: tip
      ? { value: UPLIFT_PRIORS.postPurchaseUsageTip, label: "prior uplift of a usage tip on the next purchase" }
      : { value: UPLIFT_PRIORS.postPurchaseRestock, label: "prior uplift of a restock reminder" },
    factors: activityFactors(shopper),
    orderValueMinor: product.priceMinor * quantity,
    orderValueLabel: `${quantity} × ${product.title} at ${money(product.priceMinor, currency)}, what a repeat purchase would be`,
    discount: null,
    currencyCode: currency,
  });
  const earliestSendAt = context.now;
  const latestSendAt = new Date(Math.min(step.until.getTime(), addDays(context.now, POST_PURCHASE_WINDOW_DAYS).getTime()));
  const numbers: Record<string, number> = { quantity, daysSincePurchase: Math.floor(since) };
  const deadlines: Record<string, Date> = { purchasedAt: first };
  if (depletion !== null && supplyDays !== null && runOutAt) {
    numbers.depletionDaysPerUnit = depletion;
    numbers.supplyDays = supplyDays;
    deadlines.expectedRunOutAt = runOutAt;
  }
  const timeline =
    supplyDays === null || runOutAt === null
      ? `${categoryPath} has no depletion timeline (a durable product), so the journey is a single usage tip ${days(DURABLE_TIP_DAY)} after the purchase.`
      : `One unit in ${categoryPath} lasts about ${days(depletion as number)}; ${quantity} unit${quantity === 1 ? "" : "s"} should run out around ${plainDate(runOutAt)} (${days(supplyDays)} after purchase).`;
  return {
    id: proposalId("post-purchase", shopper.customerId, `${categoryPath}:${step.kind}`, first),
    customerId: shopper.customerId,
    agent: "post-purchase",
    subject: `${categoryPath}:${step.kind}`,
    action: { messageType: tip ? "post-purchase-usage-tip" : "post-purchase-restock", channel: "email", earliestSendAt, latestSendAt },
    brief: { products: [briefProduct(product)], numbers, deadlines, leadAttribute: product.attributes[0] ?? null, discount: null },
    expectedValue,
    trace: {
      inputs: {
        categoryPath,
        firstPurchaseAt: first.toISOString(),
        purchasesInCategory: 1,
        quantity,
        depletionDaysPerUnit: depletion,
        step: step.kind,
        stepStartsAt: step.at.toISOString(),
        productId: product.id,
        pAlive: shopper.pAlive,
      },
      reasoning: [
        `First purchase in ${categoryPath} on ${plainDate(first)} (${days(since)} ago), and no repeat purchase since: the post-purchase journey is running.`,
        timeline,
        tip
          ? `The usage-tip step began on ${plainDate(step.at)}: early enough to help them get results before they judge the product.`
          : `The restock step began on ${plainDate(step.at)}: shortly before the supply runs out, so the reminder lands while they still use it.`,
        productNote,
      ].filter((line) => line !== ""),
      action: `Email a ${tip ? "usage tip" : "restock reminder"} for ${product.title} between ${plainDate(earliestSendAt)} and ${plainDate(latestSendAt)}.`,
      expectedImpact: impactSentence(expectedValue, currency),
    },
  };
}
