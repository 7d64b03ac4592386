import { addDays } from "../shared/time";
import { activityFactors, briefProduct, dayKey, estimateValue, impactSentence, money, percent, plainDate, proposalId, sellable, typicalOrder, UPLIFT_PRIORS } from "./agentHelpers";
import type { Agent, CatalogProduct } from "./contract";

/**
 * Bestseller newsletter: on the merchant's schedule (settings.newsletterDue), the store's best
 * sellers in each recipient's own categories: the PersonalBestsellers picks, weighted by the
 * categories they buy (or, with a thin purchase history, the ones they browse most). Products they
 * already bought are left out, and so is anything not in stock. A recipient with neither purchases
 * nor browsing (the store-wide ranking) gets nothing: the newsletter is about their categories.
 */
export const NEWSLETTER_PRODUCTS = 4;
export const NEWSLETTER_WINDOW_DAYS = 2;

export const bestsellerNewsletterAgent: Agent = (shopper, context) => {
  const { now, catalog, settings } = context;
  const personal = shopper.bestsellers;
  if (!settings.newsletterDue || !personal || personal.basis === "store-wide") return [];
  const picks: { product: CatalogProduct; categoryPath: string; rank: number; score: number }[] = [];
  const skipped: { productId: string; why: "already bought" | "not in stock" }[] = [];
  for (const pick of personal.picks) {
    if (picks.length === NEWSLETTER_PRODUCTS) break;
    const product = sellable(catalog, pick.productId);
    if (shopper.orders.ownedProductIds.has(pick.productId)) skipped.push({ productId: pick.productId, why: "already bought" });
    else if (!product) skipped.push({ productId: pick.productId, why: "not in stock" });
    else picks.push({ product, categoryPath: pick.categoryPath, rank: pick.rankInCategory, score: pick.score });
  }
  if (picks.length === 0) return [];

  const currency = catalog.currencyCode;
  const meanPrice = Math.round(picks.reduce((sum, pick) => sum + pick.product.priceMinor, 0) / picks.length);
  const order = typicalOrder(shopper, meanPrice, "the mean price of the featured products");
  const expectedValue = estimateValue({
    prior: { value: UPLIFT_PRIORS.newsletter, label: "prior uplift of a personalised newsletter" },
    factors: activityFactors(shopper),
    orderValueMinor: order.valueMinor,
    orderValueLabel: order.label,
    discount: null,
    currencyCode: currency,
  });
  const categories = [...new Set(picks.map((pick) => pick.categoryPath))];
  const topAffinities = personal.affinities.slice(0, 3).map((a) => `${a.categoryPath} (${percent(a.share)})`);
  const subject = `newsletter:${dayKey(now)}`;
  const latestSendAt = addDays(now, NEWSLETTER_WINDOW_DAYS);
  const numbers: Record<string, number> = { productCount: picks.length };
  picks.forEach((pick) => (numbers[`rankInCategory:${pick.product.id}`] = pick.rank));
  return [
    {
      id: proposalId("bestseller-newsletter", shopper.customerId, subject, now),
      customerId: shopper.customerId,
      agent: "bestseller-newsletter",
      subject,
      action: { messageType: "bestseller-newsletter", channel: "email", earliestSendAt: now, latestSendAt },
      brief: { products: picks.map((pick) => briefProduct(pick.product)), numbers, deadlines: {}, leadAttribute: null, discount: null },
      expectedValue,
      trace: {
        inputs: {
          basis: personal.basis,
          orders: personal.orders,
          affinities: personal.affinities.slice(0, 5),
          picks: picks.map((pick) => ({ productId: pick.product.id, categoryPath: pick.categoryPath, rankInCategory: pick.rank, score: pick.score })),
          skippedPicks: skipped,
        },
        reasoning: [
          "The newsletter is due on the merchant's schedule.",
          personal.basis === "purchases"
            ? `Their categories come from what they bought (${personal.orders} orders): ${topAffinities.join(", ")}.`
            : `With only ${personal.orders} order${personal.orders === 1 ? "" : "s"}, their categories come from what they browsed most: ${topAffinities.join(", ")}.`,
          `Features the best sellers there that they have not bought and that are in stock: ${picks.map((pick) => `${pick.product.title} (${money(pick.product.priceMinor, currency)}, #${pick.rank} in ${pick.categoryPath})`).join("; ")}.`,
        ],
        action: `Email the bestseller newsletter for ${categories.join(", ")} between ${plainDate(now)} and ${plainDate(latestSendAt)}.`,
        expectedImpact: impactSentence(expectedValue, currency),
      },
    },
  ];
};
