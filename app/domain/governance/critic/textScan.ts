import { draftTexts, type MessageDraft } from "../../content/messageDraft";

/**
 * Shared text handling for the critic. Every check reads the copy the way a shopper sees it, after
 * Unicode normalisation: NFKC folds full-width digits and signs ("２４＄" -> "24$") and the
 * invisible characters a model or an attacker can slip in ("ig\u200Bnore", "evil\u200B.io") are
 * removed, so a look-alike cannot hide a fact or a link from the checks.
 */

/**
 * Zero-width characters, joiners, bidi controls, soft hyphens, variation selectors and the Unicode
 * "tag" characters (used to smuggle invisible ASCII past readers): everything Unicode says to ignore.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Dots browsers accept in hostnames (ideographic and half-width full stops). */
const ALTERNATE_DOTS = /[\u3002\uFF0E\uFF61]/g;

export function normalizeText(text: string): string {
  return text.normalize("NFKC").replace(INVISIBLE, "").replace(ALTERNATE_DOTS, ".").replace(/\s+/g, " ");
}

/**
 * One field of the draft: `text` as the shopper reads it; `withoutNames` with the merchant's and
 * shopper's names blanked; `factText` with links blanked too (what the fact checks read).
 */
export type CopyText = { field: string; text: string; withoutNames: string; factText: string };

/** Regex-escapes a literal for a `u`-flag pattern (where escaping "-" or "," is a syntax error). */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** A case-insensitive pattern for a phrase as a whole word: "Serum 30" does not match "Serum 300". */
export function phrasePattern(phrase: string): RegExp {
  const key = normalizeText(phrase).trim();
  let pattern = PHRASE_PATTERNS.get(key);
  if (!pattern) {
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(key)}(?![\\p{L}\\p{N}])`, "giu");
    // The catalog's titles recur in every message: compile each once (bounded, so a huge catalog cannot grow it forever).
    if (PHRASE_PATTERNS.size >= 20_000) PHRASE_PATTERNS.clear();
    PHRASE_PATTERNS.set(key, pattern);
  }
  // Shared and global: a caller's test() or exec() leaves lastIndex behind, so each hand-out starts at 0.
  pattern.lastIndex = 0;
  return pattern;
}

const PHRASE_PATTERNS = new Map<string, RegExp>();

/** Replaces each match with spaces of the same length, so later scans neither see it nor join its neighbours. */
export function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match) => " ".repeat(match.length));
}

/**
 * Blanks known phrases, longest first (so "Gel Cleanser Refill" goes before "Gel Cleanser").
 * Phrases shorter than two characters are kept: blanking "A" would blank every article.
 */
export function blankPhrases(text: string, phrases: readonly string[]): string {
  // Only phrases the text can contain are matched: a cheap lower-case substring test first, since
  // the phrases are a whole catalog's titles and a field holds a few of them at most.
  const lower = text.toLowerCase();
  const usable = [...new Set(phrases.map((p) => normalizeText(p).trim()).filter((p) => p.length >= 2 && lower.includes(p.toLowerCase())))].sort((a, b) => b.length - a.length);
  return usable.reduce((out, phrase) => blank(out, phrasePattern(phrase)), text);
}

/**
 * The draft's fields, normalised. `withoutNames` blanks the merchant's own names (product titles,
 * attribute tags, the shop name): they are neither claims nor links, even with digits or dots in
 * them ("Serum No. 5", "Shop24.com Store"). `factText` also blanks whatever `alsoBlank` finds
 * (links: "shop24.com/p/30" holds no numbers) and, in the greeting only, `names.data` (the
 * shopper's name as given). The shopper's name is customer-provided: blanking it everywhere would
 * let a customer called "90% OFF" hide the same words in the body from the checks.
 */
export function copyTexts(
  draft: MessageDraft,
  names: { merchant: readonly string[]; data: readonly string[] },
  alsoBlank: readonly RegExp[] = [],
): CopyText[] {
  return draftTexts(draft).map(({ field, text }) => {
    const normalized = normalizeText(text);
    const withoutNames = blankPhrases(normalized, names.merchant);
    const withoutData = field === "greeting" ? blankPhrases(withoutNames, names.data) : withoutNames;
    return { field, text: normalized, withoutNames, factText: alsoBlank.reduce((out, pattern) => blank(out, pattern), withoutData) };
  });
}

/** Evidence is kept short: the audit trail shows it in a table cell. */
export function clip(text: string, max = 80): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

/** All matches of a global pattern (a fresh copy, so shared patterns keep no `lastIndex` state). */
export function allMatches(pattern: RegExp, text: string): RegExpMatchArray[] {
  // matchAll clones its pattern, so one global copy per pattern serves every call.
  let global = GLOBAL_COPIES.get(pattern);
  if (!global) {
    global = pattern.flags.includes("g") ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    GLOBAL_COPIES.set(pattern, global);
  }
  return [...text.matchAll(global)];
}

const GLOBAL_COPIES = new WeakMap<RegExp, RegExp>();
