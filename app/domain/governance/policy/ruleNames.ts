/**
 * The names of every rule the policy engine evaluates, as they appear in Violation.rule and in
 * CheckResult.checked. They are the audit trail's vocabulary ("policies checked and their
 * results"), so they are stable strings: rename one and old audit entries stop matching.
 */
export const POLICY_RULES = {
  marginMaxDiscount: "margin.max-discount",
  marginPclvCap: "margin.pclv-discount-cap",
  marginCollectionCap: "margin.collection-cap",
  marginShopperShare: "margin.shopper-discount-cap",
  marginShopperValue: "margin.shopper-discount-value",
  marginObjectiveBudget: "margin.objective-budget",

  voiceBannedWords: "voice.banned-words",
  voiceNoEmoji: "voice.no-emoji",
  voiceNoSlang: "voice.no-slang",
  voiceContractions: "voice.contractions",
  voiceReadingLevel: "voice.reading-level",
  voiceRequiredPhrases: "voice.required-phrases",

  jurisdictionMinimisation: "jurisdiction.data-minimisation",
  jurisdictionConsent: "jurisdiction.consent",

  suppressionConsent: "suppression.consent",
  suppressionSuppressed: "suppression.suppressed",
  suppressionRecentPurchase: "suppression.recent-purchase",
  suppressionRecentComplaint: "suppression.recent-complaint",
  suppressionRecentBounce: "suppression.recent-bounce",
  suppressionPerDay: "suppression.frequency-day",
  suppressionPerWeek: "suppression.frequency-week",
  suppressionQuietHours: "suppression.quiet-hours",
  suppressionSendRate: "suppression.send-rate",
} as const;

export type PolicyRuleName = (typeof POLICY_RULES)[keyof typeof POLICY_RULES];
