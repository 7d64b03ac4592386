import { describe, expect, it } from "vitest";
import { codesInUrl, findCodes } from "~/domain/governance/critic/codeCheck";
import { findPercents } from "~/domain/governance/critic/discountMentions";
import { BRIEF, input, rulesBroken, saying } from "./fixtures";

const TEN_OFF = { brief: { ...BRIEF, discount: 0.1 } };

describe("finding percentages and telling offers from claims", () => {
  it.each([
    { text: "20% off your order", values: [20], discount: true },
    { text: "save 15 percent today", values: [15], discount: true },
    { text: "an extra 12.5% on serums", values: [12.5], discount: true },
    { text: "100% vegan formula", values: [100], discount: false },
    { text: "95% of customers reorder", values: [95], discount: false },
  ])("$text", ({ text, values, discount }) => {
    const [mention] = findPercents(text);
    expect(mention?.values).toEqual(values);
    expect(mention?.discount).toBe(discount);
  });
});

describe("facts.invented-discount and facts.discount", () => {
  it.each([
    { name: "no discount in the brief, none in the copy (baseline)", text: "Time to restock.", changes: {}, rules: [] },
    { name: "an invented 20% off", text: "Take 20% off the Daily Gel Cleanser.", changes: {}, rules: ["facts.invented-discount"] },
    { name: "an invented '15 percent' saving", text: "Save 15 percent this week.", changes: {}, rules: ["facts.invented-discount"] },
    { name: "an invented half price", text: "The serum is half price!", changes: {}, rules: ["facts.invented-discount"] },
    { name: "an invented buy one get one", text: "Buy one, get one on cleansers.", changes: {}, rules: ["facts.invented-discount"] },
    { name: "an invented $5 off", text: "Here is $5 off your next order.", changes: {}, rules: ["facts.invented-discount"] },
    { name: "'100% vegan' is not an offer", text: "It is 100% vegan.", changes: {}, rules: [] },
    { name: "'100% off' is", text: "Get it 100% off.", changes: {}, rules: ["facts.invented-discount"] },
    { name: "an invented statistic is a number the brief lacks", text: "95% of shoppers reorder.", changes: {}, rules: ["facts.number"] },
    { name: "the brief's 10% as '10% off'", text: "Enjoy 10% off the Daily Gel Cleanser.", changes: TEN_OFF, rules: [] },
    { name: "the brief's 10% as 'ten percent' in digits: '10 percent'", text: "Save 10 percent today.", changes: TEN_OFF, rules: [] },
    { name: "20% off when the brief offers 10%", text: "Enjoy 20% off today.", changes: TEN_OFF, rules: ["facts.discount"] },
    { name: "half price when the brief offers 10%", text: "Half price on the serum.", changes: TEN_OFF, rules: ["facts.discount"] },
    { name: "a rounded 12.5% discount may read 13% or 12.5%", text: "Save 13% now, that is 12.5% off.", changes: { brief: { ...BRIEF, discount: 0.125 } }, rules: [] },
  ])("$name", ({ text, changes, rules }) => {
    expect(rulesBroken(saying(text, changes))).toEqual(rules);
  });
});

describe("finding discount codes", () => {
  it.each([
    { text: "Use code SAVE20 at checkout.", codes: ["SAVE20"] },
    { text: "Use code SUMMER at checkout.", codes: ["SUMMER"] },
    { text: "promo code: x9y2z", codes: ["x9y2z"] },
    { text: "Your code is “WELCOME5”.", codes: ["WELCOME5"] },
    { text: "Try GLOW2026 today.", codes: ["GLOW2026"] },
    { text: "The code below works once.", codes: [] },
    { text: "Order 2026-06-10 arrived.", codes: [] },
    { text: "Use 10AM slots.", codes: [] },
  ])("$text", ({ text, codes }) => {
    expect(findCodes(text)).toEqual(codes);
  });

  it.each([
    { url: "https://glowstudio.com/discount/SAVE90?redirect=/cart", codes: ["SAVE90"] },
    { url: "https://glowstudio.com/cart?discount=FREE100", codes: ["FREE100"] },
    { url: "https://glowstudio.com/products/daily-gel-cleanser", codes: [] },
  ])("codes applied by $url", ({ url, codes }) => {
    expect(codesInUrl(url)).toEqual(codes);
  });
});

describe("facts.invented-code", () => {
  it.each([
    { name: "a code the decision carries", text: "Use code GLOW10 for 10% off.", allowedCodes: ["GLOW10"], discount: 0.1, rules: [] },
    { name: "the decision's code in lower case", text: "Use code glow10 for 10% off.", allowedCodes: ["GLOW10"], discount: 0.1, rules: [] },
    { name: "an invented code (with an invented discount)", text: "Use code SAVE20 for 20% off!", allowedCodes: [], discount: null, rules: ["facts.invented-code", "facts.invented-discount"] },
    { name: "an invented code-shaped token with no code word", text: "Enter VIP2026 at checkout.", allowedCodes: [], discount: null, rules: ["facts.invented-code"] },
    { name: "another code than the decision's", text: "Use code SAVE10 for 10% off.", allowedCodes: ["GLOW10"], discount: 0.1, rules: ["facts.invented-code"] },
    { name: "a code-shaped product title in the brief is not a code", text: "Meet SPF50 Day Cream.", allowedCodes: [], discount: null, rules: [], spfInBrief: true },
  ])("$name", ({ text, allowedCodes, discount, rules, spfInBrief }) => {
    const products = spfInBrief ? [...BRIEF.products, { productId: "p-spf", title: "SPF50 Day Cream", priceMinor: 2800 }] : BRIEF.products;
    expect(rulesBroken(saying(text, { allowedCodes, brief: { ...BRIEF, discount, products } }))).toEqual(rules);
  });

  it("a code applied by the call-to-action link must be the decision's", () => {
    const url = "https://glowstudio.com/discount/SAVE90";
    expect(rulesBroken(input({ draft: { callToAction: { label: "Shop", url } } }))).toEqual(["facts.invented-code"]);
    expect(rulesBroken(input({ allowedCodes: ["SAVE90"], draft: { callToAction: { label: "Shop", url } } }))).toEqual([]);
  });
});
