import type { AgentName, ContentBrief } from "~/domain/agents/contract";
import { DEFAULT_BRAND_VOICE, type BrandVoice, type CatalogEntry, type TemplateInput } from "~/domain/content/templates";
import { draftTexts, type MessageDraft } from "~/domain/content/messageDraft";

/** A small catalog, a shop and one realistic brief per message type, as the agents write them. */
export const CATALOG: ReadonlyMap<string, CatalogEntry> = new Map([
  ["p-serum", { title: "Niacinamide Serum", handle: "niacinamide-serum", priceMinor: 3200, imageUrl: null }],
  ["p-candle", { title: "Cedar & Sage Soy Candle", handle: "cedar-sage-candle", priceMinor: 3800, imageUrl: "https://cdn.example.com/candle.jpg" }],
  ["p-cleanser", { title: "Daily Gel Cleanser", handle: "daily-gel-cleanser", priceMinor: 2400, imageUrl: null }],
]);

export const SHOP: TemplateInput["shop"] = { name: "Demo Store", currencyCode: "USD", primaryDomain: "demo-store.myshopify.com", locale: "en", timeZone: null };

const serum = { productId: "p-serum", title: "Niacinamide Serum", priceMinor: 3200 };
const candle = { productId: "p-candle", title: "Cedar & Sage Soy Candle", priceMinor: 3800 };
const cleanser = { productId: "p-cleanser", title: "Daily Gel Cleanser", priceMinor: 2400 };

export type Case = { agent: AgentName; messageType: string; brief: ContentBrief };

export const CASES: Record<string, Case> = {
  "replenishment-reminder": {
    agent: "replenishment",
    messageType: "replenishment-reminder",
    brief: {
      products: [cleanser],
      numbers: { usualDaysBetween: 30, daysSinceLastPurchase: 40, overdueDays: 4.2, usualQuantity: 1 },
      deadlines: { lastPurchasedAt: new Date("2026-05-01T09:00:00Z"), usualRepurchaseAt: new Date("2026-05-31T09:00:00Z") },
      leadAttribute: null,
      discount: null,
    },
  },
  "replenishment-winback": {
    agent: "replenishment",
    messageType: "replenishment-winback",
    brief: {
      products: [cleanser],
      numbers: { usualDaysBetween: 30, daysSinceLastPurchase: 70, overdueDays: 34, usualQuantity: 1 },
      deadlines: { lastPurchasedAt: new Date("2026-04-01T09:00:00Z"), usualRepurchaseAt: new Date("2026-05-01T09:00:00Z") },
      leadAttribute: null,
      discount: 0.1,
    },
  },
  "post-purchase-usage-tip": {
    agent: "post-purchase",
    messageType: "post-purchase-usage-tip",
    brief: {
      products: [serum],
      numbers: { quantity: 1, daysSincePurchase: 12, depletionDaysPerUnit: 60, supplyDays: 60 },
      deadlines: { purchasedAt: new Date("2026-05-29T09:00:00Z"), expectedRunOutAt: new Date("2026-07-28T09:00:00Z") },
      leadAttribute: "clean-ingredients",
      discount: null,
    },
  },
  "post-purchase-restock": {
    agent: "post-purchase",
    messageType: "post-purchase-restock",
    brief: {
      products: [serum],
      numbers: { quantity: 1, daysSincePurchase: 53, depletionDaysPerUnit: 60, supplyDays: 60 },
      deadlines: { purchasedAt: new Date("2026-04-18T09:00:00Z"), expectedRunOutAt: new Date("2026-06-17T09:00:00Z") },
      leadAttribute: "clean-ingredients",
      discount: null,
    },
  },
  "loyalty-tier-gap": {
    agent: "loyalty",
    messageType: "loyalty-tier-gap",
    brief: {
      products: [cleanser, serum],
      numbers: { balance: 1230, pointsPerCurrencyUnit: 10, tierPoints: 1500, pointsNeeded: 270, rewardMinor: 1500, expiringPoints: 40, daysUntilExpiry: 9, "pointsEarned:p-cleanser": 290, "pointsEarned:p-serum": 320 },
      deadlines: { pointsExpireAt: new Date("2026-06-19T12:00:00Z") },
      leadAttribute: null,
      discount: null,
    },
  },
  "loyalty-points-expiry": {
    agent: "loyalty",
    messageType: "loyalty-points-expiry",
    brief: {
      products: [],
      numbers: { balance: 420, pointsPerCurrencyUnit: 1, tierPoints: 500, pointsNeeded: 80, rewardMinor: 1200, expiringPoints: 60, daysUntilExpiry: 5 },
      deadlines: { pointsExpireAt: new Date("2026-06-15T12:00:00Z") },
      leadAttribute: null,
      discount: null,
    },
  },
  "cart-complete-order": {
    agent: "cart-intent",
    messageType: "cart-complete-order",
    brief: {
      products: [candle, cleanser],
      numbers: { cartTotalMinor: 8600, itemCount: 3, intentScore: 0.72 },
      deadlines: { abandonedAt: new Date("2026-06-10T10:00:00Z") },
      leadAttribute: "sustainable",
      discount: null,
    },
  },
  "cart-soft-reminder": {
    agent: "cart-intent",
    messageType: "cart-soft-reminder",
    brief: {
      products: [candle],
      numbers: { cartTotalMinor: 3800, itemCount: 1, intentScore: 0.3 },
      deadlines: { abandonedAt: new Date("2026-06-10T10:00:00Z") },
      leadAttribute: "sustainable",
      discount: 0.1,
    },
  },
  "bestseller-newsletter": {
    agent: "bestseller-newsletter",
    messageType: "bestseller-newsletter",
    brief: {
      products: [serum, candle],
      numbers: { productCount: 2, "rankInCategory:p-serum": 1, "rankInCategory:p-candle": 4 },
      deadlines: {},
      leadAttribute: null,
      discount: null,
    },
  },
};

export function caseFor(messageType: string): Case {
  const found = CASES[messageType];
  if (!found) throw new Error(`no fixture for ${messageType}`);
  return found;
}

export type InputChanges = {
  brief?: Partial<ContentBrief>;
  shopper?: Partial<TemplateInput["shopper"]>;
  shop?: Partial<TemplateInput["shop"]>;
  voice?: Partial<BrandVoice>;
  variant?: string;
  decisionId?: string;
  products?: ReadonlyMap<string, CatalogEntry>;
};

export function input(messageType: string, changes: InputChanges = {}): TemplateInput {
  const { agent, brief } = caseFor(messageType);
  return {
    agent,
    messageType,
    brief: { ...brief, ...changes.brief },
    shopper: { firstName: "Ada", locale: "en-US", timeZone: "America/New_York", ...changes.shopper },
    shop: { ...SHOP, ...changes.shop },
    products: changes.products ?? CATALOG,
    voice: { ...DEFAULT_BRAND_VOICE, ...changes.voice },
    variant: changes.variant ?? "a",
    decisionId: changes.decisionId,
  };
}

/** Everything the shopper reads, one string. */
export function allText(draft: MessageDraft): string {
  return draftTexts(draft)
    .map((t) => t.text)
    .join("\n");
}

export const NBSP = "\u00a0";
