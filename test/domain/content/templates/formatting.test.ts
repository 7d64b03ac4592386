import { describe, expect, it } from "vitest";
import { writeFromTemplate } from "~/domain/content/templates";
import { createFormatter } from "~/domain/content/templates/formatting";
import { resolveTimeZone } from "~/domain/content/templates/localeResolution";
import { allText, input, NBSP } from "./fixtures";

const fmt = (formatLocale: string, currencyCode = "USD", timeZone = "UTC") => createFormatter({ formatLocale, currencyCode, timeZone });

describe("money: minor units in the shop currency, laid out for the locale", () => {
  it.each([
    { minor: 3200, currency: "JPY", locale: "en-US", expected: "¥3,200" },
    { minor: 3200, currency: "JPY", locale: "de-DE", expected: `3.200${NBSP}¥` },
    { minor: 3200, currency: "EUR", locale: "en-US", expected: "€32.00" },
    { minor: 3200, currency: "EUR", locale: "de-DE", expected: `32,00${NBSP}€` },
    { minor: 123456, currency: "EUR", locale: "de-DE", expected: `1.234,56${NBSP}€` },
    { minor: 3200, currency: "USD", locale: "en-US", expected: "$32.00" },
    { minor: 12345, currency: "KWD", locale: "en-US", expected: `KWD${NBSP}12.345` },
    { minor: 5, currency: "GBP", locale: "en-GB", expected: "£0.05" },
    { minor: 0, currency: "USD", locale: "en-US", expected: "$0.00" },
  ])("$minor $currency in $locale is $expected", ({ minor, currency, locale, expected }) => {
    expect(fmt(locale, currency).money(minor)).toBe(expected);
  });

  it.each([-100, Number.NaN, Number.POSITIVE_INFINITY])("no amount for %s", (minor) => {
    expect(fmt("en-US").money(minor)).toBeNull();
  });

  it.each([
    { currency: "JPY", price: "¥3,200", total: "¥8,600" },
    { currency: "EUR", price: "€32.00", total: "€86.00" },
  ])("the copy prices in the shop currency: $currency", ({ currency, price, total }) => {
    const cart = allText(writeFromTemplate(input("cart-complete-order", { shop: { currencyCode: currency } })).draft);
    expect(cart).toContain(`Cart total: ${total} for 3 items.`);
    const restock = allText(writeFromTemplate(input("post-purchase-restock", { shop: { currencyCode: currency } })).draft);
    expect(restock).toContain(`Reorder Niacinamide Serum for ${price}.`);
  });
});

describe("a discount is a whole percent", () => {
  it.each([
    { share: 0.1, locale: "en-US", expected: "10%" },
    { share: 0.1, locale: "de-DE", expected: `10${NBSP}%` },
    { share: 0.125, locale: "en-US", expected: "13%" },
    { share: 0.15, locale: "en-US", expected: "15%" },
    { share: 0.01, locale: "en-US", expected: "1%" },
    { share: 0.004, locale: "en-US", expected: null },
    { share: 0, locale: "en-US", expected: null },
    { share: -0.1, locale: "en-US", expected: null },
    { share: 1, locale: "en-US", expected: null },
  ])("$share in $locale is $expected", ({ share, locale, expected }) => {
    expect(fmt(locale).percent(share)).toBe(expected);
  });
});

describe("dates: the calendar day in the shopper's zone and language", () => {
  const lateUtc = new Date("2026-06-10T23:30:00Z");
  it.each([
    { zone: "UTC", locale: "en-US", expected: "June 10, 2026" },
    { zone: "Asia/Tokyo", locale: "en-US", expected: "June 11, 2026" },
    { zone: "Asia/Tokyo", locale: "de-DE", expected: "11. Juni 2026" },
    { zone: "America/Los_Angeles", locale: "en-GB", expected: "10 June 2026" },
    { zone: "Pacific/Kiritimati", locale: "en-US", expected: "June 11, 2026" },
  ])("23:30 UTC in $zone ($locale) is $expected", ({ zone, locale, expected }) => {
    expect(fmt(locale, "USD", zone).date(lateUtc)).toBe(expected);
  });

  it.each([
    { timeZone: "Asia/Tokyo", locale: "en-US", shows: "June 11, 2026", not: "June 10, 2026" },
    { timeZone: "Europe/London", locale: "en-US", shows: "June 11, 2026", not: "June 10, 2026" },
    { timeZone: "America/New_York", locale: "en-US", shows: "June 10, 2026", not: "June 11, 2026" },
    { timeZone: "Asia/Tokyo", locale: "de-DE", shows: "11. Juni 2026", not: "10. Juni 2026" },
    { timeZone: null, locale: "en-US", shows: "June 10, 2026", not: "June 11, 2026" },
    { timeZone: "Not/AZone", locale: "en-US", shows: "June 10, 2026", not: "June 11, 2026" },
  ])("a deadline at 23:30 UTC, shopper in $timeZone: $shows", ({ timeZone, locale, shows, not }) => {
    const deadlines = { expectedRunOutAt: lateUtc };
    const text = allText(writeFromTemplate(input("post-purchase-restock", { shopper: { timeZone, locale }, brief: { deadlines }, variant: "b" })).draft);
    expect(text).toContain(shows);
    expect(text).not.toContain(not);
  });

  it("without the shopper's zone, the shop's zone", () => {
    const text = allText(writeFromTemplate(input("post-purchase-restock", { shopper: { timeZone: null }, shop: { timeZone: "Asia/Tokyo" }, brief: { deadlines: { expectedRunOutAt: lateUtc } } })).draft);
    expect(text).toContain("June 11, 2026");
  });

  it.each([
    { candidates: ["Asia/Tokyo"], expected: "Asia/Tokyo" },
    { candidates: ["Mars/Olympus", "Europe/Berlin"], expected: "Europe/Berlin" },
    { candidates: [null, undefined, ""], expected: "UTC" },
  ])("resolveTimeZone($candidates) is $expected", ({ candidates, expected }) => {
    expect(resolveTimeZone(...candidates)).toBe(expected);
  });
});

describe("counts use the locale's grouping", () => {
  it.each([
    { locale: "en-US", expected: "1,230" },
    { locale: "de-DE", expected: "1.230" },
    { locale: "en-IN", expected: "1,230" },
  ])("$locale: $expected", ({ locale, expected }) => {
    expect(fmt(locale).count(1230)).toEqual({ n: 1230, text: expected });
  });

  it("rounds to whole numbers (the copy says 'about')", () => {
    expect(fmt("en-US").count(29.6)).toEqual({ n: 30, text: "30" });
    expect(fmt("en-US").count(-1)).toBeNull();
  });
});
