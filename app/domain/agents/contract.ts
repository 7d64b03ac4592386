import type { CadenceResult } from "../models/cadence/cadence";
import type { IntentScore } from "../models/intent/intentScore";
import type { PersonalBestsellers } from "../models/bestsellers/personalBestsellers";

/**
 * The contract between the planning service (which loads data), the five agents (pure functions
 * that propose) and the planner (which chooses). Everything an agent may use is in its input, so a
 * decision can be replayed from its trace.
 */

export const AGENT_NAMES = ["replenishment", "post-purchase", "loyalty", "cart-intent", "bestseller-newsletter"] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

/** One product as agents may name it: in stock, priced, with the attributes copy can lead with. */
export type CatalogProduct = {
  id: string;
  title: string;
  handle: string;
  categoryPath: string | null;
  /** The cheapest in-stock variant's price, minor units of the shop currency. */
  priceMinor: number;
  variantId: string;
  inStock: boolean;
  active: boolean;
  imageUrl: string | null;
  /** Tags that are plain attributes ("sustainable", "durable"), strongest first as the merchant ordered them. */
  attributes: readonly string[];
  seasons: readonly string[];
};

export type CatalogSnapshot = {
  currencyCode: string;
  products: ReadonlyMap<string, CatalogProduct>;
  /** Category path -> depletion days (merchant-set, else suggested, else null). */
  depletionDays: ReadonlyMap<string, number | null>;
  /**
   * Category path -> product ids, best seller first (the store's ranking; stock is checked by the
   * agents). Optional: without it, agents fall back to the customer's own last product only.
   */
  categoryBestsellers?: ReadonlyMap<string, readonly string[]>;
};

export type CategoryPurchases = {
  categoryPath: string;
  /** Purchase dates, oldest first (one per order, same-day merged). */
  purchasedAt: readonly Date[];
  /** The product bought most recently in the category, and how many units. */
  lastProductId: string | null;
  lastQuantity: number;
  cadence: CadenceResult;
};

export type BasketSnapshot = {
  kind: "cart" | "checkout";
  token: string;
  lastActivityAt: Date;
  abandonedAt: Date | null;
  totalMinor: number;
  lines: ReadonlyArray<{ productId: string | null; variantId: string | null; title: string; quantity: number; priceMinor: number }>;
  /** UTM and ad attributes of the visit that brought the shopper in. */
  utmSource: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  landingSite: string | null;
  /** When the cart or checkout became an order (absent or null: not completed). */
  completedAt?: Date | null;
  /** For a checkout, the cart it came from, so a cart and its checkout count as one journey. */
  cartToken?: string | null;
};

/** Everything agents know about one shopper at `now`. */
export type ShopperSnapshot = {
  customerId: string;
  firstName: string | null;
  email: string | null;
  emailMarketingState: string;
  timeZone: string | null;
  locale: string | null;
  countryCode: string | null;
  /** Deleted, redacted, hard bounce, complaint: never message. */
  suppressed: { reason: string } | null;
  orders: {
    count: number;
    lastAt: Date | null;
    ownedProductIds: ReadonlySet<string>;
    /** Mean order value (goods, after discounts), minor units; used to value messages with no basket of their own. */
    averageOrderMinor?: number | null;
  };
  categories: readonly CategoryPurchases[];
  loyalty: {
    balance: number;
    nextExpiry: { points: number; at: Date } | null;
    nextTier: { name: string; points: number; rewardMinor: number } | null;
  };
  baskets: readonly BasketSnapshot[];
  intent: IntentScore | null;
  /** Predicted customer lifetime value over the merchant's horizon, minor units; null when unknown. */
  pclvMinor: number | null;
  pAlive: number | null;
  bestsellers: PersonalBestsellers | null;
  /** Messages already sent or scheduled to this shopper, newest first (for budgets and cool-downs). */
  recentMessages: ReadonlyArray<{ agent: AgentName; sendAt: Date; proposalId?: string; subject?: string }>;
};

/** What a message must carry: the facts the copy may state, and nothing else. */
export type ContentBrief = {
  products: ReadonlyArray<{ productId: string; title: string; priceMinor: number }>;
  /** Named numbers the copy may use ("pointsNeeded": 120, "usualDaysBetween": 30, ...). */
  numbers: Readonly<Record<string, number>>;
  deadlines: Readonly<Record<string, Date>>;
  leadAttribute: string | null;
  /** A discount offered, as a share (0.1 = 10%); null for none. Policies cap it. */
  discount: number | null;
};

export type ReasoningTrace = {
  inputs: Readonly<Record<string, unknown>>;
  reasoning: readonly string[];
  action: string;
  expectedImpact: string;
};

export type Proposal = {
  /** Stable for the same shopper, agent, subject and moment: planning twice proposes the same ids. */
  id: string;
  customerId: string;
  agent: AgentName;
  /** What the message is about (a category path, a cart token, a tier, "newsletter:<date>"). */
  subject: string;
  action: { messageType: string; channel: "email"; earliestSendAt: Date; latestSendAt: Date };
  brief: ContentBrief;
  expectedValue: {
    incrementalRevenueMinor: number;
    method: string;
    /** The estimated lift in the chance of a purchase the message causes (0-1). */
    probabilityUplift: number;
    /** The order value the estimate rests on (and a discount would apply to), minor units. */
    orderValueMinor: number;
  };
  trace: ReasoningTrace;
};

export const OBJECTIVE_GOALS = ["reactivate-lapsed", "grow-repeat-revenue", "reduce-churn", "lift-loyalty-redemptions", "recover-carts"] as const;
export type ObjectiveGoal = (typeof OBJECTIVE_GOALS)[number];

export type Objective = {
  id: string;
  goal: ObjectiveGoal;
  target: { metric: string; value: number } | null;
  horizonDays: number;
  messagesPerShopperPerWeek: number;
  discountBudgetMinor: number;
  agentsAllowed: readonly AgentName[];
  active: boolean;
};

export type AgentContext = {
  now: Date;
  catalog: CatalogSnapshot;
  objectives: readonly Objective[];
  settings: {
    abandonmentDelayMinutes: number;
    loyaltyExpiryWarningDays: number;
    newsletterDue: boolean;
    maxDiscount: number;
    /** Loyalty points earned per unit of shop currency spent (the shop's LoyaltyRule.pointsPerCurrencyUnit). */
    pointsPerCurrencyUnit: number;
    /** "Near a tier": the points still needed are at most this share of the tier's points (default 0.25). */
    loyaltyNearTierShare?: number;
    /** Intent score at or above which an abandoned basket gets the direct, sooner follow-up (default 0.6). */
    highIntentThreshold?: number;
  };
};

export type Agent = (shopper: ShopperSnapshot, context: AgentContext) => Proposal[];
