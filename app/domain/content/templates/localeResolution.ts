/**
 * Which language the copy is written in, and which locale formats its numbers and dates. The
 * shopper's locale wins when its language has strings; else the shop's default locale; else
 * English. Formatting keeps the full tag ("en-GB" writes "11 June 2026", "de-AT" formats like
 * Austria) as long as its language is the copy's, so the words and the numbers agree.
 */
export const SUPPORTED_LANGUAGES = ["en", "de"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = "en";

export type ResolvedLocale = { language: Language; formatLocale: string };

export function resolveLocale(shopperLocale: string | null | undefined, shopLocale: string | null | undefined): ResolvedLocale {
  for (const candidate of [shopperLocale, shopLocale]) {
    const tag = canonicalTag(candidate);
    if (!tag) continue;
    const language = tag.split("-")[0]?.toLowerCase();
    if (isSupported(language)) return { language, formatLocale: tag };
  }
  return { language: FALLBACK_LANGUAGE, formatLocale: FALLBACK_LANGUAGE };
}

export function isSupported(language: string | undefined): language is Language {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(language ?? "");
}

/** "de_DE" -> "de-DE"; null when not a well-formed BCP 47 tag. */
function canonicalTag(raw: string | null | undefined): string | null {
  const trimmed = raw?.trim().replace(/_/g, "-");
  if (!trimmed) return null;
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? null;
  } catch {
    return null;
  }
}

/** The first zone Intl knows, else UTC. */
export function resolveTimeZone(...candidates: ReadonlyArray<string | null | undefined>): string {
  for (const zone of candidates) {
    if (!zone) continue;
    try {
      return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      // not an IANA zone Intl knows: try the next one
    }
  }
  return "UTC";
}
