import { currencyExponent } from "../money/money";
import { DAY_MS } from "../shared/time";
import type { AgentName, CatalogProduct, CatalogSnapshot, ContentBrief, Proposal, ShopperSnapshot } from "./contract";

/**
 * What the five agents share: stable proposal ids, the products they may name, the expected-value
 * arithmetic (written out as the merchant reads it) and plain-word formatting for traces.
 */

/**
 * Prior lifts in the chance of a purchase that one message causes, by kind. They are priors, not
 * measurements: the learning loop replaces them with the uplift measured against holdouts. The
 * ordering follows published email benchmarks: cart recovery converts best, then timely
 * replenishment and loyalty gaps, then post-purchase care, with newsletters last.
 */
export const UPLIFT_PRIORS = {
  replenishmentReminder: 0.06,
  replenishmentWinback: 0.04,
  postPurchaseUsageTip: 0.02,
  postPurchaseRestock: 0.05,
  loyaltyTierGap: 0.08,
  loyaltyExpiry: 0.04,
  /** Cart recovery: the base, plus this much per unit of intent score. */
  cartBase: 0.04,
  cartPerIntent: 0.2,
  newsletter: 0.015,
} as const;

export const DEFAULT_NEAR_TIER_SHARE = 0.25;
export const DEFAULT_HIGH_INTENT_THRESHOLD = 0.6;
/** A discount, when an agent offers one, is never above this, nor above the shop's maxDiscount. */
export const STANDARD_DISCOUNT = 0.1;

export const HOUR_MS = 3_600_000;

/** Deterministic and hash-free: the same shopper, agent, subject and date bucket give the same id. */
export function proposalId(agent: AgentName, customerId: string, subject: string, bucket: Date): string {
  return `${agent}:${customerId}:${subject}:${dayKey(bucket)}`;
}

/** The UTC calendar day, YYYY-MM-DD. */
export function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The Monday (UTC) of the week holding `date`: a bucket for proposals about a standing state. */
export function weekStart(date: Date): Date {
  const midnight = Math.floor(date.getTime() / DAY_MS) * DAY_MS;
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - weekday * DAY_MS);
}

export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * HOUR_MS);
}

export function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/** A product the copy may name: in the catalog, active and in stock. */
export function sellable(catalog: CatalogSnapshot, productId: string | null | undefined): CatalogProduct | null {
  if (!productId) return null;
  const product = catalog.products.get(productId);
  return product && product.active && product.inStock ? product : null;
}

/** The category's best seller that is in stock, skipping `exclude`. */
export function inStockBestseller(catalog: CatalogSnapshot, categoryPath: string, exclude: ReadonlySet<string> = new Set()): CatalogProduct | null {
  for (const productId of catalog.categoryBestsellers?.get(categoryPath) ?? []) {
    const product = exclude.has(productId) ? null : sellable(catalog, productId);
    if (product) return product;
  }
  return null;
}

export function briefProduct(product: CatalogProduct): ContentBrief["products"][number] {
  return { productId: product.id, title: product.title, priceMinor: product.priceMinor };
}

export function offeredDiscount(maxDiscount: number): number | null {
  const discount = Math.min(STANDARD_DISCOUNT, maxDiscount);
  return discount > 0 ? discount : null;
}

export type Factor = { value: number; label: string };

/**
 * Expected incremental revenue = P(purchase uplift) x order value x (1 - discount), where the
 * uplift is a prior rate times factors (how active the shopper still is, how strong the intent).
 * The method spells out each number so the merchant can check it.
 */
