import type { AgentName, ContentBrief } from "~/domain/agents/contract";
import type { MessageDraft } from "~/domain/content/messageDraft";
import type { DeliverableMessage } from "~/domain/delivery/flowPayload";

/**
 * One message per agent, shaped as the agents write their briefs (app/domain/agents/*Agent.ts) and
 * the templates their drafts. The greeting names the shopper ("Anna") and the sign-off the shop, so
 * tests can prove what stays out of the payloads.
 */

export const FIRST_NAME = "Anna";
export const CUSTOMER_ID = "7001";

const draft = (overrides: Partial<MessageDraft> = {}): MessageDraft => ({
  subject: "Time to restock your cleanser",
  preheader: "Your usual is ready when you are",
  greeting: `Hello ${FIRST_NAME},`,
  paragraphs: ["You usually restock every 30 days.", "Your Gentle Cleanser is in stock."],
  callToAction: { label: "Restock now", url: "https://fern-and-moss.example/products/gentle-cleanser" },
  productIds: ["101"],
  signOff: "The Fern & Moss team",
  ...overrides,
});

const BRIEFS: Record<AgentName, { brief: ContentBrief; draft: MessageDraft }> = {
  replenishment: {
    brief: {
      products: [{ productId: "101", title: "Gentle Cleanser", priceMinor: 1850 }],
      numbers: { usualDaysBetween: 30, daysSinceLastPurchase: 33, overdueDays: 3, usualQuantity: 2 },
      deadlines: { lastPurchasedAt: new Date("2026-10-01T15:00:00Z"), usualRepurchaseAt: new Date("2026-10-31T03:30:00Z") },
      leadAttribute: null,
      discount: 0.1,
    },
    draft: draft(),
  },
  "post-purchase": {
    brief: {
      products: [{ productId: "202", title: "Bamboo Brush", priceMinor: 1200 }],
      numbers: { quantity: 1, daysSincePurchase: 14, depletionDaysPerUnit: 90, supplyDays: 90 },
      deadlines: { purchasedAt: new Date("2026-11-10T10:00:00Z"), expectedRunOutAt: new Date("2027-02-08T10:00:00Z") },
      leadAttribute: "sustainable",
      discount: null,
    },
    draft: draft({ subject: "Getting the most from your brush", productIds: ["202"], callToAction: { label: "See care tips", url: "https://fern-and-moss.example/products/bamboo-brush" } }),
  },
  loyalty: {
    brief: {
      products: [
        { productId: "303", title: "Rose Oil", priceMinor: 2400 },
        { productId: "304", title: "Clay Mask", priceMinor: 1600 },
      ],
      numbers: { balance: 380, pointsPerCurrencyUnit: 1, tierPoints: 500, pointsNeeded: 120, rewardMinor: 1000, "pointsEarned:303": 24, expiringPoints: 50, daysUntilExpiry: 9 },
      deadlines: { pointsExpireAt: new Date("2026-12-04T23:30:00Z") },
      leadAttribute: null,
      discount: null,
    },
    draft: draft({ subject: "120 points to Gold", productIds: ["304", "303"], callToAction: { label: "Earn your points", url: "https://fern-and-moss.example/collections/all" } }),
  },
  "cart-intent": {
    brief: {
      products: [
        { productId: "404", title: "Linen Towel", priceMinor: 2999 },
        { productId: "405", title: "Soap Dish", priceMinor: 950 },
      ],
      numbers: { cartTotalMinor: 3949, itemCount: 2, intentScore: 0.72 },
      deadlines: { abandonedAt: new Date("2026-11-24T22:15:00Z") },
      leadAttribute: "durable",
      discount: 0.05,
    },
    draft: draft({ subject: "Your cart is waiting", productIds: ["404", "405"], callToAction: { label: "Back to your cart", url: "https://fern-and-moss.example/cart" } }),
  },
  "bestseller-newsletter": {
    brief: {
      products: [
        { productId: "501", title: "Oat Soap", priceMinor: 600 },
        { productId: "502", title: "Cedar Candle", priceMinor: 2200 },
        { productId: "503", title: "Wool Throw", priceMinor: 8900 },
      ],
      numbers: { productCount: 3 },
      deadlines: {},
      leadAttribute: null,
      discount: null,
    },
    draft: draft({ subject: "This month's favourites", productIds: ["501", "502", "503"], callToAction: { label: "Shop the favourites", url: "https://fern-and-moss.example/collections/all" } }),
  },
};

export function messageFor(agent: AgentName, overrides: Partial<DeliverableMessage> = {}): DeliverableMessage {
  const { brief, draft } = BRIEFS[agent];
  return { id: `msg-${agent}`, agent, customerId: CUSTOMER_ID, draft, brief, ...overrides };
}

/** The Message columns the payloads are built from, as stored (JSON text). */
export function storedColumns(message: DeliverableMessage): { agent: string; customerId: string; draft: string; brief: string } {
  return { agent: message.agent, customerId: message.customerId, draft: JSON.stringify(message.draft), brief: JSON.stringify(message.brief) };
}

export const SHOP = { currencyCode: "USD", timeZone: "America/New_York" } as const;
