import { describe, expect, it } from "vitest";
import { BrandVoice, DEFAULT_BRAND_VOICE, listTemplates, writeFromTemplate } from "~/domain/content/templates";
import { allText, input } from "./fixtures";

describe("brand voice settings", () => {
  it("defaults: warm, casual, greets by first name, signs as the shop's team", () => {
    expect(DEFAULT_BRAND_VOICE).toEqual({ tone: "warm", formality: "casual", useFirstName: true, signOffName: null });
    expect(BrandVoice.parse({ tone: "direct" })).toEqual({ ...DEFAULT_BRAND_VOICE, tone: "direct" });
  });

  it.each([
    { name: "a sign-off name is trimmed", raw: { signOffName: "  Lena from Demo Store " }, expected: { signOffName: "Lena from Demo Store" } },
    { name: "an empty sign-off name signs as the team", raw: { signOffName: "   " }, expected: { signOffName: null } },
    { name: "formal and playful", raw: { formality: "formal", tone: "playful" }, expected: { formality: "formal", tone: "playful" } },
  ])("$name", ({ raw, expected }) => {
    expect(BrandVoice.parse(raw)).toMatchObject(expected);
  });

  it.each([{ tone: "sarcastic" }, { formality: "very" }, { useFirstName: "yes" }, { signOffName: "x".repeat(61) }])("rejects %j", (raw) => {
    expect(BrandVoice.safeParse(raw).success).toBe(false);
  });
});

describe("greeting and sign-off by locale and voice", () => {
  it.each([
    { locale: "en-US", voice: { tone: "warm", formality: "casual" }, name: "Ada", greeting: "Hi Ada,", signOff: "Warmly, the Demo Store team" },
    { locale: "en-US", voice: { tone: "playful", formality: "casual" }, name: "Ada", greeting: "Hey Ada,", signOff: "Cheers, the Demo Store team" },
    { locale: "en-US", voice: { tone: "direct", formality: "casual" }, name: null, greeting: "Hi there,", signOff: "Thanks, the Demo Store team" },
    { locale: "en-GB", voice: { tone: "warm", formality: "formal" }, name: "Ada", greeting: "Dear Ada,", signOff: "Kind regards, the Demo Store team" },
    { locale: "en-GB", voice: { tone: "warm", formality: "formal" }, name: null, greeting: "Hello,", signOff: "Kind regards, the Demo Store team" },
    { locale: "de-DE", voice: { tone: "warm", formality: "formal" }, name: "Jörg", greeting: "Guten Tag Jörg,", signOff: "Mit freundlichen Grüßen, Ihr Team von Demo Store" },
    { locale: "de-DE", voice: { tone: "warm", formality: "casual" }, name: "Jörg", greeting: "Hallo Jörg,", signOff: "Herzliche Grüße, dein Team von Demo Store" },
    { locale: "de", voice: { tone: "playful", formality: "casual" }, name: null, greeting: "Hey,", signOff: "Bis bald, dein Team von Demo Store" },
  ] as const)("$locale $voice.formality/$voice.tone, name $name", ({ locale, voice, name, greeting, signOff }) => {
    const draft = writeFromTemplate(input("replenishment-reminder", { shopper: { locale, firstName: name }, voice })).draft;
    expect(draft.greeting).toBe(greeting);
    expect(draft.signOff).toBe(signOff);
  });

  it("useFirstName false greets generically even when the name is known", () => {
    expect(writeFromTemplate(input("cart-complete-order", { voice: { useFirstName: false } })).draft.greeting).toBe("Hi there,");
  });

  it("a sign-off name replaces the team", () => {
    expect(writeFromTemplate(input("cart-complete-order", { voice: { signOffName: "Lena from Demo Store" } })).draft.signOff).toBe("Warmly, Lena from Demo Store");
  });

  it.each([
    { tone: "warm", closing: "We’re here if you need anything." },
    { tone: "playful", closing: "Happy shopping!" },
    { tone: "direct", closing: null },
  ] as const)("tone $tone closes with $closing", ({ tone, closing }) => {
    const paragraphs = writeFromTemplate(input("replenishment-reminder", { voice: { tone } })).draft.paragraphs;
    if (closing) expect(paragraphs.at(-1)).toBe(closing);
    else expect(paragraphs.at(-1)).toBe("Going by your past orders, you’d usually have reordered around May 31, 2026.");
  });
});

const FORMAL_CASES = listTemplates().flatMap(({ messageType, variants }) =>
  variants.flatMap((variant) => (["warm", "direct", "playful"] as const).flatMap((tone) => (["en-US", "de-DE"] as const).map((locale) => ({ messageType, variant, tone, locale })))),
);
const CONTRACTION = /\b\w+(?:n['’]t|['’](?:re|ve|ll|m|d))\b|\b(?:it|here|that|what|there|let|who|how)['’]s\b/i;

describe("formal voice: no contractions, no exclamation marks", () => {
  it("checks every template in both languages and all tones", () => {
    expect(FORMAL_CASES).toHaveLength(9 * 2 * 3 * 2);
  });

  it.each(FORMAL_CASES)("$messageType $variant $tone $locale", ({ messageType, variant, tone, locale }) => {
    const formal = allText(writeFromTemplate(input(messageType, { variant, shopper: { locale }, voice: { formality: "formal", tone } })).draft);
    expect(formal).not.toContain("!");
    expect(formal).not.toMatch(CONTRACTION);
    if (locale === "de-DE") expect(formal).not.toMatch(/\b(du|dich|dir|dein\w*)\b/i);
  });

  it("the contraction check catches casual English (so the formal test means something)", () => {
    expect(allText(writeFromTemplate(input("replenishment-reminder", { voice: { formality: "casual" } })).draft)).toMatch(CONTRACTION);
  });

  it.each([
    { formality: "casual", expected: "Du bestellst Daily Gel Cleanser normalerweise etwa alle 30 Tage" },
    { formality: "formal", expected: "Sie bestellen Daily Gel Cleanser normalerweise etwa alle 30 Tage" },
  ] as const)("German $formality addresses the shopper as du/Sie", ({ formality, expected }) => {
    expect(writeFromTemplate(input("replenishment-reminder", { shopper: { locale: "de-DE" }, voice: { formality } })).draft.paragraphs.join(" ")).toContain(expected);
  });
});

describe("locale resolution", () => {
  it.each([
    { shopper: "de-DE", shop: "en", language: "de", date: "31. Mai 2026" },
    { shopper: "de_AT", shop: "en", language: "de", date: "31. Mai 2026" },
    { shopper: "en-GB", shop: "de", language: "en", date: "31 May 2026" },
    { shopper: "fr-FR", shop: "de-DE", language: "de", date: "31. Mai 2026" },
    { shopper: "fr-FR", shop: "ja", language: "en", date: "May 31, 2026" },
    { shopper: null, shop: null, language: "en", date: "May 31, 2026" },
    { shopper: "not a locale!", shop: "also_bad!", language: "en", date: "May 31, 2026" },
  ])("shopper $shopper, shop $shop -> $language", ({ shopper, shop, language, date }) => {
    const result = writeFromTemplate(input("replenishment-reminder", { shopper: { locale: shopper }, shop: { locale: shop } }));
    expect(result.language).toBe(language);
    expect(result.draft.paragraphs.join(" ")).toContain(date);
  });
});
