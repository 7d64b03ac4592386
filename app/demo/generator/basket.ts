import type { CatalogProduct, CatalogVariant, DemoCatalog } from "./catalog";
import type { PurchaseOccasion } from "./purchaseSimulation";
import type { Random } from "./random";

/**
 * Which products a shopper puts in an order. People settle on a favourite product per category and
 * mostly re-buy it; bigger spenders pick larger sizes; now and then a durable accessory rides along
 * as an impulse add-on (never the same one twice).
 */
export type BasketLine = { product: CatalogProduct; variant: CatalogVariant; quantity: number };

export class BasketChooser {
  private readonly favourites = new Map<string, CatalogProduct>();
  private readonly durablesBought = new Set<number>();

  constructor(
    private readonly rng: Random,
    private readonly catalog: DemoCatalog,
    private readonly spendLevel: number,
  ) {}

  linesFor(occasion: PurchaseOccasion): BasketLine[] {
    const lines = occasion.items.map((item) => {
      const product = this.productIn(item.categoryPath);
      if (product.category.depletionDays === null) this.durablesBought.add(product.id);
      return { product, variant: this.variantOf(product), quantity: item.quantity };
    });
    if (this.rng.chance(0.05 * Math.min(this.spendLevel, 3))) {
      const addOn = this.addOn(lines);
      if (addOn) lines.push(addOn);
    }
    return lines;
  }

  /** The shopper's favourite in the category, or (one time in five) something else to try. */
  private productIn(path: string): CatalogProduct {
    const products = this.catalog.productsInCategory(path);
    const favourite = this.favourites.get(path);
    const durable = products[0]?.category.depletionDays === null;
    if (favourite && !durable && this.rng.chance(0.8)) return favourite;
    const choices = durable ? products.filter((p) => !this.durablesBought.has(p.id)) : products;
    const chosen = this.rng.weighted((choices.length > 0 ? choices : products).map((p) => [p, p.popularity] as const));
    if (!favourite || this.rng.chance(0.3)) this.favourites.set(path, chosen);
    return chosen;
  }

  private variantOf(product: CatalogProduct): CatalogVariant {
    const spend = Math.min(this.spendLevel, 3);
    return this.rng.weighted(product.variants.map((variant, position) => [variant, position === 0 ? 1 : 0.45 * spend ** position] as const));
  }

  private addOn(lines: readonly BasketLine[]): BasketLine | null {
    const inBasket = new Set(lines.map((line) => line.product.id));
    const candidates = this.catalog.items.filter(
      (p) => p.category.depletionDays === null && !inBasket.has(p.id) && !this.durablesBought.has(p.id),
    );
    if (candidates.length === 0) return null;
    const product = this.rng.weighted(candidates.map((p) => [p, p.popularity] as const));
    this.durablesBought.add(product.id);
    return { product, variant: this.variantOf(product), quantity: 1 };
  }
}
