/**
 * Flesch-Kincaid grade level: 0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59.
 * Roughly the US school grade a reader needs; plain marketing copy scores 5-9.
 *
 * Counting, deliberately simple and deterministic (no dictionary to ship or keep in sync):
 *  - a sentence ends at . ! ? or … followed by a space or the end, and at every paragraph break,
 *    so a subject-like fragment without a full stop still counts as one sentence;
 *  - a word is a run of letters or digits, apostrophes inside it allowed ("don't" is one word);
 *  - syllables: accents folded (é -> e), then groups of consecutive vowels (a e i o u y) are
 *    counted; a silent final "e" is dropped (make = 1) but not "-le" (table = 2) or an accented
 *    one (café = 2); "-ed" is silent
 *    unless after t or d (walked = 1, wanted = 2); "-es" is silent unless after s, x, z, ch, sh,
 *    ce or ge (makes = 1, boxes = 2); words of three letters or fewer, numbers and words without
 *    Latin letters count as one. It is right for most English words and off by one for some
 *    (recipe = 2), which moves a grade by tenths, not whole grades. English only: other languages
 *    score unreliably, so merchants writing in them should leave maxReadingGrade null.
 */
export type ReadingLevel = { grade: number; words: number; sentences: number; syllables: number };

const WORD = /[\p{L}\p{N}]+(?:['\u2019\u02BC][\p{L}\p{N}]+)*/gu;
const SENTENCE_END = /[.!?\u2026]+(?=\s|$)|\n+/u;

export function countSyllables(word: string): number {
  const lower = word.toLowerCase().normalize("NFC");
  const w = lower.normalize("NFD").replace(/\p{M}/gu, "").replace(/[^a-z]/gu, "");
  if (w.length <= 3) return 1;
  let count = (w.match(/[aeiouy]+/gu) ?? []).length;
  // A final e with an accent is spoken (café, rosé), so only a plain one can be silent.
  if (/[^aeiouy]e$/u.test(w) && !/[^aeiouy]le$/u.test(w) && lower.endsWith("e")) count--;
  else if (/[^aeiouytd]ed$/u.test(w)) count--;
  else if (/[^aeiouy]es$/u.test(w) && !/(?:[sxz]|ch|sh|ce|ge)es$/u.test(w)) count--;
  return Math.max(1, count);
}

export function readingLevel(text: string): ReadingLevel {
  let words = 0;
  let sentences = 0;
  let syllables = 0;
  for (const sentence of text.split(SENTENCE_END)) {
    const found = sentence.match(WORD) ?? [];
    if (found.length === 0) continue;
    sentences++;
    words += found.length;
    for (const word of found) syllables += countSyllables(word);
  }
  if (words === 0) return { grade: 0, words, sentences, syllables };
  const grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
  return { grade: Math.round(grade * 10) / 10, words, sentences, syllables };
}
