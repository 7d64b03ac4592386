import { DEFAULT_LOYALTY_RULE, LoyaltyRule } from "../../domain/loyalty/loyaltyRule";
import { generateAnonymousVisitor, type AnonymousVisitor } from "./anonymousVisitors";
import { buildCatalog, type DemoCatalog } from "./catalog";
import { generateCustomer, type CustomerHistory, type GenerationContext } from "./customerHistory";
import type { PixelSession } from "./pixelTypes";
import { Random } from "./random";
import { DEMO_SHOP, type DemoShop } from "./shop";

/**
 * The demo store generator: a skin-care and wellness shop with a catalog, customers with 18 months
 * of orders, storefront browsing, open carts and checkouts, all in Shopify's payload shapes and all
 * determined by `seed` and `now`.
 *
 * Customers and anonymous visitors are produced lazily, one at a time and in index order, each from
 * its own random stream: customer i is the same whatever the total, and 100,000 customers stream
 * in bounded memory. Iterate as often as you like; every pass yields the same data.
 */
export type DemoStoreOptions = {
  seed: string | number;
  customers: number;
  now: Date;
  /** How far back customers were acquired (default 18). */
  months?: number;
  /** Days of storefront browsing before `now` (default 60). */
  browseDays?: number;
  /** Visitors who never log in or buy (default: as many as customers). */
  anonymousVisitors?: number;
  loyaltyRule?: LoyaltyRule;
};

export type DemoStore = {
  shop: DemoShop;
  catalog: DemoCatalog;
  options: Required<Omit<DemoStoreOptions, "seed">> & { seed: string };
  customers(): Iterable<CustomerHistory>;
  /** One customer by index (0-based), identical to what customers() yields at that position. */
  customer(index: number): CustomerHistory;
  anonymousVisitors(): Iterable<AnonymousVisitor>;
  /** The anonymous visitors' pixel sessions, flattened. */
  anonymousSessions(): Iterable<PixelSession>;
};

export function generateDemoStore(options: DemoStoreOptions): DemoStore {
  const resolved = {
    seed: String(options.seed),
    customers: wholeNumber("customers", options.customers),
    now: options.now,
    months: positive("months", options.months ?? 18),
    browseDays: positive("browseDays", options.browseDays ?? 60),
    anonymousVisitors: wholeNumber("anonymousVisitors", options.anonymousVisitors ?? options.customers),
    loyaltyRule: LoyaltyRule.parse(options.loyaltyRule ?? DEFAULT_LOYALTY_RULE),
  };
  if (Number.isNaN(resolved.now.getTime())) throw new Error("now must be a valid date");
  const root = new Random(`demo-store:${resolved.seed}:${resolved.now.toISOString()}`);
  const catalog = buildCatalog(root.fork("catalog"), resolved.now, resolved.months);
  const context: GenerationContext = { root, catalog, now: resolved.now, months: resolved.months, browseDays: resolved.browseDays, loyaltyRule: resolved.loyaltyRule };
  const customer = (index: number): CustomerHistory => {
    if (!Number.isInteger(index) || index < 0 || index >= resolved.customers) throw new Error(`customer index ${index} out of range`);
    return generateCustomer(context, index);
  };
  return {
    shop: DEMO_SHOP,
    catalog,
    options: resolved,
    customer,
    *customers() {
      for (let index = 0; index < resolved.customers; index++) yield generateCustomer(context, index);
    },
    *anonymousVisitors() {
      for (let index = 0; index < resolved.anonymousVisitors; index++) yield generateAnonymousVisitor(context, index);
    },
    *anonymousSessions() {
      for (let index = 0; index < resolved.anonymousVisitors; index++) yield* generateAnonymousVisitor(context, index).sessions;
    },
  };
}

function wholeNumber(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got ${value}`);
  return value;
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name} must be positive, got ${value}`);
  return value;
}

export type { AnonymousVisitor } from "./anonymousVisitors";
export type { CatalogProduct, CatalogVariant, DemoCatalog } from "./catalog";
export type { CategoryDefinition } from "./categories";
export type { CustomerHistory, CustomerTruth } from "./customerHistory";
export { cartTokenFromPixelCartId } from "./ids";
export type * from "./basketPayloadTypes";
export type * from "./catalogPayloadTypes";
export type * from "./payloadTypes";
export type { PixelEventJson, PixelSession } from "./pixelTypes";
export type { CategoryHabit, CustomerStatus } from "./purchaseSimulation";
export type { DemoShop } from "./shop";
