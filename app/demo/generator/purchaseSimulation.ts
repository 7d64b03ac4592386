import { addDays, DAY_MS } from "../../domain/shared/time";
import { CAMPAIGNS, campaignForCategory, type Campaign } from "./campaigns";
import { CATEGORIES, categoryByPath, isDurable, seasonOf, sellsInSeason, type CategoryDefinition } from "./categories";
import { MAX_ORDERS_PER_CUSTOMER } from "./ids";
import type { Persona } from "./personas";
import type { Random } from "./random";
import { shoppingHour } from "./timeOfDay";
import { atLocalHour, localMonth } from "./timestamps";

/**
 * When a customer buys what, in the spirit of BG/NBD: while "alive" each consumable category is
 * re-bought when the shopper's own supply runs out (an individual mean interval scattered around
 * the category's depletion time, with individual regularity); after each order the shopper may
 * silently drop out. On top sit explicit one-time buyers and "lapsing" customers who stop on a
 * given date, the cases the models must recognise. Purchases due within a few days of each other
 * go into one order, as people do.
 */
export type Regularity = "regular" | "irregular" | "durable";

export type CategoryHabit = {
  path: string;
  regularity: Regularity;
  /** The shopper's true mean days between purchases of one unit (null for durables). */
  meanIntervalDays: number | null;
  /** Coefficient of variation of those intervals (null for durables). */
  cv: number | null;
  /** When the next purchase would fall due, for customers still active at `now`. */
  nextDueAt: Date | null;
};

/**
 * Why the customer's purchases stop where they do: never bought, a designated one-time buyer,
 * silently dropped out, lapsed on a date, bought only durables (nothing to re-buy), or still buying.
 */
export type CustomerStatus = "signup_only" | "one_time" | "dropped_out" | "lapsed" | "nothing_to_rebuy" | "active";

export type PurchaseOccasion = { at: Date; items: { categoryPath: string; quantity: number }[] };

export type PurchasePlan = {
  occasions: PurchaseOccasion[];
  habits: CategoryHabit[];
  acquisitionCampaign: string | null;
  /** The campaign theme that matches what the shopper buys; retargeting and email use it. */
  favouriteCampaign: string | null;
  /** Gamma-distributed multiplier of basket value (mean 1): bigger sizes, more units, add-ons. */
  spendLevel: number;
  dropoutProbability: number;
  status: CustomerStatus;
  droppedOutAt: Date | null;
  lapsedAt: Date | null;
};

const COMBINE_WITHIN_DAYS = 5;
const ONE_TIME_SHARE = 0.3;
const LAPSING_SHARE = 0.16;
const IRREGULAR_SHARE = 0.15;
const PAID: ReadonlySet<string> = new Set(["paid_search", "paid_social"]);

export function simulatePurchases(rng: Random, persona: Persona, now: Date): PurchasePlan {
  const spendLevel = rng.gamma(3, 1 / 3);
  const dropoutProbability = rng.beta(1.5, 11);
  const campaign = PAID.has(persona.acquisition) ? acquisitionCampaign(rng, persona) : null;
  if (persona.signupOnly) {
    const favourite = campaignForCategory(rng, pickCategory(rng, persona, CATEGORIES))?.name ?? null;
    return { occasions: [], habits: [], acquisitionCampaign: campaign?.name ?? null, favouriteCampaign: favourite, spendLevel, dropoutProbability, status: "signup_only", droppedOutAt: null, lapsedAt: null };
  }
  const categories = chooseCategories(rng, persona, campaign);
  const primary = categories[0] as CategoryDefinition;
  const habits = categories.map((category) => habitFor(rng, category));
  const due = new Map<string, number>(
    categories.map((category, position) => [category.path, position === 0 || rng.chance(0.45) ? persona.acquiredAt.getTime() : firstLaterPurchase(rng, persona, category, habits[position])]),
  );
  const oneTimeBuyer = rng.chance(ONE_TIME_SHARE);
  // Lapsing customers are loyal until they stop on a date (a competitor, a move): no random dropout before.
  const lapseAt = !oneTimeBuyer && rng.chance(LAPSING_SHARE) ? addDays(now, -rng.between(60, 180)) : null;
  const lapsing = lapseAt !== null && lapseAt.getTime() > persona.acquiredAt.getTime() + 7 * DAY_MS;
  const stopAt = lapsing && lapseAt ? lapseAt.getTime() : now.getTime();

  const occasions: PurchaseOccasion[] = [];
  let status: CustomerStatus = "active";
  let droppedOutAt: Date | null = null;
  while (due.size > 0 && occasions.length < MAX_ORDERS_PER_CUSTOMER) {
    const [, earliest] = [...due].reduce((a, b) => (b[1] < a[1] ? b : a));
    if (earliest >= stopAt) {
      status = lapsing ? "lapsed" : "active";
      break;
    }
    const season = seasonOf(localMonth(new Date(earliest), persona.timeZone), persona.region.southernHemisphere);
    // The first order is what made them a customer, whatever the season (sunscreen for a ski trip).
    const sells = (path: string): boolean => occasions.length === 0 || sellsInSeason(categoryByPath(path), season);
    const group = [...due].filter(([path, at]) => at <= earliest + COMBINE_WITHIN_DAYS * DAY_MS && sells(path));
    for (const [path, at] of due) {
      // Out of season (sunscreen in winter) the need waits for the season to come back.
      if (at === earliest && !sells(path)) due.set(path, at + 15 * DAY_MS);
    }
    if (group.length === 0) continue;
    const at = occasions.length === 0 ? persona.acquiredAt : atLocalHour(new Date(earliest), persona.timeZone, shoppingHour(rng));
    if (at.getTime() >= stopAt) {
      status = lapsing ? "lapsed" : "active";
      break;
    }
    const items = group.map(([path]) => ({ categoryPath: path, quantity: isDurable(categoryByPath(path)) ? 1 : quantity(rng, spendLevel) }));
    occasions.push({ at, items });
    for (const item of items) {
      const habit = habits.find((h) => h.path === item.categoryPath);
      if (!habit || habit.meanIntervalDays === null || habit.cv === null) {
        due.delete(item.categoryPath);
        continue;
      }
      // Buying two units means the supply lasts about twice as long.
      let interval = 0;
      for (let unit = 0; unit < item.quantity; unit++) interval += rng.gammaMeanCv(habit.meanIntervalDays, habit.cv);
      due.set(item.categoryPath, at.getTime() + Math.max(3, interval) * DAY_MS);
    }
    if (oneTimeBuyer) {
      status = "one_time";
      break;
    }
    if (!lapsing && rng.chance(dropoutProbability)) {
      status = "dropped_out";
      droppedOutAt = at;
      break;
    }
    if (due.size === 0) status = "nothing_to_rebuy";
  }
  for (const habit of habits) {
    const next = due.get(habit.path);
    habit.nextDueAt = status === "active" && next !== undefined ? new Date(next) : null;
  }
  return {
    occasions,
    habits,
    acquisitionCampaign: campaign?.name ?? null,
    favouriteCampaign: campaign?.name ?? campaignForCategory(rng, primary.path)?.name ?? null,
    spendLevel,
    dropoutProbability,
    status,
    droppedOutAt,
    lapsedAt: status === "lapsed" ? lapseAt : null,
  };
}

