import { canonicalCategoryPrefix } from "./categoryScope";
import { isNeverInPrompts } from "./jurisdiction";
import type { MarginCondition, PolicyDocument } from "./policyDocument";
import { effectiveVoice, textViolations } from "./voiceCheck";

/**
 * Contradictions: documents the schema accepts field by field but that cannot mean what the
 * merchant wants. Each is an error with the path to fix, because a policy that silently resolves
 * its own conflicts is a policy nobody can predict. Decisions:
 *  - Overlapping pCLV bands are allowed and the strictest cap wins (tiers are naturally written as
 *    "below 100: 10%", "below 500: 20%"). The same band written twice with two different caps is
 *    an error: one of them is a typo, and we cannot tell which.
 *  - A band that can never match (at least X and below Y with X >= Y), or a band combined with
 *    `pclvUnknown`, is an error.
 *  - The same collection capped twice at different shares is an error (same reasoning).
 *  - A required phrase that any voice rule would reject (banned, slang, an emoji or a forbidden
 *    contraction) is an error. Any two voice rules can apply to one message (it can feature
 *    several collections and vendors), so rules are compared across scopes too.
 *  - Quiet hours that start when they end are an error: the planner reads that as "none", which is
 *    surely not what someone typing a window meant; null switches them off.
 *  - A daily cap above the weekly cap is an error (the weekly cap would silently win).
 *  - An allowlist naming contact details (email, phone, address) is an error: they never go to a
 *    prompt, and the policy should not claim otherwise. A field allowed for restricted shoppers
 *    but not for everyone else is an error too: the EU list is meant to be the stricter one.
 * Caps above 100% and negative budgets are rejected by the schema itself.
 */
export type PolicyError = { path: string; message: string };

export function findContradictions(policy: PolicyDocument): PolicyError[] {
  return [...marginContradictions(policy), ...voiceContradictions(policy), ...jurisdictionContradictions(policy), ...suppressionContradictions(policy)];
}

function marginContradictions(policy: PolicyDocument): PolicyError[] {
  const errors: PolicyError[] = [];
  const seen = new Map<string, number>();
  policy.margin.rules.forEach((rule, i) => {
    const { pclvAtLeastMinor: from, pclvBelowMinor: to, pclvUnknown } = rule.when;
    if (from !== undefined && to !== undefined && from >= to) {
      errors.push({ path: `margin.rules[${i}].when`, message: `No pCLV is at least ${from} and below ${to}: this rule can never apply.` });
    }
    if (pclvUnknown && (from !== undefined || to !== undefined)) {
      errors.push({ path: `margin.rules[${i}].when.pclvUnknown`, message: "A rule for shoppers whose pCLV is unknown cannot also name a pCLV band." });
    }
    const key = bandKey(rule.when);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else {
      const other = policy.margin.rules[first];
      if (other && other.maxDiscount !== rule.maxDiscount) {
        errors.push({
          path: `margin.rules[${i}].maxDiscount`,
          message: `margin.rules[${first}] covers exactly the same shoppers with a cap of ${other.maxDiscount}; one band, one cap: delete one rule or change its band.`,
        });
      }
    }
  });
  const caps = new Map<string, number>();
  policy.margin.collectionCaps.forEach((cap, i) => {
    const key = canonicalCategoryPrefix(cap.categoryPrefix);
    const first = caps.get(key);
    if (first === undefined) caps.set(key, i);
    else if (policy.margin.collectionCaps[first]?.maxDiscount !== cap.maxDiscount) {
      errors.push({ path: `margin.collectionCaps[${i}].maxDiscount`, message: `"${cap.categoryPrefix}" is already capped differently in margin.collectionCaps[${first}].` });
    }
  });
  return errors;
}

function bandKey(when: MarginCondition): string {
  return JSON.stringify([when.pclvAtLeastMinor ?? null, when.pclvBelowMinor ?? null, when.pclvUnknown ?? false, [...(when.agents ?? [])].sort()]);
}

function voiceContradictions(policy: PolicyDocument): PolicyError[] {
  // Every rule at once, without the required phrases: what no message may contain under any scope combination.
  const everything = { ...effectiveVoice(policy.voice.rules, "all"), required: [] };
  const errors: PolicyError[] = [];
  policy.voice.rules.forEach((rule, i) =>
    rule.requiredPhrases.forEach((phrase, j) => {
      const clash = textViolations(everything, "requiredPhrase", phrase)[0];
      if (clash) errors.push({ path: `voice.rules[${i}].requiredPhrases[${j}]`, message: `"${phrase}" is required but the voice rejects it: ${clash.message.replace(/ \(in requiredPhrase\)\.$/u, ".")}` });
    }),
  );
  return errors;
}

function jurisdictionContradictions(policy: PolicyDocument): PolicyError[] {
  const errors: PolicyError[] = [];
  const { restrictedAllowlist, defaultAllowlist } = policy.jurisdiction;
  for (const [name, list] of [["restrictedAllowlist", restrictedAllowlist], ["defaultAllowlist", defaultAllowlist]] as const) {
    list.forEach((field, i) => {
      if (isNeverInPrompts(field)) errors.push({ path: `jurisdiction.${name}[${i}]`, message: `"${field}" is a contact detail; contact details never go to a prompt.` });
    });
  }
  restrictedAllowlist.forEach((field, i) => {
    if (!defaultAllowlist.includes(field) && !isNeverInPrompts(field)) {
      errors.push({ path: `jurisdiction.restrictedAllowlist[${i}]`, message: `"${field}" is allowed for EU and listed regions but not for everyone else; the restricted list must be the stricter one.` });
    }
  });
  return errors;
}

function suppressionContradictions(policy: PolicyDocument): PolicyError[] {
  const errors: PolicyError[] = [];
  const { quietHours, maxPerDay, maxPerWeek } = policy.suppression;
  if (quietHours && quietHours.start === quietHours.end) {
    errors.push({ path: "suppression.quietHours", message: `Quiet hours start and end at ${quietHours.start}; set a window, or null for no quiet hours.` });
  }
  if (maxPerDay > maxPerWeek) errors.push({ path: "suppression.maxPerDay", message: `${maxPerDay} a day is more than the ${maxPerWeek} a week allowed.` });
  return errors;
}
