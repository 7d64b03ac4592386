import type { Db } from "~/db.server";
import type { CatalogProduct, CatalogSnapshot } from "~/domain/agents/contract";
import { effectiveDepletionDays } from "~/domain/catalog/depletion";
import { availability, type BestsellerRanking } from "~/domain/models/bestsellers/bestsellers";
import { parseStringList } from "~/domain/profiles/identity";

/**
 * The catalog as agents may name it, read once per planning run: every product that is not
 * deleted, priced at its cheapest in-stock variant (else its cheapest variant, flagged out of
 * stock), with its plain tags as attributes in the merchant's order, and each category's
 * depletion timeline (the merchant's days, else the suggestion).
 *
 * Stock follows the bestseller model's rule (`availability`): a variant is sold out only when it
 * tracks inventory at or below zero and refuses to oversell.
 */
export async function loadCatalogSnapshot(store: Db, shopId: string, currencyCode: string): Promise<CatalogSnapshot> {
  const [products, variants, categories] = await Promise.all([
    store.product.findMany({
      where: { shopId, deletedAt: null },
      select: { id: true, title: true, handle: true, categoryPath: true, status: true, tags: true, seasons: true, imageUrl: true },
      orderBy: { id: "asc" },
    }),
    store.productVariant.findMany({
      where: { shopId },
      select: { id: true, productId: true, priceMinor: true, inventoryQuantity: true, inventoryPolicy: true },
      orderBy: { id: "asc" },
    }),
    store.category.findMany({ where: { shopId }, select: { path: true, depletionDays: true, suggestedDepletionDays: true } }),
  ]);
  const variantsOf = new Map<string, (typeof variants)[number][]>();
  for (const variant of variants) {
    const list = variantsOf.get(variant.productId);
    if (list) list.push(variant);
    else variantsOf.set(variant.productId, [variant]);
  }
  const byId = new Map<string, CatalogProduct>();
  for (const product of products) {
    const own = variantsOf.get(product.id) ?? [];
    const sellable = own.filter((variant) => !soldOut(variant));
    const cheapest = [...(sellable.length > 0 ? sellable : own)].sort((a, b) => a.priceMinor - b.priceMinor || a.id.localeCompare(b.id))[0];
    const state = availability({ productId: product.id, categoryPath: product.categoryPath, status: product.status, deletedAt: null, variants: own });
    byId.set(product.id, {
      id: product.id,
      title: product.title,
      handle: product.handle,
      categoryPath: product.categoryPath,
      priceMinor: cheapest?.priceMinor ?? 0,
      variantId: cheapest?.id ?? "",
      inStock: state === "available" && cheapest !== undefined,
      active: product.status.toLowerCase() === "active",
      imageUrl: product.imageUrl,
      attributes: parseStringList(product.tags),
      seasons: parseStringList(product.seasons),
    });
  }
  return {
    currencyCode,
    products: byId,
    depletionDays: new Map(categories.map((category) => [category.path, effectiveDepletionDays(category)])),
  };
}

function soldOut(variant: { inventoryQuantity: number | null; inventoryPolicy: string | null }): boolean {
  return variant.inventoryPolicy?.toLowerCase() === "deny" && variant.inventoryQuantity !== null && variant.inventoryQuantity <= 0;
}

/** The catalog with the store's bestseller ranking per category (product ids, best first), as agents use it. */
export function withCategoryBestsellers(catalog: CatalogSnapshot, ranking: BestsellerRanking): CatalogSnapshot {
  return { ...catalog, categoryBestsellers: new Map(ranking.categories.map((category) => [category.categoryPath, category.products.map((product) => product.productId)])) };
}
