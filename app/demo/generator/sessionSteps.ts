import type { Visit } from "./campaigns";
import type { CatalogProduct, CatalogVariant, DemoCatalog } from "./catalog";
import type { CartLine } from "./carts";
import type { PlannedOrder } from "./orderPlanning";
import type { Random } from "./random";

/**
 * What a shopper does during one visit, as a list of steps with the time since the previous step.
 * Times are attached later (forwards from a start, or backwards from the moment an order was
 * placed), so the same step lists serve both browsing and purchasing visits.
 */
export type Page =
  | { kind: "home"; path: string; title: string }
  | { kind: "product"; path: string; title: string; product: CatalogProduct; variant: CatalogVariant }
  | { kind: "collection"; path: string; title: string; collection: { id: number; title: string }; products: readonly CatalogProduct[] }
  | { kind: "search"; path: string; title: string; query: string; results: readonly CatalogProduct[] };

export type Step =
  | { kind: "page"; page: Page; gapMs: number }
  | { kind: "add"; product: CatalogProduct; variant: CatalogVariant; quantity: number; gapMs: number }
  | { kind: "cart"; gapMs: number }
  | { kind: "checkout"; gapMs: number }
  | { kind: "checkout_update"; gapMs: number }
  | { kind: "complete"; gapMs: number };

export type Outcome = "bounce" | "browse" | "cart" | "checkout";

const SECOND = 1000;

/** The page a landing path ("/products/x?utm_source=...") shows. */
export function pageAt(catalog: DemoCatalog, pathWithQuery: string): Page {
  const path = pathWithQuery.split("?")[0] ?? "/";
  const [, section, handle] = path.split("/");
  if (section === "products") {
    const product = catalog.items.find((item) => item.handle === handle);
    const variant = product?.variants[0];
    if (product && variant) return { kind: "product", path: pathWithQuery, title: product.title, product, variant };
  }
  if (section === "collections") {
    const collection = catalog.collections.find((c) => c.handle === handle);
    if (collection) {
      return { kind: "collection", path: pathWithQuery, title: collection.title, collection, products: catalog.productsInCollection(collection.handle) };
    }
  }
  return { kind: "home", path: pathWithQuery, title: "Home" };
}

export function browseSteps(rng: Random, catalog: DemoCatalog, interests: readonly string[], landing: Visit, outcome: Outcome): Step[] {
  const steps: Step[] = [{ kind: "page", page: pageAt(catalog, landing.landingPath), gapMs: 0 }];
  if (outcome === "bounce") return steps;
  const views = Math.min(12, 1 + rng.geometric(0.35));
  for (let i = 0; i < views; i++) steps.push({ kind: "page", page: browsePage(rng, catalog, interests), gapMs: dwell(rng) });
  if (outcome === "browse") return steps;
  const viewed = steps.flatMap((step) => (step.kind === "page" && step.page.kind === "product" ? [step.page] : []));
  const toAdd = rng.shuffle(viewed).slice(0, rng.chance(0.3) ? 2 : 1);
  if (toAdd.length === 0) {
    const page = productPage(rng, catalog, interests.length > 0 ? rng.pick(interests) : rng.pick(catalog.categories).path);
    steps.push({ kind: "page", page, gapMs: dwell(rng) });
    toAdd.push(page);
  }
  for (const page of toAdd) {
    steps.push({ kind: "add", product: page.product, variant: page.variant, quantity: 1, gapMs: rng.between(4, 25) * SECOND });
  }
  if (outcome === "checkout" || rng.chance(0.8)) steps.push({ kind: "cart", gapMs: rng.between(5, 30) * SECOND });
  if (outcome === "checkout") {
    steps.push({ kind: "checkout", gapMs: rng.between(10, 60) * SECOND });
    if (rng.chance(0.6)) steps.push({ kind: "checkout_update", gapMs: rng.between(40, 200) * SECOND });
  }
  return steps;
}

/** A visit that ends in `order`: the shopper puts exactly the order's lines in the cart, then pays. */
export function purchaseSteps(rng: Random, catalog: DemoCatalog, landing: Visit, order: PlannedOrder, alreadyInCart: readonly CartLine[]): Step[] {
  const steps: Step[] = [{ kind: "page", page: pageAt(catalog, landing.landingPath), gapMs: 0 }];
  const interests = order.lines.map((line) => line.product.category.path);
  const extraViews = rng.geometric(0.5);
  for (let i = 0; i < Math.min(extraViews, 5); i++) steps.push({ kind: "page", page: browsePage(rng, catalog, interests), gapMs: dwell(rng) });
  for (const line of order.lines) {
    const inCart = alreadyInCart.find((existing) => existing.variant.id === line.variant.id)?.quantity ?? 0;
    if (inCart >= line.quantity) continue;
    const previous = steps.at(-1);
    // Already on this product's page (often the ad's landing page): add to cart from there.
    const onPage = previous?.kind === "page" && previous.page.kind === "product" && previous.page.product.id === line.product.id;
    if (!onPage) {
      const page: Page = { kind: "product", path: `/products/${line.product.handle}`, title: line.product.title, product: line.product, variant: line.variant };
      steps.push({ kind: "page", page, gapMs: dwell(rng) });
    }
    steps.push({ kind: "add", product: line.product, variant: line.variant, quantity: line.quantity - inCart, gapMs: rng.between(4, 25) * SECOND });
  }
  steps.push({ kind: "cart", gapMs: rng.between(5, 30) * SECOND });
  steps.push({ kind: "checkout", gapMs: rng.between(10, 60) * SECOND });
  steps.push({ kind: "checkout_update", gapMs: rng.between(40, 200) * SECOND });
  steps.push({ kind: "complete", gapMs: rng.between(60, 300) * SECOND });
  return steps;
}

function browsePage(rng: Random, catalog: DemoCatalog, interests: readonly string[]): Page {
  // Mostly what the shopper already likes; sometimes a wander elsewhere in the store.
  const path = interests.length > 0 && rng.chance(0.75) ? rng.pick(interests) : rng.pick(catalog.categories).path;
  const roll = rng.uniform();
  if (roll < 0.68) return productPage(rng, catalog, path);
  if (roll < 0.9) {
    const collection = catalog.collectionOfCategory(path);
    return { kind: "collection", path: `/collections/${collection.handle}`, title: collection.title, collection, products: catalog.productsInCategory(path) };
  }
  const product = rng.pick(catalog.productsInCategory(path));
  const ingredient = product.tags.find((tag) => tag.startsWith("ingredient:"))?.slice("ingredient:".length).replace(/-/g, " ");
  const query = ingredient && rng.chance(0.6) ? ingredient : product.category.name.toLowerCase();
  const results = catalog.items.filter((item) => item.category.path === path || item.tags.some((tag) => tag.endsWith(query.replace(/ /g, "-"))));
  return { kind: "search", path: `/search?q=${encodeURIComponent(query).replace(/%20/g, "+")}`, title: `Search: ${query}`, query, results };
}

function productPage(rng: Random, catalog: DemoCatalog, categoryPath: string): Extract<Page, { kind: "product" }> {
  const product = rng.weighted(catalog.productsInCategory(categoryPath).map((item) => [item, item.popularity] as const));
  const variant = rng.pick(product.variants);
  return { kind: "product", path: `/products/${product.handle}`, title: product.title, product, variant };
}

/** Seconds spent on a page: a long-tailed distribution with a median around 35 s, capped at 10 min. */
function dwell(rng: Random): number {
  return Math.min(600, rng.lognormal(Math.log(35), 0.8)) * SECOND;
}
