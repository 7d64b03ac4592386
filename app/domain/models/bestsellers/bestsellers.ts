import { z } from "zod";
import { DAY_MS } from "../../shared/time";

/**
 * Bestsellers per category: units sold over the merchant's window, each sale weighted by how
 * recent it is (the weight halves every `halfLifeDays`), counting only products a shopper can buy
 * now: active, not deleted, and in stock. A product is out of stock when every variant both tracks
 * inventory at or below zero and refuses to oversell (policy "deny"); untracked inventory and
 * "continue" (keep selling) count as available, and so does a product whose variants have not
 * arrived yet (nothing says it is sold out). Sales count under the product's current category.
 */
export const BestsellerSettings = z.object({
  windowDays: z.number().int().min(1).max(730),
  halfLifeDays: z.number().positive().max(730),
});
export type BestsellerSettings = z.infer<typeof BestsellerSettings>;

export const DEFAULT_BESTSELLER_SETTINGS: BestsellerSettings = { windowDays: 90, halfLifeDays: 30 };

export type CatalogVariant = { inventoryQuantity: number | null; inventoryPolicy: string | null };
export type CatalogProduct = {
  productId: string;
  categoryPath: string | null;
  status: string;
  deletedAt: Date | null;
  variants: readonly CatalogVariant[];
};
/** One line of an order that was not cancelled. */
export type SaleLine = { productId: string; quantity: number; at: Date };

export type Availability = "available" | "out-of-stock" | "inactive" | "deleted";

export function availability(product: CatalogProduct): Availability {
  if (product.deletedAt) return "deleted";
  if (product.status.toLowerCase() !== "active") return "inactive";
  const soldOut = (variant: CatalogVariant) => variant.inventoryPolicy?.toLowerCase() === "deny" && variant.inventoryQuantity !== null && variant.inventoryQuantity <= 0;
  return product.variants.length > 0 && product.variants.every(soldOut) ? "out-of-stock" : "available";
}

export type RankedProduct = { productId: string; score: number; units: number; lastSoldAt: Date };
/** Every available product that sold in the window, best first. */
export type CategoryBestsellers = { categoryPath: string; products: RankedProduct[] };
export type BestsellerRanking = {
  categories: CategoryBestsellers[];
  /** Products that sold in the window but were left out, and why. */
  excluded: { productId: string; reason: Exclude<Availability, "available"> | "unknown-product" | "no-category" }[];
  window: { from: Date; to: Date };
};

export function rankBestsellers(products: readonly CatalogProduct[], sales: readonly SaleLine[], settings: BestsellerSettings, now: Date): BestsellerRanking {
  const from = new Date(now.getTime() - settings.windowDays * DAY_MS);
  const byId = new Map(products.map((product) => [product.productId, product]));
  const tallies = new Map<string, RankedProduct>();
  for (const sale of sales) {
    const age = now.getTime() - sale.at.getTime();
    if (age < 0 || sale.at < from || sale.quantity <= 0) continue;
    const tally = tallies.get(sale.productId) ?? { productId: sale.productId, score: 0, units: 0, lastSoldAt: sale.at };
    tally.score += sale.quantity * 0.5 ** (age / DAY_MS / settings.halfLifeDays);
    tally.units += sale.quantity;
    if (sale.at > tally.lastSoldAt) tally.lastSoldAt = sale.at;
    tallies.set(sale.productId, tally);
  }
  const excluded: BestsellerRanking["excluded"] = [];
  const byCategory = new Map<string, RankedProduct[]>();
  for (const tally of tallies.values()) {
    const product = byId.get(tally.productId);
    const state = product ? availability(product) : "unknown-product";
    if (state !== "available" || !product?.categoryPath) {
      excluded.push({ productId: tally.productId, reason: state === "available" ? "no-category" : state });
      continue;
    }
    const list = byCategory.get(product.categoryPath) ?? [];
    list.push({ ...tally, score: Math.round(tally.score * 1000) / 1000 });
    byCategory.set(product.categoryPath, list);
  }
  const categories = [...byCategory.entries()]
    .map(([categoryPath, list]) => ({ categoryPath, products: list.sort(byScore) }))
    .sort((a, b) => a.categoryPath.localeCompare(b.categoryPath));
  return { categories, excluded: excluded.sort((a, b) => a.productId.localeCompare(b.productId)), window: { from, to: now } };
}

function byScore(a: RankedProduct, b: RankedProduct): number {
  return b.score - a.score || b.units - a.units || b.lastSoldAt.getTime() - a.lastSoldAt.getTime() || a.productId.localeCompare(b.productId);
}
