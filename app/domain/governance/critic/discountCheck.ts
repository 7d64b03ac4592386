import type { ContentBrief } from "../../agents/contract";
import type { CheckResult, Violation } from "../violation";
import { CRITIC_RULES } from "./criticInput";
import { findDiscountPhrases, findPercents } from "./discountMentions";
import { findMoney } from "./moneyMentions";
import { clip, type CopyText } from "./textScan";

/** "100% vegan", "we offer 100% natural care": an intensifier, unless it is "100% off". */
const IDIOM_PERCENT = 100;

/** The brief's discount as the copy may state it: round(discount * 100), or exactly (12.5%). */
export function matchesBriefDiscount(value: number, discount: number | null): boolean {
  if (discount === null || discount <= 0) return false;
  return value === Math.round(discount * 100) || Math.abs(value - discount * 100) < 0.05;
}

/**
 * facts.invented-discount: an offer when the brief has none. facts.discount: an offer at another
 * rate than the brief's. facts.number: another percentage (a claim like "95% of customers") the
 * brief does not carry. All need the template: an invented offer is a promise the checkout will
 * not honour, and policies cap discounts on the brief's figure, not the copy's.
 */
export function checkDiscounts(texts: readonly CopyText[], brief: ContentBrief, currencyCode: string): CheckResult {
  const offered = brief.discount !== null && brief.discount > 0 ? brief.discount : null;
  const violations: Violation[] = [];
  const fail = (rule: string, message: string, evidence: string) => violations.push({ rule, kind: "fact", remedy: "template", message, evidence: clip(evidence) });
  for (const { field, factText } of texts) {
    for (const p of findPercents(factText)) {
      if (p.values.some((v) => matchesBriefDiscount(v, offered))) continue;
      if (p.values.includes(IDIOM_PERCENT) && !p.explicit) continue;
      if (p.discount && offered === null) fail(CRITIC_RULES.inventedDiscount, `${field} offers "${p.raw}" but the brief offers no discount.`, p.raw);
      else if (p.discount) fail(CRITIC_RULES.discount, `${field} offers "${p.raw}" but the brief's discount is ${Math.round((offered ?? 0) * 100)}%.`, p.raw);
      else fail(CRITIC_RULES.number, `${field} states "${p.raw}", a figure the brief does not carry.`, p.raw);
    }
    for (const phrase of findDiscountPhrases(factText)) {
      if (offered !== null && phrase.share === offered) continue;
      if (offered === null) fail(CRITIC_RULES.inventedDiscount, `${field} offers "${phrase.raw}" but the brief offers no discount.`, phrase.raw);
      else fail(CRITIC_RULES.discount, `${field} offers "${phrase.raw}", not the brief's ${Math.round(offered * 100)}% discount.`, phrase.raw);
    }
    // Money off with a discount in the brief is checked as a price (the amount saved must be right).
    if (offered === null) {
      for (const m of findMoney(factText, currencyCode)) {
        if (m.off) fail(CRITIC_RULES.inventedDiscount, `${field} offers "${m.raw} off" but the brief offers no discount.`, `${m.raw} off`);
      }
    }
  }
  return { checked: [CRITIC_RULES.inventedDiscount, CRITIC_RULES.discount], violations };
}
