import { describe, expect, it } from "vitest";
import { currencyExponent, DecimalAmount, formatMoney, fromMinorUnits, toMinorUnits } from "~/domain/money/money";

describe("currencyExponent", () => {
  it.each([
    ["USD", 2], ["EUR", 2], ["GBP", 2], ["JPY", 0], ["KRW", 0], ["VND", 0], ["KWD", 3], ["BHD", 3], ["TND", 3],
    ["jpy", 0], ["kwd", 3], ["XYZ", 2],
  ])("%s has %i decimals", (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });
});

describe("toMinorUnits", () => {
  it.each([
    { amount: "19.99", currency: "USD", minor: 1999 },
    { amount: "19.9", currency: "EUR", minor: 1990 },
    { amount: "19", currency: "USD", minor: 1900 },
    { amount: "0.01", currency: "USD", minor: 1 },
    { amount: "0.00", currency: "USD", minor: 0 },
    { amount: " 5.50 ", currency: "USD", minor: 550 },
    { amount: "1999", currency: "JPY", minor: 1999 },
    { amount: "1999.00", currency: "JPY", minor: 1999 },
    { amount: "1.234", currency: "KWD", minor: 1234 },
    { amount: "1.2", currency: "BHD", minor: 1200 },
    { amount: "12345678.91", currency: "USD", minor: 1_234_567_891 },
    // rounding half away from zero when the string carries more decimals than the currency has
    { amount: "19.995", currency: "USD", minor: 2000 },
    { amount: "19.994", currency: "USD", minor: 1999 },
    { amount: "0.005", currency: "USD", minor: 1 },
    { amount: "0.0049999", currency: "USD", minor: 0 },
    { amount: "1999.5", currency: "JPY", minor: 2000 },
    { amount: "1999.49", currency: "JPY", minor: 1999 },
    { amount: "1.2345", currency: "KWD", minor: 1235 },
    { amount: "9.9995", currency: "BHD", minor: 10000 },
    // negatives (refunds, adjustments) mirror the positives
    { amount: "-19.99", currency: "USD", minor: -1999 },
    { amount: "-19.995", currency: "USD", minor: -2000 },
    { amount: "-5", currency: "JPY", minor: -5 },
    { amount: "-0.0005", currency: "KWD", minor: -1 },
    // numbers never go through float arithmetic on the decimals
    { amount: 19.99, currency: "USD", minor: 1999 },
    { amount: 0.1 + 0.2, currency: "USD", minor: 30 },
    { amount: 1.005, currency: "USD", minor: 101 },
    { amount: 2.675, currency: "USD", minor: 268 },
    { amount: -4.5, currency: "JPY", minor: -5 },
    { amount: 0, currency: "USD", minor: 0 },
  ])("$amount $currency -> $minor", ({ amount, currency, minor }) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it.each(["-0.00", "-0.001", "-0.4"])("%s rounds to a plain zero, never -0", (amount) => {
    expect(Object.is(toMinorUnits(amount, amount === "-0.4" ? "JPY" : "USD"), 0)).toBe(true);
  });

  it.each<string | number>(["", "abc", "1,99", "1.2.3", "1e3", "+5", ".5", "5.", "$5", "--1", Number.NaN, Number.POSITIVE_INFINITY, 1e21])(
    "rejects %j",
    (amount) => {
      expect(() => toMinorUnits(amount, "USD")).toThrow(/^not a decimal amount: /);
    },
  );
});

describe("fromMinorUnits", () => {
  it.each([
    { minor: 1999, currency: "USD", text: "19.99" },
    { minor: 5, currency: "USD", text: "0.05" },
    { minor: 0, currency: "EUR", text: "0.00" },
    { minor: -5, currency: "USD", text: "-0.05" },
    { minor: -1999, currency: "USD", text: "-19.99" },
    { minor: 1999, currency: "JPY", text: "1999" },
    { minor: -3, currency: "JPY", text: "-3" },
    { minor: 1234, currency: "KWD", text: "1.234" },
    { minor: 7, currency: "BHD", text: "0.007" },
    { minor: 123_456_789, currency: "USD", text: "1234567.89" },
  ])("$minor $currency -> $text", ({ minor, currency, text }) => {
    expect(fromMinorUnits(minor, currency)).toBe(text);
  });

  it.each([19.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("rejects %d minor units", (minor) => {
    expect(() => fromMinorUnits(minor, "USD")).toThrow(/^not a whole number of minor units/);
  });

  it.each(["USD", "JPY", "KWD"])("round-trips through toMinorUnits in %s", (currency) => {
    for (const minor of [0, 1, 9, 10, 99, 100, 101, 1999, 123456, -1, -1999]) {
      expect(toMinorUnits(fromMinorUnits(minor, currency), currency)).toBe(minor);
    }
  });
});

describe("formatMoney", () => {
  it.each([
    { minor: 1999, currency: "USD", locale: "en-US", text: "$19.99" },
    { minor: -1999, currency: "USD", locale: "en-US", text: "-$19.99" },
    { minor: 100000, currency: "USD", locale: "en-US", text: "$1,000.00" },
    { minor: 1999, currency: "EUR", locale: "de-DE", text: "19,99\u00a0€" },
    { minor: 1999, currency: "EUR", locale: "fr-FR", text: "19,99\u00a0€" },
    { minor: 1999, currency: "GBP", locale: "en-GB", text: "£19.99" },
    { minor: 1999, currency: "JPY", locale: "en-US", text: "¥1,999" },
    { minor: 1999, currency: "JPY", locale: "ja-JP", text: "￥1,999" },
    { minor: 1234, currency: "KWD", locale: "en-US", text: "KWD\u00a01.234" },
    { minor: 123456, currency: "BHD", locale: "en-US", text: "BHD\u00a0123.456" },
    { minor: toMinorUnits("-0.001", "USD"), currency: "USD", locale: "en-US", text: "$0.00" },
  ])("$minor $currency in $locale -> $text", ({ minor, currency, locale, text }) => {
    expect(formatMoney({ amountMinor: minor, currencyCode: currency }, locale)).toBe(text);
  });
});

describe("DecimalAmount", () => {
  it.each([["19.99", true], ["-3", true], [12.5, true], ["1e3", false], ["19,99", false], [Number.NaN, false], [null, false]])(
    "%j valid: %s",
    (value, valid) => {
      expect(DecimalAmount.safeParse(value).success).toBe(valid);
    },
  );
});
