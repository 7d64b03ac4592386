import { pointsForSpend, type LoyaltyRule } from "../loyalty/loyaltyRule";
import { addDays, daysBetween } from "../shared/time";
import {
  activityFactors,
  briefProduct,
  dayKey,
  DEFAULT_NEAR_TIER_SHARE,
  estimateValue,
  impactSentence,
  money,
  percent,
  plainDate,
  proposalId,
  typicalOrder,
  UPLIFT_PRIORS,
  weekStart,
} from "./agentHelpers";
import type { Agent, AgentContext, CatalogProduct, CatalogSnapshot, Proposal, ShopperSnapshot } from "./contract";

/**
 * Loyalty: customers near their next reward tier (the points still needed are at most
 * `loyaltyNearTierShare` of the tier's points) or with points expiring within
 * `loyaltyExpiryWarningDays`. A tier-gap message states exactly how many points are needed, by
 * what deadline (the next expiry, after which the gap grows), and up to three in-stock products in
 * the customer's preferred categories whose own points close the gap, cheapest first; products
 * they already own are left out in categories with no depletion timeline (nobody needs a second
 * gua sha), kept in consumable ones (a refill). If no single in-stock product closes the gap there
 * is no tier-gap message; an expiry reminder may still go. At most one loyalty proposal a shopper.
 */
export const LOYALTY_WINDOW_DAYS = 3;
export const MAX_GAP_PRODUCTS = 3;

type Closer = { product: CatalogProduct; points: number; categoryPath: string };

export const loyaltyAgent: Agent = (shopper, context) => {
  const proposal = loyaltyProposal(shopper, context);
  return proposal ? [proposal] : [];
};

function loyaltyProposal(shopper: ShopperSnapshot, context: AgentContext): Proposal | null {
  const { balance, nextTier, nextExpiry } = shopper.loyalty;
  const { now, settings } = context;
  const share = settings.loyaltyNearTierShare ?? DEFAULT_NEAR_TIER_SHARE;
  const gap = nextTier ? nextTier.points - balance : 0;
  const near = nextTier !== null && gap > 0 && gap <= share * nextTier.points;
  const warnUntil = addDays(now, settings.loyaltyExpiryWarningDays);
  const expiring = nextExpiry !== null && nextExpiry.points > 0 && nextExpiry.at > now && nextExpiry.at <= warnUntil ? nextExpiry : null;
  if (!near && !expiring) return null;

  const closers = near ? gapClosers(shopper, context, gap) : [];
  const tierGap = near && closers.length > 0 && nextTier !== null;
  if (!tierGap && !expiring) return null;

  const currency = context.catalog.currencyCode;
  const reasoning: string[] = [`Balance: ${balance} points.`];
  if (nextTier && near) {
    reasoning.push(`${gap} points short of the ${nextTier.name} (${nextTier.points} points, worth ${money(nextTier.rewardMinor, currency)}): within ${percent(share)} of the tier, so they count as near it.`);
  }
  if (expiring) {
    reasoning.push(`${expiring.points} points expire on ${plainDate(expiring.at)}, within the ${settings.loyaltyExpiryWarningDays}-day warning period.`);
  }
  if (tierGap) {
    reasoning.push(
      `At ${settings.pointsPerCurrencyUnit} point${settings.pointsPerCurrencyUnit === 1 ? "" : "s"} per ${currency} 1, each of these in-stock products in their preferred categories earns enough to close the gap: ` +
        closers.map((c) => `${c.product.title} (${money(c.product.priceMinor, currency)}, ${c.points} points, ${c.categoryPath})`).join("; ") +
        ".",
    );
  } else if (near) {
    reasoning.push("No single in-stock product in their preferred categories earns enough points to close the gap, so no tier-gap message; the expiry reminder goes on its own.");
  }

  const deadline = expiring?.at ?? null;
  const latestCap = addDays(now, LOYALTY_WINDOW_DAYS);
  const latestSendAt = deadline && deadline < latestCap ? deadline : latestCap;
  const numbers: Record<string, number> = { balance, pointsPerCurrencyUnit: settings.pointsPerCurrencyUnit };
  const deadlines: Record<string, Date> = {};
  if (nextTier) Object.assign(numbers, { tierPoints: nextTier.points, pointsNeeded: Math.max(0, gap), rewardMinor: nextTier.rewardMinor });
  if (expiring) {
    Object.assign(numbers, { expiringPoints: expiring.points, daysUntilExpiry: Math.floor(daysBetween(now, expiring.at)) });
    deadlines.pointsExpireAt = expiring.at;
  }
  closers.forEach((c) => (numbers[`pointsEarned:${c.product.id}`] = c.points));

  const activity = activityFactors(shopper);
  const cheapest = closers[0];
  const expectedValue =
    tierGap && cheapest
      ? estimateValue({
          prior: { value: UPLIFT_PRIORS.loyaltyTierGap, label: "prior uplift of a points-gap message with products that close it" },
          factors: activity,
          orderValueMinor: cheapest.product.priceMinor,
          orderValueLabel: `${cheapest.product.title}, the cheapest product that closes the gap`,
          discount: null,
          currencyCode: currency,
        })
      : estimateValue({
          prior: { value: UPLIFT_PRIORS.loyaltyExpiry, label: "prior uplift of a points-expiry reminder" },
          factors: activity,
          ...valueBase(typicalOrder(shopper, nextTier?.rewardMinor ?? 0, "the next reward's value")),
          discount: null,
          currencyCode: currency,
        });

  const keyed = tierGap && nextTier ? { subject: `tier:${nextTier.name}`, bucket: weekStart(now) } : expiring ? { subject: `expiry:${dayKey(expiring.at)}`, bucket: expiring.at } : null;
  if (!keyed) return null;
  const { subject, bucket } = keyed;
  const tierName = nextTier?.name ?? "next reward";
  const action = tierGap
    ? `Email: ${gap} points to the ${tierName}${deadline ? ` before ${plainDate(deadline)}` : ""}, with ${closers.map((c) => c.product.title).join(", ")}; send between ${plainDate(now)} and ${plainDate(latestSendAt)}.`
    : `Email a reminder that ${expiring?.points} points expire on ${plainDate(deadline ?? now)}; send between ${plainDate(now)} and ${plainDate(latestSendAt)}.`;
  return {
    id: proposalId("loyalty", shopper.customerId, subject, bucket),
    customerId: shopper.customerId,
    agent: "loyalty",
    subject,
    action: { messageType: tierGap ? "loyalty-tier-gap" : "loyalty-points-expiry", channel: "email", earliestSendAt: now, latestSendAt },
    brief: { products: closers.map((c) => briefProduct(c.product)), numbers, deadlines, leadAttribute: null, discount: null },
    expectedValue,
    trace: {
      inputs: {
        balance,
        nextTier,
        nextExpiry: nextExpiry ? { points: nextExpiry.points, at: nextExpiry.at.toISOString() } : null,
        nearTierShare: share,
        expiryWarningDays: settings.loyaltyExpiryWarningDays,
        pointsPerCurrencyUnit: settings.pointsPerCurrencyUnit,
        preferredCategories: preferredCategories(shopper),
        gapProducts: closers.map((c) => ({ productId: c.product.id, priceMinor: c.product.priceMinor, points: c.points })),
      },
      reasoning,
      action,
      expectedImpact: impactSentence(expectedValue, currency),
    },
  };
}

