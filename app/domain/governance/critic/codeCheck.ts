import type { CheckResult, Violation } from "../violation";
import { CRITIC_RULES } from "./criticInput";
import { allMatches, clip, normalizeText, type CopyText } from "./textScan";

const RULE = CRITIC_RULES.inventedCode;

/** The word that introduces a code; the token after it is the code. */
const CODE_WORD = /\b(?:code|coupon|voucher|promo)s?\b/gi;
const AFTER_CODE_WORD = /^\s*(?:is|:|=|-)?\s*["'“”‘’«([]?\s*([A-Za-z0-9][A-Za-z0-9_-]{2,})/;
/** A code-shaped token anywhere: upper-case letters and digits, 5+ characters, at least one of each. */
const BARE_CODE = /(?<![\p{L}\p{N}_-])(?=[A-Z0-9_-]*\d)(?=[A-Z0-9_-]*[A-Z])[A-Z0-9][A-Z0-9_-]{4,}(?![\p{L}\p{N}_-])/gu;

/** After "code", a token is a code when it has a digit or is in capitals: "code SUMMER", "code x9y". Not "code below". */
function codeLike(token: string): boolean {
  return /\d/.test(token) || /^[A-Z][A-Z_-]{2,}$/.test(token);
}

/** Code-shaped tokens in a text: after a code word, and bare ones. */
export function findCodes(text: string): string[] {
  const found = new Set<string>();
  for (const m of allMatches(CODE_WORD, text)) {
    const token = AFTER_CODE_WORD.exec(text.slice((m.index ?? 0) + m[0].length))?.[1];
    if (token && codeLike(token)) found.add(token);
  }
  for (const m of allMatches(BARE_CODE, text)) found.add(m[0]);
  return [...found];
}

/** Codes a link applies: Shopify's /discount/<code> links and ?discount= style parameters. */
export function codesInUrl(url: string): string[] {
  try {
    const parsed = new URL(normalizeText(url).trim());
    const fromPath = /\/discount\/([^/?#]+)/i.exec(parsed.pathname)?.[1];
    const fromQuery = ["discount", "code", "coupon", "promo", "promo_code", "discount_code"].flatMap((key) => parsed.searchParams.getAll(key));
    return [...(fromPath ? [decodeURIComponent(fromPath)] : []), ...fromQuery].filter((code) => code.trim() !== "");
  } catch {
    return [];
  }
}

/**
 * facts.invented-code: every discount code the copy or the link names must be one the decision
 * really carries. A code the model made up either fails at checkout (a broken promise) or, worse,
 * matches a live code meant for someone else.
 *
 * `texts` are read with titles, names and links blanked, so "SPF30 Day Cream" as a title, or a
 * path in a link, is not a code. Limits: a mixed-case word with no digit after "code" ("code Summer") and
 * codes split by spaces are not recognised.
 */
export function checkCodes(texts: readonly CopyText[], ctaUrl: string, allowedCodes: readonly string[]): CheckResult {
  const allowed = new Set(allowedCodes.map((code) => normalizeText(code).trim().toUpperCase()));
  const violations: Violation[] = [];
  const fail = (code: string, where: string) =>
    violations.push({ rule: RULE, kind: "fact", remedy: "template", message: `${where} names the code "${clip(code, 30)}", which the decision does not carry.`, evidence: clip(code) });
  for (const { field, factText } of texts) for (const code of findCodes(factText)) if (!allowed.has(code.toUpperCase())) fail(code, field);
  for (const code of codesInUrl(ctaUrl)) if (!allowed.has(normalizeText(code).trim().toUpperCase())) fail(code, "The call-to-action link");
  return { checked: [RULE], violations };
}
