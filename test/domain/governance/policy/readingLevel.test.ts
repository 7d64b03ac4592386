import { describe, expect, it } from "vitest";
import { countSyllables, readingLevel } from "~/domain/governance/policy";

describe("countSyllables: the heuristic", () => {
  it.each([
    { word: "cat", syllables: 1, why: "three letters or fewer" },
    { word: "the", syllables: 1, why: "three letters or fewer" },
    { word: "free", syllables: 1, why: "one vowel group" },
    { word: "make", syllables: 1, why: "silent final e" },
    { word: "table", syllables: 2, why: "-le is voiced" },
    { word: "walked", syllables: 1, why: "-ed silent after k" },
    { word: "wanted", syllables: 2, why: "-ed voiced after t" },
    { word: "makes", syllables: 1, why: "-es silent" },
    { word: "boxes", syllables: 2, why: "-es voiced after x" },
    { word: "beautiful", syllables: 3, why: "vowel groups eau, i, u" },
    { word: "cleanser", syllables: 2, why: "ea, e" },
    { word: "Café", syllables: 2, why: "an accented final e is spoken" },
    { word: "rosé", syllables: 2, why: "an accented final e is spoken" },
    { word: "Crème", syllables: 1, why: "accents folded, then a silent final e" },
    { word: "2026", syllables: 1, why: "numbers count as one" },
    { word: "Tee", syllables: 1, why: "ee" },
    { word: "dermatologically", syllables: 7, why: "e, a, o, o, i, a, y" },
  ])("$word = $syllables ($why)", ({ word, syllables }) => {
    expect(countSyllables(word)).toBe(syllables);
  });
});

describe("readingLevel: Flesch-Kincaid grade", () => {
  it.each([
    // 0.39 x 13/3 + 11.8 x 16/13 - 15.59 = 0.6
    { text: "Your cleanser is almost gone. Get a new one today. It ships fast.", grade: 0.6, words: 13, sentences: 3, syllables: 16 },
    // A paragraph break ends a sentence even without a full stop.
    { text: "Your cleanser is almost gone\nGet a new one today\nIt ships fast", grade: 0.6, words: 13, sentences: 3, syllables: 16 },
    // One long sentence instead, two more words: 0.39 x 15 + 11.8 x 19/15 - 15.59 = 5.2.
    { text: "Your cleanser is almost gone so get a new one today because it ships fast.", grade: 5.2, words: 15, sentences: 1, syllables: 19 },
    // "Don't" is one word of one syllable: 0.39 x 2 + 11.8 x 1 - 15.59 = -3.0 (very short copy scores below zero).
    { text: "Don't wait.", grade: -3, words: 2, sentences: 1, syllables: 2 },
    { text: "", grade: 0, words: 0, sentences: 0, syllables: 0 },
    { text: "!!! ...", grade: 0, words: 0, sentences: 0, syllables: 0 },
  ])("$text -> grade $grade", (expected) => {
    expect(readingLevel(expected.text)).toEqual({ grade: expected.grade, words: expected.words, sentences: expected.sentences, syllables: expected.syllables });
  });

  it("a decimal point or an abbreviation without a following space does not end a sentence", () => {
    expect(readingLevel("It costs 12.50 today. See shop.example for more.").sentences).toBe(2);
  });
});