function valueBase(order: { valueMinor: number; label: string }) {
  return { orderValueMinor: order.valueMinor, orderValueLabel: order.label };
}

/** Categories the customer prefers: bought most often first, then most recently; then browsed ones. */
export function preferredCategories(shopper: ShopperSnapshot): string[] {
  const bought = [...shopper.categories]
    .filter((c) => c.purchasedAt.length > 0)
    .sort((a, b) => b.purchasedAt.length - a.purchasedAt.length || (b.purchasedAt.at(-1)?.getTime() ?? 0) - (a.purchasedAt.at(-1)?.getTime() ?? 0) || a.categoryPath.localeCompare(b.categoryPath))
    .map((c) => c.categoryPath);
  const affinities = (shopper.bestsellers?.affinities ?? []).map((a) => a.categoryPath);
  return [...new Set([...bought, ...affinities])];
}

/** In-stock products in the preferred categories whose points alone close the gap, cheapest first. */
function gapClosers(shopper: ShopperSnapshot, context: AgentContext, gap: number): Closer[] {
  const byCategory = pointsByCategory(context.catalog, context.settings.pointsPerCurrencyUnit);
  const closers: Closer[] = [];
  for (const categoryPath of preferredCategories(shopper)) {
    const durable = (context.catalog.depletionDays.get(categoryPath) ?? null) === null;
    for (const { product, points } of byCategory.get(categoryPath) ?? []) {
      if (points < gap || (durable && shopper.orders.ownedProductIds.has(product.id))) continue;
      closers.push({ product, points, categoryPath });
    }
  }
  closers.sort((a, b) => a.product.priceMinor - b.product.priceMinor || a.product.id.localeCompare(b.product.id));
  return closers.slice(0, MAX_GAP_PRODUCTS);
}

type PricedInPoints = { product: CatalogProduct; points: number };

/**
 * Sellable products per category with the points each earns, computed once per catalog snapshot and
 * points rate (a memo keyed on the snapshot object: it holds nothing the inputs do not determine).
 */
const POINTS_INDEX = new WeakMap<CatalogSnapshot, Map<number, Map<string, PricedInPoints[]>>>();

function pointsByCategory(catalog: CatalogSnapshot, pointsPerCurrencyUnit: number): Map<string, PricedInPoints[]> {
  let byRate = POINTS_INDEX.get(catalog);
  if (!byRate) POINTS_INDEX.set(catalog, (byRate = new Map()));
  let index = byRate.get(pointsPerCurrencyUnit);
  if (!index) {
    const rule: LoyaltyRule = { pointsPerCurrencyUnit, rewardTiers: [], expiryDays: null };
    index = new Map();
    for (const product of catalog.products.values()) {
      if (!product.active || !product.inStock || product.categoryPath === null) continue;
      const entry = { product, points: pointsForSpend(rule, product.priceMinor, catalog.currencyCode) };
      const list = index.get(product.categoryPath);
      if (list) list.push(entry);
      else index.set(product.categoryPath, [entry]);
    }
    byRate.set(pointsPerCurrencyUnit, index);
  }
  return index;
}
