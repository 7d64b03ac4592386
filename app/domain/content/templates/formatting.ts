import { formatMoney } from "../../money/money";

/**
 * How facts from the brief appear in copy, in the copy's locale: prices in the shop currency
 * (minor units to major with the currency's own digits: JPY has none), counts with the locale's
 * grouping, a discount as a whole percent, dates in the shopper's time zone. Every number a
 * template prints goes through here, so it can only print a number it was given.
 */
export type Count = { n: number; text: string };

export type Formatter = {
  money(minor: number): string | null;
  count(value: number): Count | null;
  /** A share (0.1) as a whole percent ("10%", "10 %"); null unless strictly between 0% and 100%. */
  percent(share: number): string | null;
  /** The calendar date in the shopper's zone ("June 11, 2026", "11. Juni 2026"). */
  date(at: Date): string | null;
};

export function createFormatter(options: { formatLocale: string; currencyCode: string; timeZone: string }): Formatter {
  const { formatLocale, currencyCode, timeZone } = options;
  const counts = new Intl.NumberFormat(formatLocale, { maximumFractionDigits: 0 });
  const percents = new Intl.NumberFormat(formatLocale, { style: "percent", maximumFractionDigits: 0 });
  const dates = new Intl.DateTimeFormat(formatLocale, { dateStyle: "long", timeZone });
  return {
    money: (minor) => (Number.isFinite(minor) && minor >= 0 ? formatMoney({ amountMinor: Math.round(minor), currencyCode }, formatLocale) : null),
    count: (value) => {
      if (!Number.isFinite(value) || value < 0) return null;
      const n = Math.round(value);
      return { n, text: counts.format(n) };
    },
    percent: (share) => {
      if (!Number.isFinite(share)) return null;
      const whole = Math.round(share * 100);
      return whole >= 1 && whole <= 99 ? percents.format(whole / 100) : null;
    },
    date: (at) => (Number.isFinite(at.getTime()) ? dates.format(at) : null),
  };
}
