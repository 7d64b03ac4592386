import { normaliseText, phrasePattern } from "./textMatching";

/**
 * Built-in lists for the voice rules. Deliberately small and unambiguous: a word that is also
 * ordinary English or a product attribute ("lit" candles, "epic" journeys, Dutch "af") would block good copy,
 * so it is left for merchants to add as `extraSlang` when their voice excludes it.
 */
export const BUILT_IN_SLANG: readonly string[] = [
  "lol", "omg", "fam", "bae", "yolo", "totes", "bruh", "lowkey", "highkey", "on fleek",
  "tbh", "ngl", "sus", "yeet", "noob", "cray", "obvi",
];

/** Spoken-English contractions no brand voice writes, whatever it allows otherwise. */
export const INFORMAL_CONTRACTIONS: readonly string[] = [
  "gonna", "wanna", "gotta", "ain't", "y'all", "ya'll", "kinda", "sorta", "lemme", "gimme", "dunno",
  "outta", "lotta", "coulda", "shoulda", "woulda", "innit", "c'mon", "y'know", "tryna", "finna", "'cause",
];

/**
 * Any contraction, for `contractions: "none"`: n't, 're, 've, 'll, 'd and 'm always contract;
 * 's only after the words where it means "is", "has" or "us" (it's, let's), because after a
 * name it is a possessive ("Anna's favourites") and that is fine in the most formal copy.
 */
const ALWAYS_CONTRACTED = /(?<![\p{L}\p{M}\p{N}_])\p{L}+['\u2019\u02BC](?:t|re|ve|ll|d|m)(?![\p{L}\p{M}\p{N}_])/giu;
const S_CONTRACTIONS = ["it's", "that's", "what's", "there's", "here's", "he's", "she's", "who's", "let's", "where's", "how's", "when's", "why's"];

export function findInformalContractions(text: string): string[] {
  const normalised = normaliseText(text);
  return INFORMAL_CONTRACTIONS.flatMap((word) => [...normalised.matchAll(phrasePattern(word))].map((m) => m[0]));
}

export function findAnyContractions(text: string): string[] {
  const normalised = normaliseText(text);
  const found = [...normalised.matchAll(ALWAYS_CONTRACTED)].map((m) => m[0]);
  for (const word of S_CONTRACTIONS) found.push(...[...normalised.matchAll(phrasePattern(word))].map((m) => m[0]));
  return found;
}
