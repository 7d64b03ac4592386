import type { CatalogSnapshot, ContentBrief } from "../../agents/contract";
import { currencyExponent, fromMinorUnits } from "../../money/money";
import type { CheckResult, Violation } from "../violation";
import { readingToMinor } from "./amounts";
import { CRITIC_RULES } from "./criticInput";
import { findMoney, type MoneyMention } from "./moneyMentions";
import { clip, type CopyText } from "./textScan";

const RULE = CRITIC_RULES.price;

/**
 * The amounts of money the copy may state, in minor units of the shop currency: the prices of the
 * brief's products (the brief's price, which for a cart is the line the shopper chose, and the
 * catalog's current price), the brief's money numbers (keys ending in "Minor": cart total, reward),
 * each of those times a quantity the brief names, and, when the brief offers a discount, the amount
 * saved and the price after it (rounded either way: copy may round half a cent differently).
 * "1 point per $1" needs the currency unit itself when the brief states a points rate.
 */
export function allowedAmounts(brief: ContentBrief, catalog: Pick<CatalogSnapshot, "currencyCode" | "products">): Set<number> {
  const base = new Set<number>();
  for (const p of brief.products) {
    base.add(p.priceMinor);
    const current = catalog.products.get(p.productId);
    if (current) base.add(current.priceMinor);
  }
  for (const [key, value] of Object.entries(brief.numbers)) if (key.endsWith("Minor")) base.add(value);
  const quantities = Object.entries(brief.numbers).filter(([key, value]) => /quantity/i.test(key) && Number.isInteger(value) && value > 1).map(([, value]) => value);
  for (const p of brief.products) for (const q of quantities) base.add(p.priceMinor * q);
  const allowed = new Set(base);
  if (brief.discount !== null && brief.discount > 0) {
    for (const amount of base) {
      for (const value of [amount * brief.discount, amount * (1 - brief.discount)]) {
        allowed.add(Math.floor(value));
        allowed.add(Math.ceil(value));
      }
    }
  }
  if ("pointsPerCurrencyUnit" in brief.numbers) allowed.add(10 ** currencyExponent(catalog.currencyCode));
  return allowed;
}

/** The mention's possible amounts in the shop currency's minor units. */
export function mentionMinors(mention: MoneyMention, exponent: number): number[] {
  return mention.readings
    .map((reading) => (mention.minorUnits ? (exponent === 2 && /^\d+$/.test(reading) ? Number(reading) : null) : readingToMinor(reading, exponent)))
    .filter((minor): minor is number => minor !== null);
}

function describe(allowed: ReadonlySet<number>, currency: string): string {
  const list = [...allowed].sort((a, b) => a - b).slice(0, 6).map((minor) => `${fromMinorUnits(minor, currency)} ${currency}`);
  return list.length > 0 ? `the brief allows ${list.join(", ")}${allowed.size > 6 ? ", …" : ""}` : "the brief states no prices";
}

/**
 * facts.price: every amount of money in the copy is in the shop currency and equals a price the
 * brief or catalog backs. A wrong price is a promise the checkout will not keep, so the template
 * (which prints the brief's prices) replaces the draft.
 */
export function checkPrices(texts: readonly CopyText[], brief: ContentBrief, catalog: Pick<CatalogSnapshot, "currencyCode" | "products">): CheckResult {
  const currency = catalog.currencyCode.toUpperCase();
  const exponent = currencyExponent(currency);
  const allowed = allowedAmounts(brief, catalog);
  const violations: Violation[] = [];
  const fail = (message: string, evidence: string) => violations.push({ rule: RULE, kind: "fact", remedy: "template", message, evidence: clip(evidence) });
  for (const { field, factText } of texts) {
    for (const mention of findMoney(factText, currency)) {
      // "$5 off" with no discount in the brief is an invented discount; the discount check says so.
      if (mention.off && (brief.discount === null || brief.discount <= 0)) continue;
      if (!mention.currencies.has(currency)) {
        fail(`"${mention.raw}" in ${field} is not in the shop currency (${currency}).`, mention.raw);
        continue;
      }
      const minors = mentionMinors(mention, exponent);
      if (minors.length === 0) fail(`"${mention.raw}" in ${field} cannot be read as an amount in ${currency}.`, mention.raw);
      else if (!minors.some((minor) => allowed.has(minor))) fail(`"${mention.raw}" in ${field} matches no price in the brief; ${describe(allowed, currency)}.`, mention.raw);
    }
  }
  return { checked: [RULE], violations };
}
