import { NUMBER, numberReadings } from "./amounts";
import { allMatches, escapeRegExp } from "./textScan";

/**
 * Finding money in copy: "$24.00", "24,00 €", "€24", "USD 24", "24 USD", "¥2,400", "24.00 dollars",
 * "CA$24", "24 kr", "99 cents". A symbol names a set of currencies ("$" is any dollar, "¥" yen or
 * yuan); a mention with a symbol and a code ("$24 CAD") is in the currencies both allow.
 *
 * Limits: amounts in words ("twenty dollars"), "pounds" (a weight as often as a currency), a bare
 * "R" or "p", and numbers with no currency at all are not read as money.
 */

const DOLLARS = ["USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD", "ARS", "CLP", "COP", "UYU", "FJD", "BSD", "BBD", "BZD", "BMD", "BND", "KYD", "JMD", "LRD", "NAD", "SBD", "SRD", "TTD", "XCD", "GYD"];
const CENTS = [...DOLLARS, "EUR"];

/** Symbols, written before or after the number. */
const SYMBOLS: Record<string, readonly string[]> = {
  $: DOLLARS, "US$": ["USD"], "U$S": ["USD"], "CA$": ["CAD"], C$: ["CAD"], "CAD$": ["CAD"], A$: ["AUD"], "AU$": ["AUD"], "NZ$": ["NZD"],
  "HK$": ["HKD"], S$: ["SGD"], "SG$": ["SGD"], "MX$": ["MXN"], R$: ["BRL"], "NT$": ["TWD"],
  "€": ["EUR"], "£": ["GBP", "EGP", "GIP", "FKP", "SHP"], "¥": ["JPY", "CNY"], 元: ["CNY"], 円: ["JPY"], "₹": ["INR"], "₩": ["KRW"], "₽": ["RUB"],
  "₺": ["TRY"], "₪": ["ILS"], "₫": ["VND"], "฿": ["THB"], "₱": ["PHP"], "₴": ["UAH"], "₦": ["NGN"], "₡": ["CRC"], "₲": ["PYG"],
  zł: ["PLN"], Kč: ["CZK"], Ft: ["HUF"], kr: ["SEK", "NOK", "DKK", "ISK"], "kr.": ["SEK", "NOK", "DKK", "ISK"], "Fr.": ["CHF"], lei: ["RON"],
};

/**
 * ISO codes, upper case only. Codes that are also English words in capitals ("ALL", "TOP", "CUP",
 * "TRY", "PEN") are left out unless they are the shop's own currency: "TOP 10 PICKS" is not money.
 */
const CODES = [
  "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "ISK", "PLN", "CZK", "HUF", "RON", "BGN",
  "ILS", "INR", "KRW", "SGD", "HKD", "TWD", "THB", "MYR", "IDR", "PHP", "VND", "MXN", "BRL", "ARS", "CLP", "COP", "ZAR", "AED", "SAR",
  "QAR", "KWD", "BHD", "OMR", "JOD", "EGP", "NGN", "KES", "UAH", "RUB",
];

/** Currency words, after the number. */
const WORDS: Record<string, readonly string[]> = {
  dollar: DOLLARS, dollars: DOLLARS, bucks: DOLLARS, euro: ["EUR"], euros: ["EUR"], yen: ["JPY"], yuan: ["CNY"], renminbi: ["CNY"],
  rupee: ["INR", "PKR", "LKR", "NPR"], rupees: ["INR", "PKR", "LKR", "NPR"], franc: ["CHF"], francs: ["CHF"], krona: ["SEK", "ISK"], kronor: ["SEK"],
  krone: ["NOK", "DKK"], kroner: ["NOK", "DKK"], peso: ["MXN", "ARS", "CLP", "COP", "PHP", "UYU"], pesos: ["MXN", "ARS", "CLP", "COP", "PHP", "UYU"],
  reais: ["BRL"], zloty: ["PLN"], "złoty": ["PLN"], rand: ["ZAR"], rubles: ["RUB"], roubles: ["RUB"], lira: ["TRY"], shekel: ["ILS"], shekels: ["ILS"],
  baht: ["THB"], forint: ["HUF"], koruna: ["CZK"], won: ["KRW"],
};

