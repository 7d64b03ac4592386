import type {
  AgentContext,
  BasketSnapshot,
  CatalogProduct,
  CatalogSnapshot,
  CategoryPurchases,
  Objective,
  ShopperSnapshot,
} from "~/domain/agents/contract";
import type { PersonalBestsellers, PersonalPick } from "~/domain/models/bestsellers/personalBestsellers";
import { estimateCadence } from "~/domain/models/cadence/cadence";
import type { IntentScore } from "~/domain/models/intent/intentScore";

/** Hand-made shoppers and a small skin-care catalog, all relative to one moment (a Wednesday, 12:00 UTC). */
export const NOW = new Date("2026-06-10T12:00:00Z");
const DAY = 86_400_000;
const HOUR = 3_600_000;
export const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * DAY);
export const hoursAgo = (hours: number): Date => new Date(NOW.getTime() - hours * HOUR);
export const inHours = (hours: number): Date => new Date(NOW.getTime() + hours * HOUR);

export function product(id: string, title: string, categoryPath: string, priceMinor: number, attributes: string[] = [], extra: Partial<CatalogProduct> = {}): CatalogProduct {
  return { id, title, handle: id, categoryPath, priceMinor, variantId: `v-${id}`, inStock: true, active: true, imageUrl: null, attributes, seasons: [], ...extra };
}

export const CLEANSERS = "Skin care > Cleansers";
export const EXFOLIANTS = "Skin care > Exfoliants";
export const SERUMS = "Skin care > Serums";
export const TOOLS = "Accessories > Tools";
export const CANDLES = "Home > Candles";

export const PRODUCTS: CatalogProduct[] = [
  product("p-cleanser", "Daily Gel Cleanser", CLEANSERS, 2400, ["vegan", "clean-ingredients"]),
  product("p-cleanser-2", "Cream Cleanser", CLEANSERS, 2600, ["clean-ingredients"]),
  product("p-exfoliant", "Weekly AHA Exfoliant", EXFOLIANTS, 3000, ["clean-ingredients"]),
  product("p-serum", "Niacinamide Serum", SERUMS, 3200, ["clean-ingredients", "vegan"]),
  product("p-brush", "Silicone Cleansing Brush", TOOLS, 4800, ["durable", "vegan"]),
  product("p-guasha", "Rose Quartz Gua Sha", TOOLS, 3400, ["durable", "sustainable"]),
  product("p-candle", "Cedar & Sage Soy Candle", CANDLES, 3800, ["sustainable", "vegan"]),
  product("p-oos", "Sold-out Toner", "Skin care > Toners", 2000, ["vegan"], { inStock: false }),
];

export function catalog(changes: { products?: CatalogProduct[]; outOfStock?: string[] } = {}): CatalogSnapshot {
  const list = (changes.products ?? PRODUCTS).map((p) => (changes.outOfStock?.includes(p.id) ? { ...p, inStock: false } : p));
  return {
    currencyCode: "USD",
    products: new Map(list.map((p) => [p.id, p])),
    depletionDays: new Map<string, number | null>([
      [CLEANSERS, 30],
      [EXFOLIANTS, 90],
      [SERUMS, 60],
      [TOOLS, null],
      [CANDLES, 40],
    ]),
    categoryBestsellers: new Map([
      [CLEANSERS, ["p-cleanser-2", "p-cleanser"]],
      [TOOLS, ["p-brush", "p-guasha"]],
      [SERUMS, ["p-serum"]],
    ]),
  };
}

/** A category history whose cadence is estimated from the purchases, as the planning service does. */
export function category(
  categoryPath: string,
  purchaseDaysAgo: number[],
  options: { lastProductId?: string | null; lastQuantity?: number; depletionDays?: number | null; cadenceAsOf?: Date } = {},
): CategoryPurchases {
  const quantity = options.lastQuantity ?? 1;
  const purchases = purchaseDaysAgo.map((days) => ({ at: daysAgo(days), quantity })).sort((a, b) => a.at.getTime() - b.at.getTime());
  const timeline = options.depletionDays === undefined ? null : { depletionDays: options.depletionDays, suggestedDepletionDays: null };
  const asOf = options.cadenceAsOf ?? NOW;
  return {
    categoryPath,
    purchasedAt: purchases.map((p) => p.at),
    lastProductId: options.lastProductId === undefined ? null : options.lastProductId,
    lastQuantity: quantity,
    cadence: estimateCadence({ purchases: purchases.filter((p) => p.at <= asOf), category: timeline, pooled: null, now: asOf }),
  };
}

