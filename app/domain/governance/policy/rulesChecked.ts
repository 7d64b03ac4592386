import type { PolicyDocument } from "./policyDocument";
import { POLICY_RULES, type PolicyRuleName } from "./ruleNames";
import { effectiveVoice, voiceRulesChecked } from "./voiceCheck";

/**
 * The rules a policy makes the system evaluate, in a stable order, for the audit trail's
 * "policies checked". Each check function reports the subset it evaluated for one message in its
 * own CheckResult.checked; this is the list for the document as a whole (a rule switched off, such
 * as quiet hours set to null or a budget never named, is not listed).
 */
export function policyRulesChecked(policy: PolicyDocument): PolicyRuleName[] {
  const { margin, suppression } = policy;
  const rules: PolicyRuleName[] = [POLICY_RULES.marginMaxDiscount];
  if (margin.rules.length > 0) rules.push(POLICY_RULES.marginPclvCap);
  if (margin.collectionCaps.length > 0) rules.push(POLICY_RULES.marginCollectionCap);
  if (margin.perShopper) rules.push(POLICY_RULES.marginShopperShare, POLICY_RULES.marginShopperValue);
  if (Object.keys(margin.objectiveBudgets).length > 0) rules.push(POLICY_RULES.marginObjectiveBudget);

  rules.push(...(voiceRulesChecked(effectiveVoice(policy.voice.rules, "all")) as PolicyRuleName[]));

  // Not switchable: the system cannot bypass them.
  rules.push(POLICY_RULES.jurisdictionMinimisation, POLICY_RULES.jurisdictionConsent);
  rules.push(POLICY_RULES.suppressionSuppressed, POLICY_RULES.suppressionConsent);

  const purchaseHours = [suppression.recentPurchaseHours, ...Object.values(suppression.recentPurchaseHoursByAgent)];
  if (purchaseHours.some((hours) => (hours ?? 0) > 0)) rules.push(POLICY_RULES.suppressionRecentPurchase);
  if (suppression.complaintDays > 0) rules.push(POLICY_RULES.suppressionRecentComplaint);
  if (suppression.bounceDays > 0) rules.push(POLICY_RULES.suppressionRecentBounce);
  rules.push(POLICY_RULES.suppressionPerDay, POLICY_RULES.suppressionPerWeek);
  if (suppression.quietHours) rules.push(POLICY_RULES.suppressionQuietHours);
  rules.push(POLICY_RULES.suppressionSendRate);
  return rules;
}
