import type { CheckResult, Violation } from "../violation";
import { CRITIC_RULES } from "./criticInput";
import { allMatches, clip, type CopyText } from "./textScan";

const RULE = CRITIC_RULES.markup;

/**
 * Drafts are plain text (rendering escapes them), so any markup in the copy means the writer did not
 * follow the contract, or is trying to smuggle something through a renderer or an email client
 * that does not escape. Every pattern fails closed: a tag-shaped string is never legitimate copy.
 */
const MARKUP: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  { what: "an HTML tag", pattern: /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi },
  // Unclosed openers still matter: a later renderer may close them, and the check sees one field at a time.
  { what: "an unclosed HTML tag", pattern: /<\s*\/?\s*(?:script|iframe|frame|object|embed|svg|math|img|style|link|meta|form|input|base|body|html|a)\b/gi },
  { what: "an HTML comment or declaration", pattern: /<!--|<!\[cdata\[|<!doctype/gi },
  { what: "an event-handler attribute", pattern: /\bon[a-z]{3,}\s*=/gi },
  { what: "a script URL", pattern: /\b(?:java|vb)script\s*:/gi },
  // Escaped markup only becomes markup where something unescapes it; plain text has no need of entities.
  { what: "an HTML entity", pattern: /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi },
  // Shopify's email templates are Liquid: template tags in copy would be evaluated if ever interpolated raw.
  { what: "template syntax", pattern: /\{\{|\}\}|\{%|%\}/g },
];

/** safety.markup: no HTML, scripts, handlers, entities or template tags anywhere in the copy. */
export function checkMarkup(texts: readonly CopyText[]): CheckResult {
  const violations: Violation[] = [];
  for (const { field, text } of texts) {
    for (const { what, pattern } of MARKUP) {
      const hit = allMatches(pattern, text)[0];
      if (hit) violations.push({ rule: RULE, kind: "safety", remedy: "template", message: `${field} contains ${what}; drafts are plain text.`, evidence: clip(hit[0]) });
    }
  }
  return { checked: [RULE], violations };
}
