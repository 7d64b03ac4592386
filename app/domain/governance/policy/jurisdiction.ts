import type { CheckResult } from "../violation";
import type { PolicyDocument } from "./policyDocument";
import { POLICY_RULES } from "./ruleNames";

/**
 * Jurisdiction: shoppers in the EU, and in any country the merchant lists, get data minimisation
 * before any reasoning or LLM call (only allowlisted profile fields leave the database) and only
 * consented processing (no marketing consent, no processing for marketing at all). Everyone else
 * gets the default allowlist. Contact details never reach a prompt for anyone, whatever an
 * allowlist says: the copy never needs them, and a prompt is the easiest place for them to leak.
 */

/** The 27 member states, ISO 3166-1 alpha-2 (Greece is GR here, not the EU's own "EL"). */
export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
  "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]);

/** Field names that are contact details or location, however they are spelt (email, billingAddress, phoneNumber...). */
const NEVER_IN_PROMPTS = /e-?mail|phone|mobile|address|street|postcode|postal|zip/iu;

export function isNeverInPrompts(field: string): boolean {
  return NEVER_IN_PROMPTS.test(field);
}

export type Jurisdiction = {
  kind: "eu" | "merchant-listed" | "unknown-country" | "default";
  /** Restricted shoppers get the restricted allowlist and need consent for any processing. */
  restricted: boolean;
  countryCode: string | null;
};

export function jurisdictionOf(policy: PolicyDocument, countryCode: string | null | undefined): Jurisdiction {
  const code = countryCode?.trim().toUpperCase() || null;
  if (code === null) {
    const restricted = policy.jurisdiction.unknownCountry === "restricted";
    return { kind: "unknown-country", restricted, countryCode: null };
  }
  if (EU_COUNTRIES.has(code)) return { kind: "eu", restricted: true, countryCode: code };
  if (policy.jurisdiction.restrictedRegions.includes(code)) return { kind: "merchant-listed", restricted: true, countryCode: code };
  return { kind: "default", restricted: false, countryCode: code };
}

export type MinimisedFields = { allowed: Record<string, unknown>; removed: string[]; jurisdiction: Jurisdiction };

/**
 * Keep only the allowlisted fields (by exact top-level name; the caller flattens what it wants to
 * share). Values are copied as they are, as data: a first name that reads like an instruction is
 * still just a first name to whatever receives it.
 */
export function minimiseForPrompt(policy: PolicyDocument, fields: Readonly<Record<string, unknown>>, countryCode: string | null | undefined): MinimisedFields {
  const jurisdiction = jurisdictionOf(policy, countryCode);
  const allowlist = new Set(jurisdiction.restricted ? policy.jurisdiction.restrictedAllowlist : policy.jurisdiction.defaultAllowlist);
  const allowed: Record<string, unknown> = {};
  const removed: string[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (allowlist.has(field) && !isNeverInPrompts(field)) allowed[field] = value;
    else removed.push(field);
  }
  return { allowed, removed: removed.sort(), jurisdiction };
}

/**
 * Only consented processing: a restricted shopper without marketing consent is not reasoned
 * about for marketing at all (the check runs before any agent or LLM sees the profile).
 */
export function checkProcessingConsent(
  policy: PolicyDocument,
  shopper: { countryCode: string | null | undefined; emailMarketingState: string },
): CheckResult {
  const jurisdiction = jurisdictionOf(policy, shopper.countryCode);
  const checked = [POLICY_RULES.jurisdictionConsent];
  if (!jurisdiction.restricted || shopper.emailMarketingState === "SUBSCRIBED") return { checked, violations: [] };
  const where = jurisdiction.kind === "eu" ? `in the EU (${jurisdiction.countryCode})` : jurisdiction.kind === "merchant-listed" ? `in ${jurisdiction.countryCode} (a region the shop protects)` : "in an unknown country";
  return {
    checked,
    violations: [
      {
        rule: POLICY_RULES.jurisdictionConsent,
        kind: "policy",
        remedy: "block",
        message: `The shopper is ${where} and has not consented to marketing (${shopper.emailMarketingState}), so they are not processed for marketing.`,
        evidence: `emailMarketingState ${shopper.emailMarketingState}`,
      },
    ],
  };
}
