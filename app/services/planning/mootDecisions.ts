/**
 * Which pending nudges an order makes moot (pure). A cart follow-up is moot once its journey (the
 * cart token, or the checkout's cart) became this order; a replenishment reminder or a
 * post-purchase follow-up is moot once the shopper bought again in its category. Loyalty and
 * newsletter messages stay: an order does not answer them (it changes the points, which the next
 * run sees).
 */
export type PlacedOrder = {
  id: string;
  name: string;
  processedAt: Date;
  cartToken: string | null;
  checkoutToken: string | null;
  /** Cart token of the order's checkout, when the order names only the checkout. */
  checkoutCartToken: string | null;
  categories: ReadonlySet<string>;
};

export type PendingDecision = { id: string; agent: string; subject: string; moment: Date };

export function mootReason(decision: PendingDecision, order: PlacedOrder): string | null {
  if (decision.moment.getTime() > order.processedAt.getTime()) return null;
  switch (decision.agent) {
    case "cart-intent": {
      const journeys = [order.cartToken, order.checkoutToken, order.checkoutCartToken].filter((token): token is string => token !== null);
      return journeys.includes(decision.subject) ? `order ${order.name} completed this cart` : null;
    }
    case "replenishment":
      return order.categories.has(decision.subject) ? `order ${order.name} bought again in ${decision.subject}` : null;
    case "post-purchase": {
      const category = decision.subject.slice(0, Math.max(0, decision.subject.lastIndexOf(":")));
      return order.categories.has(category) ? `order ${order.name} bought again in ${category}` : null;
    }
    default:
      return null;
  }
}