/** Words for hundredths: the number is already in minor units. */
const MINOR_WORDS: Record<string, readonly string[]> = { cent: CENTS, cents: CENTS, "¢": CENTS, pence: ["GBP"], penny: ["GBP"] };

export type MoneyMention = {
  raw: string;
  index: number;
  /** The currencies the written symbol or code allows (upper-case ISO codes). */
  currencies: ReadonlySet<string>;
  /** Decimal readings of the number ("2,400" -> "2400" and "2.400"). */
  readings: readonly string[];
  /** "99 cents": the readings are minor units already. */
  minorUnits: boolean;
  /** The amount is followed by "off": a money discount, not a price. */
  off: boolean;
};

/** Case-insensitive without the `i` flag (which would turn every "try" into Turkish lira). */
function anyCase(word: string): string {
  return [...word].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegExp(c))).join("");
}

const byLength = (a: string, b: string) => b.length - a.length;

function patternFor(shopCurrency: string): { pattern: RegExp; lookup: (token: string) => { currencies: readonly string[]; minor: boolean } } {
  const codes = [...new Set([...CODES, shopCurrency.toUpperCase()])];
  // Tokens made of letters ("USD", "kr", "dollars") must stand alone: "kr" in "krill" is not money.
  const token = (t: string, letters: string) => (/\p{L}/u.test(t) ? `(?<![\\p{L}\\p{N}])${letters}(?![\\p{L}])` : letters);
  const symbols = Object.keys(SYMBOLS).sort(byLength).map((t) => token(t, escapeRegExp(t)));
  const codeAlternatives = codes.sort(byLength).map((c) => token(c, c));
  const wordAlternatives = [...Object.keys(WORDS), ...Object.keys(MINOR_WORDS)].sort(byLength).map((w) => token(w, anyCase(w)));
  const prefix = [...codeAlternatives, ...symbols].join("|");
  const suffix = [...codeAlternatives, ...wordAlternatives, ...symbols].join("|");
  // A bare number must not continue a word or another number; after a symbol it may ("for$24").
  // A suffix symbol must not be the next amount's prefix: in "2 $24" the "$" belongs to 24.
  const pattern = new RegExp(
    `(?:(${prefix})\\s?|(?<![\\p{L}\\p{N}.,]))(${NUMBER})(?:[.,][-–—])?(?:\\s?(${suffix})(?!\\s?\\d))?(?![\\p{N}])`,
    "gu",
  );
  const lookup = (token: string) => {
    const lower = token.toLowerCase();
    if (SYMBOLS[token]) return { currencies: SYMBOLS[token] as readonly string[], minor: false };
    if (MINOR_WORDS[lower]) return { currencies: MINOR_WORDS[lower] as readonly string[], minor: true };
    if (WORDS[lower]) return { currencies: WORDS[lower] as readonly string[], minor: false };
    return { currencies: [token === "RMB" ? "CNY" : token], minor: false };
  };
  return { pattern, lookup };
}

/** One compiled pattern per shop currency: it is long, and every field of every draft is scanned. */
const PATTERNS = new Map<string, ReturnType<typeof patternFor>>();

export function findMoney(text: string, shopCurrency: string): MoneyMention[] {
  let compiled = PATTERNS.get(shopCurrency);
  if (!compiled) {
    compiled = patternFor(shopCurrency);
    PATTERNS.set(shopCurrency, compiled);
  }
  const { pattern, lookup } = compiled;
  const mentions: MoneyMention[] = [];
  for (const m of allMatches(pattern, text)) {
    const [raw, before, number = "", after] = m;
    if (!before && !after) continue;
    const sides = [before, after].filter((t): t is string => Boolean(t)).map(lookup);
    const [first, second] = sides;
    const currencies = new Set(first?.currencies ?? []);
    if (second) for (const c of currencies) if (!second.currencies.includes(c)) currencies.delete(c);
    const end = (m.index ?? 0) + raw.length;
    mentions.push({
      raw: raw.trim(),
      index: m.index ?? 0,
      currencies,
      readings: numberReadings(number),
      minorUnits: sides.some((s) => s.minor),
      off: /^\s*(?:off|discount)\b/i.test(text.slice(end, end + 12)),
    });
  }
  return mentions;
}
