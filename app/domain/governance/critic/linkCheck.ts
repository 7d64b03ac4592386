import type { CheckResult, Violation } from "../violation";
import { CRITIC_RULES } from "./criticInput";
import { findLinks, isAllowedHost, normalizeHosts, parseLink } from "./links";
import { clip, normalizeText, type CopyText } from "./textScan";

const RULE = CRITIC_RULES.offDomainLink;
const WEB = new Set(["https:", "http:"]);

function violation(message: string, evidence: string): Violation {
  return { rule: RULE, kind: "safety", remedy: "template", message, evidence: clip(evidence) };
}

/** Why a link may not be sent, or null when it goes to one of the shop's own hosts over http(s). */
function linkProblem(raw: string, kind: "url" | "domain", allowed: ReadonlySet<string>): string | null {
  const parsed = parseLink(raw, kind);
  if (!parsed) return "is not a valid link";
  if (!WEB.has(parsed.protocol)) return `uses the ${parsed.protocol} scheme`;
  // Userinfo is how "https://shop.com@evil.io" passes for the shop's address; the shop never needs it.
  if (parsed.userinfo) return "carries a user name before the host (a way to disguise where it goes)";
  if (!isAllowedHost(parsed.host, allowed)) return `goes to ${parsed.host}, which is not one of the shop's domains`;
  return null;
}

/**
 * safety.off-domain-link: the call to action and every URL or bare domain in the copy must go to
 * one of the shop's hosts. Off-domain links are phishing's raw material and would be sent under the
 * merchant's name, so only the deterministic template may be used.
 *
 * `texts` are read with product titles and the shop name blanked: the merchant's own names are not
 * links even when they contain dots.
 */
export function checkLinks(ctaUrl: string, texts: readonly CopyText[], allowedHosts: readonly string[]): CheckResult {
  const allowed = normalizeHosts(allowedHosts);
  const violations: Violation[] = [];
  const ctaProblem = linkProblem(normalizeText(ctaUrl).trim(), "url", allowed);
  if (ctaProblem) violations.push(violation(`The call-to-action link ${ctaProblem}.`, ctaUrl));
  for (const { field, withoutNames } of texts) {
    for (const link of findLinks(withoutNames)) {
      const problem = link.kind === "script" ? "runs script or inline content" : linkProblem(link.raw, link.kind, allowed);
      if (problem) violations.push(violation(`The link "${clip(link.raw, 60)}" in ${field} ${problem}.`, link.raw));
    }
  }
  return { checked: [RULE], violations };
}
