import { z } from "zod";
import { DAY_MS } from "../../shared/time";
import type { BestsellerRanking } from "./bestsellers";

/**
 * Bestsellers for one recipient: the store's category bestsellers, weighted by the recipient's
 * affinity for each category. Affinity comes from what they bought (units, fading with a
 * half-life); when that history is thin (fewer than `minOrders` orders) it comes from the
 * categories they browsed most (product views, fading the same way); with neither, the store-wide
 * ranking. Products they already bought are left out. A product's score is its category's
 * affinity share times its sales relative to the category's best seller.
 */
export const PersonalBestsellerSettings = z.object({
  limit: z.number().int().min(1).max(100),
  minOrders: z.number().int().min(1).max(50),
  affinityHalfLifeDays: z.number().positive().max(3650),
});
export type PersonalBestsellerSettings = z.infer<typeof PersonalBestsellerSettings>;

export const DEFAULT_PERSONAL_SETTINGS: PersonalBestsellerSettings = { limit: 8, minOrders: 2, affinityHalfLifeDays: 180 };

export type RecipientHistory = {
  /** Lines of their orders that were not cancelled; `orderId` tells orders apart. */
  purchases: readonly { orderId: string; productId: string | null; categoryPath: string | null; quantity: number; at: Date }[];
  productViews: readonly { productId: string; at: Date }[];
};

export type AffinityBasis = "purchases" | "browsing" | "store-wide";

export type CategoryAffinity = { categoryPath: string; share: number; weight: number };

export type PersonalPick = { productId: string; categoryPath: string; score: number; categoryShare: number; rankInCategory: number };

export type PersonalBestsellers = { basis: AffinityBasis; orders: number; affinities: CategoryAffinity[]; picks: PersonalPick[] };

export function personalBestsellers(
  ranking: BestsellerRanking,
  recipient: RecipientHistory,
  categoryOfProduct: ReadonlyMap<string, string | null>,
  settings: PersonalBestsellerSettings,
  now: Date,
): PersonalBestsellers {
  const past = recipient.purchases.filter((line) => line.at <= now);
  const orders = new Set(past.map((line) => line.orderId)).size;
  const decay = (at: Date) => 0.5 ** (Math.max(0, now.getTime() - at.getTime()) / DAY_MS / settings.affinityHalfLifeDays);
  const categoryOf = (productId: string | null, fallback: string | null) => (productId ? (categoryOfProduct.get(productId) ?? fallback) : fallback);

  const purchaseWeights = new Map<string, number>();
  for (const line of past) {
    const category = categoryOf(line.productId, line.categoryPath);
    if (category && line.quantity > 0) purchaseWeights.set(category, (purchaseWeights.get(category) ?? 0) + line.quantity * decay(line.at));
  }
  const viewWeights = new Map<string, number>();
  for (const view of recipient.productViews) {
    const category = view.at <= now ? categoryOf(view.productId, null) : null;
    if (category) viewWeights.set(category, (viewWeights.get(category) ?? 0) + decay(view.at));
  }
  const [basis, weights]: [AffinityBasis, Map<string, number>] =
    orders >= settings.minOrders && purchaseWeights.size > 0
      ? ["purchases", purchaseWeights]
      : viewWeights.size > 0
        ? ["browsing", viewWeights]
        : purchaseWeights.size > 0
          ? ["purchases", purchaseWeights]
          : ["store-wide", new Map()];

  const total = [...weights.values()].reduce((sum, w) => sum + w, 0);
  const affinities = [...weights.entries()]
    .map(([categoryPath, weight]) => ({ categoryPath, share: round(weight / total), weight: round(weight) }))
    .sort((a, b) => b.share - a.share || a.categoryPath.localeCompare(b.categoryPath));
  const bought = new Set(past.flatMap((line) => (line.productId ? [line.productId] : [])));
  const storeTop = Math.max(0, ...ranking.categories.map((category) => category.products[0]?.score ?? 0));

  const picks: PersonalPick[] = [];
  for (const category of ranking.categories) {
    const share = basis === "store-wide" ? 1 : (weights.get(category.categoryPath) ?? 0) / total;
    const top = basis === "store-wide" ? storeTop : (category.products[0]?.score ?? 0);
    if (share <= 0 || top <= 0) continue;
    category.products.forEach((product, rank) => {
      if (bought.has(product.productId)) return;
      picks.push({ productId: product.productId, categoryPath: category.categoryPath, score: round((share * product.score) / top), categoryShare: round(share), rankInCategory: rank + 1 });
    });
  }
  picks.sort((a, b) => b.score - a.score || a.rankInCategory - b.rankInCategory || a.productId.localeCompare(b.productId));
  return { basis, orders, affinities, picks: picks.slice(0, settings.limit) };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