export function estimateValue(input: {
  prior: Factor;
  factors?: readonly Factor[];
  orderValueMinor: number;
  orderValueLabel: string;
  discount: number | null;
  currencyCode: string;
}): Proposal["expectedValue"] {
  const factors = input.factors ?? [];
  const probabilityUplift = round(factors.reduce((p, factor) => p * factor.value, input.prior.value), 4);
  const orderValueMinor = Math.max(0, Math.round(input.orderValueMinor));
  const kept = 1 - (input.discount ?? 0);
  const incrementalRevenueMinor = Math.round(probabilityUplift * orderValueMinor * kept);
  const parts = [`${percent(input.prior.value)} (${input.prior.label})`, ...factors.map((factor) => `${round(factor.value, 3)} (${factor.label})`)];
  const discountPart = input.discount ? ` × ${percent(kept)} (after the ${percent(input.discount)} discount)` : "";
  const method =
    `P(purchase uplift) = ${parts.join(" × ")} = ${percent(probabilityUplift)}; ` +
    `× ${money(orderValueMinor, input.currencyCode)} (${input.orderValueLabel})${discountPart} = ${money(incrementalRevenueMinor, input.currencyCode)} expected incremental revenue`;
  return { incrementalRevenueMinor, method, probabilityUplift, orderValueMinor };
}

/** How likely the shopper is still a customer (BG/NBD P(alive)), as a factor; none when unknown. */
export function activityFactors(shopper: ShopperSnapshot): Factor[] {
  return shopper.pAlive === null ? [] : [{ value: clamp(shopper.pAlive, 0, 1), label: "chance the customer is still active" }];
}

/** The value a message with no basket of its own rests on: the shopper's mean order, else a fallback. */
export function typicalOrder(shopper: ShopperSnapshot, fallbackMinor: number, fallbackLabel: string): { valueMinor: number; label: string } {
  const average = shopper.orders.averageOrderMinor;
  return average != null && average > 0 ? { valueMinor: average, label: "the customer's average order" } : { valueMinor: fallbackMinor, label: fallbackLabel };
}

export function impactSentence(value: Proposal["expectedValue"], currencyCode: string): string {
  return `About ${money(value.incrementalRevenueMinor, currencyCode)} in extra revenue expected (${percent(value.probabilityUplift)} more likely to buy, on ${money(value.orderValueMinor, currencyCode)}).`;
}

type MoneyFormat = { exponent: number; prefix: string; suffix: string };
const MONEY_FORMATS = new Map<string, MoneyFormat>();

/**
 * "$24.00", "¥3,000": the merchant reads traces in the shop currency, as en-US formats it. The
 * currency's symbol and placement come from Intl once per currency; the digits are laid out here,
 * because a trace holds several amounts and Intl costs microseconds a call over 100,000 shoppers.
 */
export function money(minor: number, currencyCode: string): string {
  let format = MONEY_FORMATS.get(currencyCode);
  if (!format) {
    const parts = new Intl.NumberFormat("en-US", { style: "currency", currency: currencyCode }).formatToParts(1);
    const first = parts.findIndex((part) => part.type === "integer");
    const last = parts.findLastIndex((part) => part.type === "integer" || part.type === "fraction");
    const text = (from: number, to: number) => parts.slice(from, to).map((part) => part.value).join("");
    format = { exponent: currencyExponent(currencyCode), prefix: text(0, first), suffix: text(last + 1, parts.length) };
    MONEY_FORMATS.set(currencyCode, format);
  }
  const rounded = Math.round(Math.abs(minor));
  const scale = 10 ** format.exponent;
  const whole = String(Math.floor(rounded / scale)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = format.exponent > 0 ? `.${String(rounded % scale).padStart(format.exponent, "0")}` : "";
  return `${minor < 0 ? "-" : ""}${format.prefix}${whole}${fraction}${format.suffix}`;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "3 May 2026" (UTC): the planner, not the agent, knows the shopper's zone. Hand-built: Intl costs microseconds a call. */
export function plainDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function percent(share: number): string {
  return `${round(share * 100, 1)}%`;
}

export function days(value: number): string {
  const rounded = round(value, 1);
  return `${rounded} day${rounded === 1 ? "" : "s"}`;
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export function assertUnreachable(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