function acquisitionCampaign(rng: Random, persona: Persona): Campaign {
  const month = localMonth(persona.acquiredAt, persona.timeZone);
  // Ad budgets follow the calendar: gift guides before the holidays, spring refresh in spring.
  const seasonalBoost = (campaign: Campaign): number =>
    campaign.name === "gift-guide" ? (month >= 11 ? 5 : 0.3) : campaign.name === "spring-refresh" ? (month >= 3 && month <= 5 ? 3 : 0.4) : 1;
  return rng.weighted(CAMPAIGNS.map((campaign) => [campaign, campaign.weight * seasonalBoost(campaign)] as const));
}

function chooseCategories(rng: Random, persona: Persona, campaign: Campaign | null): CategoryDefinition[] {
  const candidates = campaign ? campaign.categories.map(categoryByPath) : CATEGORIES;
  const primary = categoryByPath(pickCategory(rng, persona, candidates));
  const count = rng.weighted([[1, 48], [2, 30], [3, 15], [4, 7]] as const);
  const chosen = [primary];
  while (chosen.length < count) {
    const remaining = CATEGORIES.filter((category) => !chosen.includes(category));
    // Shoppers stay near what they came for: skin care buyers add more skin care.
    chosen.push(rng.weighted(remaining.map((category) => [category, category.popularity * (category.topLevel === primary.topLevel ? 2.5 : 1)] as const)));
  }
  return chosen;
}

function pickCategory(rng: Random, persona: Persona, candidates: readonly CategoryDefinition[]): string {
  const season = seasonOf(localMonth(persona.acquiredAt, persona.timeZone), persona.region.southernHemisphere);
  return rng.weighted(candidates.map((category) => [category.path, category.popularity * (sellsInSeason(category, season) ? 1 : 0.1)] as const));
}

function habitFor(rng: Random, category: CategoryDefinition): CategoryHabit {
  if (category.depletionDays === null) return { path: category.path, regularity: "durable", meanIntervalDays: null, cv: null, nextDueAt: null };
  const depletion = category.depletionDays;
  const mean = Math.min(2.5 * depletion, Math.max(0.5 * depletion, depletion * rng.lognormal(0, 0.3)));
  const irregular = rng.chance(IRREGULAR_SHARE);
  const cv = irregular ? rng.between(0.7, 1.2) : rng.between(0.1, 0.3);
  return { path: category.path, regularity: irregular ? "irregular" : "regular", meanIntervalDays: mean, cv, nextDueAt: null };
}

/** A category the shopper adds after their first order: cross-sell arrives weeks or months later. */
function firstLaterPurchase(rng: Random, persona: Persona, category: CategoryDefinition, habit: CategoryHabit | undefined): number {
  const typicalGap = habit?.meanIntervalDays ?? category.depletionDays ?? 90;
  return persona.acquiredAt.getTime() + (rng.between(3, 20) + rng.exponential(typicalGap)) * DAY_MS;
}

function quantity(rng: Random, spendLevel: number): number {
  if (!rng.chance(0.08 + 0.06 * Math.min(spendLevel, 3))) return 1;
  return rng.chance(0.25) ? 3 : 2;
}
