/**
 * Finding words and phrases in copy. JavaScript's \b only knows ASCII letters ("café" has a
 * boundary inside it), so word boundaries here are look-arounds on Unicode letters, marks and
 * digits. Matching is case-insensitive with the `u` flag (É matches é), on NFC-normalised text
 * (an "é" typed as e + combining accent matches a precomposed one), any run of whitespace in a
 * phrase matches any run in the text, and a straight apostrophe matches a curly one. The text is
 * only ever searched, never interpreted: whatever it says, it is data.
 */
const WORD_CHAR = "[\\p{L}\\p{M}\\p{N}_]";
const APOSTROPHES = "['\u2019\u02BC]";

export function normaliseText(text: string): string {
  return text.normalize("NFC");
}

function escapePart(part: string): string {
  // Only syntax characters may be escaped under the `u` flag ("\-" is an error there).
  return part.replace(/[\\^$.*+?()[\]{}|/]/gu, "\\$&").replace(/['\u2019\u02BC]/gu, APOSTROPHES);
}

const PATTERNS = new Map<string, RegExp>();

/** A global, case-insensitive pattern for a whole word or phrase. */
export function phrasePattern(phrase: string): RegExp {
  let pattern = PATTERNS.get(phrase);
  if (!pattern) {
    const body = normaliseText(phrase).trim().split(/\s+/u).map(escapePart).join("\\s+");
    pattern = new RegExp(`(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`, "giu");
    if (PATTERNS.size > 5_000) PATTERNS.clear();
    PATTERNS.set(phrase, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/** The occurrences of a phrase in a text, as written in the text. */
export function findPhrase(text: string, phrase: string): string[] {
  return [...normaliseText(text).matchAll(phrasePattern(phrase))].map((match) => match[0]);
}

export function containsPhrase(text: string, phrase: string): boolean {
  return findPhrase(text, phrase).length > 0;
}

/**
 * Emoji: anything Unicode marks Extended_Pictographic, plus the regional indicators flags are
 * made of (they are not pictographic). ©, ® and ™ are pictographic too but are legal marks a
 * brand name may need, so they are not emoji here. A sequence (❤️ with its variation selector,
 * 👨‍👩‍👧 joined by zero-width joiners, a flag's two letters) is reported as the one emoji it shows.
 */
const EMOJI =
  /(?![\u00A9\u00AE\u2122])\p{Extended_Pictographic}\p{Emoji_Modifier}?\uFE0F?(?:\u200D\p{Extended_Pictographic}\p{Emoji_Modifier}?\uFE0F?)*|\p{Regional_Indicator}{1,2}/gu;

export function findEmoji(text: string): string[] {
  return [...text.matchAll(EMOJI)].map((match) => match[0]);
}
