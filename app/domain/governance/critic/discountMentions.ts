import { numberReadings } from "./amounts";
import { allMatches } from "./textScan";

/**
 * Finding offers in copy: percentages ("20% off", "20 percent", "save 20%"), and discounts with no
 * digits ("half price", "buy one get one"). A percentage counts as a discount when discount words
 * sit next to it in the same sentence; other percentages ("100% vegan") are claims, checked as
 * numbers. Limits: percentages in words ("twenty percent"), and offers phrased without any of the
 * discount words below, are not recognised as discounts.
 */

/** `discount`: discount words are near; `explicit`: the figure itself is followed by one ("20% off"). */
export type PercentMention = { raw: string; index: number; values: readonly number[]; discount: boolean; explicit: boolean };

const PERCENT = /(?<![\p{L}\p{N}.,])(\d{1,3}(?:[.,]\d{1,2})?)\s?(?:%|per\s?cent(?![\p{L}])|pct(?![\p{L}]))/giu;
const AFTER = /^\s*(?:off|discount|savings?|reduction|rebate|less|cheaper|sale|markdown)\b/i;
const BEFORE = /\b(?:save|saving|savings|discount|discounted|reduced|reduction|markdown|rebate|sale|coupon|voucher|promo|code|offer|deal|extra|up to|take)\b[^.!?]*$/i;

export function findPercents(text: string): PercentMention[] {
  return allMatches(PERCENT, text).map((m) => {
    const index = m.index ?? 0;
    const end = index + m[0].length;
    const explicit = AFTER.test(text.slice(end, end + 25));
    const discount = explicit || BEFORE.test(text.slice(Math.max(0, index - 40), index));
    return { raw: m[0], index, values: numberReadings(m[1] ?? "").map(Number), discount, explicit };
  });
}

/** Offers with no digits, and the share each one gives (null: not a share, such as buy one get one). */
const PHRASES: ReadonlyArray<{ pattern: RegExp; share: number | null }> = [
  { pattern: /\bhalf[\s-]?(?:price|off)\b|\b50\s?\/\s?50\b/i, share: 0.5 },
  { pattern: /\b(?:bogo|b1g1|buy\s+one,?\s+get\s+one|(?:2|two)[\s-]+for[\s-]+(?:1|one))\b/i, share: null },
];

export type DiscountPhrase = { raw: string; share: number | null };

export function findDiscountPhrases(text: string): DiscountPhrase[] {
  return PHRASES.flatMap(({ pattern, share }) => {
    const hit = pattern.exec(text);
    return hit ? [{ raw: hit[0], share }] : [];
  });
}
