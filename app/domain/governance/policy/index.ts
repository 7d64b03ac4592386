/** Policies as code: the typed document, its parser, and the pure checks it drives. */
export { POLICY_RULES, type PolicyRuleName } from "./ruleNames";
export { PolicyDocument, POLICY_VERSION, MarginRule, CollectionCap, VoiceRule, VoiceScope } from "./policyDocument";
export { DEFAULT_POLICY, defaultPolicyText } from "./defaultPolicy";
export { parsePolicy, formatPath, type ParsePolicyResult } from "./parsePolicy";
export { findContradictions, type PolicyError } from "./policyContradictions";
export { migratePolicyJson } from "./policyVersion";
export { evaluateDiscount, clampDiscount, checkDiscount, type DiscountRequest, type DiscountLimit, type DiscountEvaluation, type DiscountClamp } from "./marginLimits";
export { checkVoice, effectiveVoice, type VoiceScopeInput, type EffectiveVoice } from "./voiceCheck";
export { readingLevel, countSyllables, type ReadingLevel } from "./readingLevel";
export { EU_COUNTRIES, jurisdictionOf, minimiseForPrompt, checkProcessingConsent, isNeverInPrompts, type Jurisdiction, type MinimisedFields } from "./jurisdiction";
export { checkSuppression, suppressionFactsFromSnapshot, type SuppressionFacts, type CandidateSend, type SuppressionResult, type Deferral } from "./suppression";
export { deferForSendRate, type RateDeferral } from "./sendRate";
export { categoryPathsOf, categoryPrefixCovers } from "./categoryScope";
export { policyRulesChecked } from "./rulesChecked";
