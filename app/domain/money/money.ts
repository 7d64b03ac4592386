import { z } from "zod";

/**
 * Money is held as integer minor units plus an ISO-4217 currency code: floats cannot hold 0.1,
 * and sums of prices must be exact. Shopify sends amounts as decimal strings ("19.99").
 */
export type Money = { amountMinor: number; currencyCode: string };

/** Minor-unit exponents that differ from 2 (ISO 4217). */
const EXPONENT_EXCEPTIONS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

export function currencyExponent(currencyCode: string): number {
  return EXPONENT_EXCEPTIONS[currencyCode.toUpperCase()] ?? 2;
}

export const DecimalAmount = z.union([
  z.string().regex(/^-?\d+(\.\d+)?$/, "expected a decimal amount such as 19.99"),
  z.number().finite(),
]);

/**
 * "19.99" in USD -> 1999. Parses the digits, never through a float, and rounds half away from zero
 * when the string carries more decimals than the currency has.
 */
export function toMinorUnits(amount: string | number, currencyCode: string): number {
  const text = typeof amount === "number" ? amount.toFixed(6) : amount.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal amount: ${JSON.stringify(amount)}`);
  const [, sign, whole, fraction = ""] = match;
  const exponent = currencyExponent(currencyCode);
  const kept = fraction.slice(0, exponent).padEnd(exponent, "0");
  const roundUp = fraction.length > exponent && Number(fraction[exponent]) >= 5 ? 1 : 0;
  const minor = Number(whole) * 10 ** exponent + Number(kept || "0") + roundUp;
  // "-0.001" rounds to zero, not to -0 (which Intl prints as "-$0.00").
  return sign === "-" && minor !== 0 ? -minor : minor;
}

/** 1999 in USD -> "19.99" (the form Shopify's APIs accept). */
export function fromMinorUnits(amountMinor: number, currencyCode: string): string {
  if (!Number.isSafeInteger(amountMinor)) throw new Error(`not a whole number of minor units: ${amountMinor}`);
  const exponent = currencyExponent(currencyCode);
  if (exponent === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? "-" : "";
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, "0");
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Display form for a shopper, in their locale: 1999 USD en-US -> "$19.99". */
export function formatMoney(money: Money, locale: string): string {
  const exponent = currencyExponent(money.currencyCode);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: money.currencyCode,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(money.amountMinor / 10 ** exponent);
}
