import { currencyExponent } from "../../money/money";
import { resolveLocale, resolveTimeZone, type ResolvedLocale } from "../templates/localeResolution";

/**
 * Locale resolution and number/date formatting for emails, memoised: building an Intl formatter
 * costs tens of microseconds, more than rendering a paragraph, and a send batch asks for the same
 * few locale, currency and zone combinations thousands of times. Same rules as the template
 * copywriter (templates/formatting.ts), so a price on a card reads like a price in the copy.
 */
export type EmailFormatter = {
  money(minor: number): string | null;
  count(value: number): { n: number; text: string } | null;
  date(at: Date): string | null;
};

export type EmailLocale = ResolvedLocale & { timeZone: string };

const MAX_ENTRIES = 500;

function memo<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, value);
  return value;
}

const locales = new Map<string, EmailLocale>();
const formatters = new Map<string, EmailFormatter>();

/**
 * The copy's language (for the email's own words) and the locale numbers and dates are formatted
 * in: the shopper's own when Intl knows it (a French shopper reading English copy still sees
 * "12,50 €"), else the copy's.
 */
export function emailLocale(shopper: { locale: string | null; timeZone: string | null }, shop: { locale: string | null; timeZone: string | null }): EmailLocale {
  const key = `${shopper.locale ?? ""}\u0000${shop.locale ?? ""}\u0000${shopper.timeZone ?? ""}\u0000${shop.timeZone ?? ""}`;
  return memo(locales, key, () => {
    const resolved = resolveLocale(shopper.locale, shop.locale);
    return { language: resolved.language, formatLocale: intlLocale(shopper.locale) ?? resolved.formatLocale, timeZone: resolveTimeZone(shopper.timeZone, shop.timeZone) };
  });
}

export function emailFormatter(formatLocale: string, currencyCode: string, timeZone: string): EmailFormatter {
  return memo(formatters, `${formatLocale}\u0000${currencyCode}\u0000${timeZone}`, () => {
    const exponent = currencyExponent(currencyCode);
    const money = new Intl.NumberFormat(formatLocale, { style: "currency", currency: currencyCode, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    const counts = new Intl.NumberFormat(formatLocale, { maximumFractionDigits: 0 });
    const dates = new Intl.DateTimeFormat(formatLocale, { dateStyle: "long", timeZone });
    return {
      money: (minor) => (Number.isFinite(minor) && minor >= 0 ? money.format(Math.round(minor) / 10 ** exponent) : null),
      count: (value) => {
        if (!Number.isFinite(value) || value < 0) return null;
        const n = Math.round(value);
        return { n, text: counts.format(n) };
      },
      date: (at) => (Number.isFinite(at.getTime()) ? dates.format(at) : null),
    };
  });
}

/** "de_DE" -> "de-DE" when Intl formats it; null otherwise. */
function intlLocale(raw: string | null): string | null {
  const trimmed = raw?.trim().replace(/_/g, "-");
  if (!trimmed) return null;
  try {
    const [tag] = Intl.getCanonicalLocales(trimmed);
    return tag && Intl.NumberFormat.supportedLocalesOf([tag]).length > 0 ? tag : null;
  } catch {
    return null;
  }
}