export function shopper(changes: Partial<ShopperSnapshot> = {}): ShopperSnapshot {
  return {
    customerId: "c-1",
    firstName: "Ada",
    email: "ada@example.com",
    emailMarketingState: "SUBSCRIBED",
    timeZone: "Europe/London",
    locale: "en-GB",
    countryCode: "GB",
    suppressed: null,
    orders: { count: 0, lastAt: null, ownedProductIds: new Set(), averageOrderMinor: null },
    categories: [],
    loyalty: { balance: 0, nextExpiry: null, nextTier: null },
    baskets: [],
    intent: null,
    pclvMinor: null,
    pAlive: null,
    bestsellers: null,
    recentMessages: [],
    ...changes,
  };
}

export type SettingsChanges = Partial<AgentContext["settings"]>;

export function context(changes: { settings?: SettingsChanges; catalog?: CatalogSnapshot; objectives?: Objective[]; now?: Date } = {}): AgentContext {
  return {
    now: changes.now ?? NOW,
    catalog: changes.catalog ?? catalog(),
    objectives: changes.objectives ?? [],
    settings: { abandonmentDelayMinutes: 60, loyaltyExpiryWarningDays: 14, newsletterDue: false, maxDiscount: 0.15, pointsPerCurrencyUnit: 1, ...changes.settings },
  };
}

export function objective(changes: Partial<Objective> = {}): Objective {
  return {
    id: "obj-repeat",
    goal: "grow-repeat-revenue",
    target: null,
    horizonDays: 90,
    messagesPerShopperPerWeek: 2,
    discountBudgetMinor: 100_000,
    agentsAllowed: ["replenishment", "post-purchase", "loyalty", "cart-intent", "bestseller-newsletter"],
    active: true,
    ...changes,
  };
}

export function basket(changes: Partial<BasketSnapshot> = {}): BasketSnapshot {
  return {
    kind: "cart",
    token: "cart-1",
    lastActivityAt: hoursAgo(3),
    abandonedAt: hoursAgo(2),
    totalMinor: 4800,
    lines: [{ productId: "p-brush", variantId: "v-p-brush", title: "Silicone Cleansing Brush", quantity: 1, priceMinor: 4800 }],
    utmSource: null,
    utmCampaign: null,
    utmContent: null,
    landingSite: null,
    completedAt: null,
    cartToken: null,
    ...changes,
  };
}

/** An intent score with its strongest contributions, as scoreIntent reports them. */
export function intent(score: number): IntentScore {
  const contribution = (dimension: "addToCarts" | "productViews", value: number, part: number) => ({
    dimension,
    value,
    signal: part,
    weight: 1,
    weightedPart: part,
    learnedLogOdds: null,
    learnedPart: 0,
    contribution: part,
  });
  return {
    score,
    basis: "weighted",
    learnedShare: 0,
    baseline: 0,
    weightedScore: score,
    learnedProbability: null,
    learnedSkipped: "no-model",
    contributions: [contribution("addToCarts", 2, score * 0.6), contribution("productViews", 5, score * 0.4)],
  };
}

export function bestsellers(productIds: string[], basis: PersonalBestsellers["basis"] = "purchases"): PersonalBestsellers {
  const picks: PersonalPick[] = productIds.map((productId, i) => ({
    productId,
    categoryPath: PRODUCTS.find((p) => p.id === productId)?.categoryPath ?? "Other",
    score: 1 - i * 0.1,
    categoryShare: 0.5,
    rankInCategory: i + 1,
  }));
  return { basis, orders: basis === "purchases" ? 4 : 1, affinities: [{ categoryPath: SERUMS, share: 0.6, weight: 3 }, { categoryPath: CANDLES, share: 0.4, weight: 2 }], picks };
}

/**
 * One shopper every agent has something for: a monthly cleanser buyer 40 days on (replenishment),
 * a first exfoliant 26 days ago (post-purchase tip), 30 points from Bronze (loyalty), a brush left
 * in the cart two hours ago after a "durability" ad (cart intent), and the newsletter is due.
 */
export function eligibleForAll(changes: Partial<ShopperSnapshot> = {}): ShopperSnapshot {
  return shopper({
    categories: [category(CLEANSERS, [160, 130, 100, 70, 40], { lastProductId: "p-cleanser" }), category(EXFOLIANTS, [26], { lastProductId: "p-exfoliant" })],
    orders: { count: 6, lastAt: daysAgo(26), ownedProductIds: new Set(["p-cleanser", "p-exfoliant"]), averageOrderMinor: 3100 },
    loyalty: { balance: 220, nextTier: { name: "Bronze reward", points: 250, rewardMinor: 500 }, nextExpiry: null },
    baskets: [basket({ utmCampaign: "durability" })],
    intent: intent(0.72),
    pAlive: 0.9,
    bestsellers: bestsellers(["p-serum", "p-candle"]),
    ...changes,
  });
}
