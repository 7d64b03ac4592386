import { draftTexts, type MessageDraft } from "../../content/messageDraft";
import type { CheckResult, Violation } from "../violation";
import { categoryPrefixCovers, sameVendor } from "./categoryScope";
import { CONTRACTION_POLICIES, type PolicyDocument, type VoiceRule } from "./policyDocument";
import { readingLevel } from "./readingLevel";
import { POLICY_RULES } from "./ruleNames";
import { containsPhrase, findEmoji, findPhrase } from "./textMatching";
import { BUILT_IN_SLANG, findAnyContractions, findInformalContractions } from "./wordLists";

/**
 * Voice and tone. The rules whose scope matches the message (its collections and vendors) are
 * merged into one effective voice, strictest setting winning, and every piece of text the shopper
 * reads (draftTexts) is checked against it. Every finding is a "rewrite": the copy can be fixed.
 * The text is searched, never obeyed: a paragraph quoting "ignore your instructions" is checked
 * like any other sentence.
 */
export type VoiceScopeInput = {
  categoryPaths: readonly string[];
  vendors: readonly string[];
  /** The draft's language ("en", "de-DE"). The reading-level formula is English-only, so it is skipped for another known language. */
  locale?: string | null;
};

type Sourced = { phrase: string; ref: string };

export type EffectiveVoice = {
  /** The rules that apply, as "voice.rules[i]". */
  refs: string[];
  banned: Sourced[];
  required: Sourced[];
  noEmoji: boolean;
  /** Empty unless some applicable rule sets noSlang. */
  slang: string[];
  contractions: (typeof CONTRACTION_POLICIES)[number];
  maxReadingGrade: number | null;
};

export function scopeMatches(scope: string, input: VoiceScopeInput): boolean {
  if (scope === "*") return true;
  const [kind, ...rest] = scope.split(":");
  const value = rest.join(":").trim();
  if (kind === "category") return input.categoryPaths.some((path) => categoryPrefixCovers(value, path));
  if (kind === "vendor") return input.vendors.some((vendor) => sameVendor(vendor, value));
  return false;
}

/** Merge rules (all of them, or those matching a scope) into the voice a draft must keep. */
export function effectiveVoice(rules: readonly VoiceRule[], input: VoiceScopeInput | "all"): EffectiveVoice {
  const voice: EffectiveVoice = { refs: [], banned: [], required: [], noEmoji: false, slang: [], contractions: "any", maxReadingGrade: null };
  const extraSlang: string[] = [];
  let noSlang = false;
  rules.forEach((rule, i) => {
    if (input !== "all" && !scopeMatches(rule.scope, input)) return;
    const ref = `voice.rules[${i}]`;
    voice.refs.push(ref);
    voice.banned.push(...rule.bannedPhrases.map((phrase) => ({ phrase, ref })));
    voice.required.push(...rule.requiredPhrases.map((phrase) => ({ phrase, ref })));
    voice.noEmoji ||= rule.noEmoji;
    noSlang ||= rule.noSlang;
    extraSlang.push(...rule.extraSlang);
    if (CONTRACTION_POLICIES.indexOf(rule.contractions) > CONTRACTION_POLICIES.indexOf(voice.contractions)) voice.contractions = rule.contractions;
    if (rule.maxReadingGrade !== null) voice.maxReadingGrade = Math.min(voice.maxReadingGrade ?? Infinity, rule.maxReadingGrade);
  });
  // Merchant slang from any applicable rule is checked wherever the voice excludes slang at all.
  if (noSlang) voice.slang = [...new Set([...BUILT_IN_SLANG, ...extraSlang])];
  return voice;
}

/** The rule names a voice evaluates, for CheckResult.checked. */
export function voiceRulesChecked(voice: EffectiveVoice): string[] {
  const checked: string[] = [];
  if (voice.banned.length > 0) checked.push(POLICY_RULES.voiceBannedWords);
  if (voice.noEmoji) checked.push(POLICY_RULES.voiceNoEmoji);
  if (voice.slang.length > 0) checked.push(POLICY_RULES.voiceNoSlang);
  if (voice.contractions !== "any") checked.push(POLICY_RULES.voiceContractions);
  if (voice.maxReadingGrade !== null) checked.push(POLICY_RULES.voiceReadingLevel);
  if (voice.required.length > 0) checked.push(POLICY_RULES.voiceRequiredPhrases);
  return checked;
}

/** The word-level findings in one piece of text (everything but reading level and required phrases). */
export function textViolations(voice: EffectiveVoice, field: string, text: string): Violation[] {
  const found: Violation[] = [];
  const add = (rule: string, what: string, message: string) =>
    found.push({ rule, kind: "policy", remedy: "rewrite", message: `${message} (in ${field}).`, evidence: `${field}: "${what}"` });
  for (const { phrase, ref } of voice.banned) {
    for (const hit of unique(findPhrase(text, phrase))) add(POLICY_RULES.voiceBannedWords, hit, `"${hit}" is a banned phrase (${ref})`);
  }
  if (voice.noEmoji) for (const emoji of unique(findEmoji(text))) add(POLICY_RULES.voiceNoEmoji, emoji, `The voice allows no emoji, found ${emoji}`);
  for (const word of voice.slang) for (const hit of unique(findPhrase(text, word))) add(POLICY_RULES.voiceNoSlang, hit, `"${hit}" is slang`);
  const contractions = voice.contractions === "none" ? findAnyContractions(text) : voice.contractions === "no-informal" ? findInformalContractions(text) : [];
  const kind = voice.contractions === "none" ? "a contraction; the voice writes words out in full" : "an informal contraction";
  for (const hit of unique(contractions)) add(POLICY_RULES.voiceContractions, hit, `"${hit}" is ${kind}`);
  return found;
}

export function checkVoice(policy: PolicyDocument, draft: MessageDraft, scope: VoiceScopeInput): CheckResult {
  const voice = effectiveVoice(policy.voice.rules, scope);
  const texts = draftTexts(draft);
  const violations = texts.flatMap(({ field, text }) => textViolations(voice, field, text));

  const measurable = !scope.locale || /^en\b/iu.test(scope.locale);
  if (voice.maxReadingGrade !== null && measurable) {
    // The body only: subject, greeting and button are fragments with no sentences to measure.
    const level = readingLevel(draft.paragraphs.join("\n"));
    if (level.grade > voice.maxReadingGrade) {
      violations.push({
        rule: POLICY_RULES.voiceReadingLevel,
        kind: "policy",
        remedy: "rewrite",
        message: `The body reads at grade ${level.grade} (Flesch-Kincaid); the voice allows at most ${voice.maxReadingGrade}. Use shorter sentences and plainer words.`,
        evidence: `paragraphs: grade ${level.grade}, ${level.words} words in ${level.sentences} sentences`,
      });
    }
  }

  for (const { phrase, ref } of voice.required) {
    if (texts.some(({ text }) => containsPhrase(text, phrase))) continue;
    violations.push({
      rule: POLICY_RULES.voiceRequiredPhrases,
      kind: "policy",
      remedy: "rewrite",
      message: `The copy must include "${phrase}" (${ref}), and no field does.`,
      evidence: `missing: "${phrase}"`,
    });
  }
  const checked = voiceRulesChecked(voice).filter((rule) => measurable || rule !== POLICY_RULES.voiceReadingLevel);
  return { checked, violations };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.toLocaleLowerCase("en")))].map((lower) => values.find((v) => v.toLocaleLowerCase("en") === lower) as string);
}
