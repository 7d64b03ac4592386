import type { ContentBrief } from "../../agents/contract";
import type { CheckResult, Violation } from "../violation";
import { NUMBER, numberReadings } from "./amounts";
import { CRITIC_RULES } from "./criticInput";
import { allMatches, clip, type CopyText } from "./textScan";

const RULE = CRITIC_RULES.number;

/**
 * Counted things the copy states, each backed by brief numbers whose key matches `keys`
 * (the agents' names: balance, pointsNeeded, tierPoints, expiringPoints, pointsEarned:<id>,
 * pointsPerCurrencyUnit; usualDaysBetween, daysSinceLastPurchase, overdueDays, daysUntilExpiry,
 * supplyDays, depletionDaysPerUnit, daysSincePurchase; itemCount, quantity, usualQuantity,
 * productCount). `scale` converts the brief's days to the unit written (2 weeks is 14 days).
 */
type Unit = { what: string; words: string; keys: RegExp; scale: number };

const UNITS: readonly Unit[] = [
  { what: "points figure", words: String.raw`points?|pts?\.?`, keys: /points|balance/i, scale: 1 },
  { what: "number of days", words: String.raw`days?`, keys: /day/i, scale: 1 },
  { what: "number of weeks", words: String.raw`weeks?`, keys: /day/i, scale: 7 },
  // A month is 30.44 days on average; copy rounds ("every 2 months" for 60 days).
  { what: "number of months", words: String.raw`months?`, keys: /day/i, scale: 30.44 },
  { what: "count of items", words: String.raw`items?|units?|products?|pieces?|bottles?|packs?`, keys: /count|quantity/i, scale: 1 },
];

/** "Only 3 left", "5 in stock": the brief never carries stock counts, so any is invented scarcity. */
const STOCK_COUNT = new RegExp(String.raw`(?<![\p{L}\p{N}.,])(?:${NUMBER})\s?(?:left|remaining|in stock)(?![\p{L}])`, "giu");

function unitPattern(unit: Unit): RegExp {
  let pattern = UNIT_PATTERNS.get(unit);
  if (!pattern) {
    // "30-day supply" as well as "30 days".
    pattern = new RegExp(String.raw`(?<![\p{L}\p{N}.,])(${NUMBER})\s?-?\s?(?:${unit.words})(?![\p{L}])`, "giu");
    UNIT_PATTERNS.set(unit, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

const UNIT_PATTERNS = new WeakMap<Unit, RegExp>();

/** The written value matches a brief value scaled to the unit, rounded any way copy might round it. */
function backed(value: number, candidates: readonly number[], scale: number): boolean {
  return candidates.some((candidate) => {
    const scaled = candidate / scale;
    return [Math.floor(scaled), Math.round(scaled), Math.ceil(scaled), Math.round(scaled * 10) / 10].includes(value);
  });
}

/**
 * facts.number: points, days, weeks, months and item counts in the copy equal a number the brief
 * carries. A wrong points figure misleads about what the shopper has; an invented day count is
 * false urgency. Limits: numbers written in words ("thirty days"), hours, ranks ("#1") and numbers
 * with no unit are not checked; a shop policy the brief does not carry ("30-day returns") fails.
 */
export function checkNumbers(texts: readonly CopyText[], brief: ContentBrief): CheckResult {
  const numbers = Object.entries(brief.numbers);
  const violations: Violation[] = [];
  const fail = (message: string, evidence: string) => violations.push({ rule: RULE, kind: "fact", remedy: "template", message, evidence: clip(evidence) });
  for (const { field, factText } of texts) {
    for (const unit of UNITS) {
      const candidates = numbers.filter(([key]) => unit.keys.test(key)).map(([, value]) => value);
      for (const m of allMatches(unitPattern(unit), factText)) {
        const values = numberReadings(m[1] ?? "").map(Number);
        if (!values.some((value) => backed(value, candidates, unit.scale))) {
          fail(`The ${unit.what} "${m[0].trim()}" in ${field} matches no number in the brief.`, m[0]);
        }
      }
    }
    for (const m of allMatches(STOCK_COUNT, factText)) fail(`"${m[0].trim()}" in ${field} states a stock count; the brief carries none.`, m[0]);
  }
  return { checked: [RULE], violations };
}
