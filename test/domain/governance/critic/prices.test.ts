import { describe, expect, it } from "vitest";
import { numberReadings } from "~/domain/governance/critic/amounts";
import { findMoney } from "~/domain/governance/critic/moneyMentions";
import { BRIEF, catalogOf, input, product, PRODUCTS, rulesBroken, saying } from "./fixtures";

describe("reading numbers written in different locales", () => {
  it.each([
    { written: "24", readings: ["24"] },
    { written: "24.00", readings: ["24.00"] },
    { written: "24,00", readings: ["24.00"] },
    { written: "2,400", readings: ["2400", "2.400"] },
    { written: "1.234,50", readings: ["1234.50"] },
    { written: "1 234,50", readings: ["1234.50"] },
    { written: "1'234.50", readings: ["1234.50"] },
    { written: "1,234,567", readings: ["1234567"] },
    { written: "1,23,456", readings: [] },
  ])("$written", ({ written, readings }) => {
    expect(numberReadings(written)).toEqual(readings);
  });
});

describe("finding money in copy", () => {
  it.each([
    { text: "now $24.00 only", raw: "$24.00", has: "USD", readings: ["24.00"] },
    { text: "für 24,00 € bestellen", raw: "24,00 €", has: "EUR", readings: ["24.00"] },
    { text: "just €24", raw: "€24", has: "EUR", readings: ["24"] },
    { text: "USD 24 total", raw: "USD 24", has: "USD", readings: ["24"] },
    { text: "only ¥2,400", raw: "¥2,400", has: "JPY", readings: ["2400", "2.400"] },
    { text: "24.00 dollars", raw: "24.00 dollars", has: "USD", readings: ["24.00"] },
    { text: "full-width ＄２４", raw: "$24", has: "USD", readings: ["24"] },
    { text: "CA$24 in Canada", raw: "CA$24", has: "CAD", readings: ["24"] },
    { text: "24 kr", raw: "24 kr", has: "SEK", readings: ["24"] },
    { text: "EUR 24,-", raw: "EUR 24,-", has: "EUR", readings: ["24"] },
  ])("$text", ({ text, raw, has, readings }) => {
    const [mention, ...rest] = findMoney(text.normalize("NFKC"), "USD");
    expect(rest).toEqual([]);
    expect(mention?.raw).toBe(raw);
    expect(mention?.currencies.has(has)).toBe(true);
    expect(mention?.readings).toEqual(readings);
  });

  it.each(["TOP 10 PICKS", "Try 2 drops", "24 krill", "Buy 2 today", "ALL 3 ITEMS"])("%s is not money", (text) => {
    expect(findMoney(text, "USD")).toEqual([]);
  });

  it("a '$' between two numbers belongs to the second: 'Buy 2 $24 each'", () => {
    expect(findMoney("Buy 2 $24 each", "USD").map((m) => m.raw)).toEqual(["$24"]);
  });
});

describe("facts.price", () => {
  it.each([
    { name: "the brief's prices as $24.00 and $32.00 (the baseline)", text: "Daily Gel Cleanser, $24.00.", rules: [] },
    { name: "$24 without cents", text: "Only $24 for the Daily Gel Cleanser.", rules: [] },
    { name: "24.00 dollars", text: "It is 24.00 dollars.", rules: [] },
    { name: "USD 24 and 24 USD", text: "USD 24, or 24 USD.", rules: [] },
    { name: "both prices with a code after: $32 USD", text: "The serum is $32 USD.", rules: [] },
    { name: "the cart total, a brief number ending in Minor", text: "Your total is $56.00.", rules: [], numbers: { cartTotalMinor: 5600 } },
    { name: "a misstated price ($19.99 for a $24.00 cleanser)", text: "Daily Gel Cleanser, now $19.99!", rules: ["facts.price"] },
    { name: "a price in another currency (€24 in a USD shop)", text: "Daily Gel Cleanser, €24.", rules: ["facts.price"] },
    { name: "a dollar amount in Canadian dollars: $24 CAD", text: "Daily Gel Cleanser, $24 CAD.", rules: ["facts.price"] },
    { name: "the price of a product not in the brief", text: "The brush is $48.00.", rules: ["facts.price"] },
    { name: "cents of the wrong amount", text: "Add a sample for 99 cents.", rules: ["facts.price"] },
  ])("$name", ({ text, rules, numbers }) => {
    expect(rulesBroken(saying(text, numbers ? { brief: { ...BRIEF, numbers: { ...BRIEF.numbers, ...numbers } } } : {}))).toEqual(rules);
  });

  it.each([
    { name: "EUR shop: 24,00 €", currency: "EUR", text: "Daily Gel Cleanser für 24,00 €.", rules: [] },
    { name: "EUR shop: €24", currency: "EUR", text: "Daily Gel Cleanser: €24.", rules: [] },
    { name: "EUR shop: 1.234,50 € misstated", currency: "EUR", text: "Nur 1.234,50 €.", rules: ["facts.price"] },
    { name: "JPY shop: ¥2,400 is 2400 yen", currency: "JPY", text: "Daily Gel Cleanser ¥2,400.", rules: [] },
    { name: "JPY shop: ¥2,500 is not", currency: "JPY", text: "Daily Gel Cleanser ¥2,500.", rules: ["facts.price"] },
    { name: "JPY shop: $24 is the wrong currency", currency: "JPY", text: "Daily Gel Cleanser $24.", rules: ["facts.price"] },
  ])("$name", ({ currency, text, rules }) => {
    // The same minor amounts read differently by currency: 2400 is €24.00 but ¥2,400 (yen has no minor unit).
    expect(rulesBroken(saying(text, { catalog: catalogOf(PRODUCTS, currency) }))).toEqual(rules);
  });

  it.each([
    { name: "the price after the brief's 10% discount", text: "Daily Gel Cleanser for $21.60 with 10% off.", rules: [] },
    { name: "the amount the discount saves", text: "Save $2.40 (10% off) on the Daily Gel Cleanser.", rules: [] },
    { name: "a discounted price that is not 10% off", text: "Daily Gel Cleanser for $20.00 with 10% off.", rules: ["facts.price"] },
  ])("with a 10% discount: $name", ({ text, rules }) => {
    expect(rulesBroken(saying(text, { brief: { ...BRIEF, discount: 0.1 } }))).toEqual(rules);
  });

  it("the catalog's current price is accepted alongside the brief's (the brief's is the shopper's cart line)", () => {
    const repriced = PRICE_CHANGED;
    expect(rulesBroken(saying("Daily Gel Cleanser, now $26.00.", { catalog: repriced }))).toEqual([]);
    expect(rulesBroken(saying("Daily Gel Cleanser, still $24.00.", { catalog: repriced }))).toEqual([]);
    expect(rulesBroken(saying("Daily Gel Cleanser, now $25.00.", { catalog: repriced }))).toEqual(["facts.price"]);
  });

  it("digits in the shop name and in product titles are not prices: 'Studio 24' in a USD shop", () => {
    expect(rulesBroken(input({ shop: { name: "Studio $24", allowedHosts: ["glowstudio.com"] }, draft: { signOff: "Studio $24" } }))).toEqual([]);
  });
});

const PRICE_CHANGED = catalogOf([product("p-cleanser", "Daily Gel Cleanser", 2600), product("p-serum", "Niacinamide Serum 30 ml", 3200)]);
