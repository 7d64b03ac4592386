/**
 * Where the demo shoppers live. A US store sells mostly at home, then to Canada, the UK, the EU and
 * further away; the EU shoppers matter for later jurisdiction rules (consent, quiet hours), the
 * right-to-left locales for rendering. Each place's time zone is the one
 * app/domain/profiles/timeZoneFromAddress.ts derives from its country and province, so the app
 * and the ground truth agree about the shopper's clock.
 */
export type NamePool = "en" | "fr" | "de" | "nl" | "es" | "ja" | "he" | "ar";

export type Place = {
  city: string;
  provinceCode: string | null;
  province: string | null;
  zip: string | null;
  timeZone: string;
  /** Combined sales-tax rate the store charges there (0 for exports). */
  taxRate: number;
};

export type Region = {
  key: string;
  weight: number;
  locale: string;
  countryCode: string;
  country: string;
  phonePrefix: string;
  namePool: NamePool;
  inEu: boolean;
  southernHemisphere: boolean;
  places: readonly Place[];
};

const place = (city: string, provinceCode: string | null, province: string | null, zip: string | null, timeZone: string, taxRate = 0): Place => ({
  city, provinceCode, province, zip, timeZone, taxRate,
});

const region = (key: string, weight: number, locale: string, countryCode: string, country: string, phonePrefix: string, namePool: NamePool, places: readonly Place[], flags: { inEu?: boolean; southernHemisphere?: boolean } = {}): Region => ({
  key, weight, locale, countryCode, country, phonePrefix, namePool, places, inEu: flags.inEu ?? false, southernHemisphere: flags.southernHemisphere ?? false,
});

export const REGIONS: readonly Region[] = [
  region("us-east", 22, "en-US", "US", "United States", "+1", "en", [
    place("New York", "NY", "New York", "10001", "America/New_York", 0.08875),
    place("Boston", "MA", "Massachusetts", "02108", "America/New_York", 0.0625),
    place("Miami", "FL", "Florida", "33101", "America/New_York", 0.07),
    place("Atlanta", "GA", "Georgia", "30303", "America/New_York", 0.089),
    place("Philadelphia", "PA", "Pennsylvania", "19103", "America/New_York", 0.08),
    place("Charlotte", "NC", "North Carolina", "28202", "America/New_York", 0.0725),
  ]),
  region("us-central", 8, "en-US", "US", "United States", "+1", "en", [
    place("Austin", "TX", "Texas", "78701", "America/Chicago", 0.0825),
    place("Chicago", "IL", "Illinois", "60601", "America/Chicago", 0.1025),
    place("Minneapolis", "MN", "Minnesota", "55401", "America/Chicago", 0.08025),
    place("Denver", "CO", "Colorado", "80202", "America/Denver", 0.0881),
  ]),
  region("us-west", 14, "en-US", "US", "United States", "+1", "en", [
    place("Los Angeles", "CA", "California", "90012", "America/Los_Angeles", 0.095),
    place("San Francisco", "CA", "California", "94103", "America/Los_Angeles", 0.08625),
    place("Seattle", "WA", "Washington", "98101", "America/Los_Angeles", 0.1025),
    place("Portland", "OR", "Oregon", "97205", "America/Los_Angeles", 0),
    place("Phoenix", "AZ", "Arizona", "85004", "America/Phoenix", 0.086),
  ]),
  region("ca-en", 6, "en-CA", "CA", "Canada", "+1", "en", [
    place("Toronto", "ON", "Ontario", "M5V 2T6", "America/Toronto"),
    place("Vancouver", "BC", "British Columbia", "V6B 1A1", "America/Vancouver"),
    place("Calgary", "AB", "Alberta", "T2P 1J9", "America/Edmonton"),
  ]),
  region("ca-fr", 3, "fr-CA", "CA", "Canada", "+1", "fr", [
    place("Montréal", "QC", "Quebec", "H2Y 1C6", "America/Toronto"),
    place("Québec", "QC", "Quebec", "G1R 4P5", "America/Toronto"),
  ]),
  region("gb", 9, "en-GB", "GB", "United Kingdom", "+44", "en", [
    place("London", null, null, "SW1A 1AA", "Europe/London"),
    place("Manchester", null, null, "M1 1AE", "Europe/London"),
    place("Edinburgh", null, null, "EH1 1YZ", "Europe/London"),
  ]),
  region("de", 6, "de-DE", "DE", "Germany", "+49", "de", [
    place("Berlin", null, null, "10115", "Europe/Berlin"),
    place("München", null, null, "80331", "Europe/Berlin"),
    place("Hamburg", null, null, "20095", "Europe/Berlin"),
  ], { inEu: true }),
  region("fr", 5, "fr-FR", "FR", "France", "+33", "fr", [
    place("Paris", null, null, "75001", "Europe/Paris"),
    place("Lyon", null, null, "69001", "Europe/Paris"),
    place("Marseille", null, null, "13001", "Europe/Paris"),
  ], { inEu: true }),
  region("nl", 3, "nl-NL", "NL", "Netherlands", "+31", "nl", [
    place("Amsterdam", null, null, "1012 JS", "Europe/Amsterdam"),
    place("Rotterdam", null, null, "3011 AD", "Europe/Amsterdam"),
    place("Utrecht", null, null, "3511 LX", "Europe/Amsterdam"),
  ], { inEu: true }),
  region("es", 3, "es-ES", "ES", "Spain", "+34", "es", [
    place("Madrid", "M", "Madrid", "28013", "Europe/Madrid"),
    place("Barcelona", "B", "Barcelona", "08002", "Europe/Madrid"),
    place("Valencia", "V", "Valencia", "46001", "Europe/Madrid"),
  ], { inEu: true }),
  region("au", 6, "en-AU", "AU", "Australia", "+61", "en", [
    place("Sydney", "NSW", "New South Wales", "2000", "Australia/Sydney"),
    place("Melbourne", "VIC", "Victoria", "3000", "Australia/Melbourne"),
    place("Brisbane", "QLD", "Queensland", "4000", "Australia/Brisbane"),
    place("Perth", "WA", "Western Australia", "6000", "Australia/Perth"),
  ], { southernHemisphere: true }),
  region("jp", 4, "ja-JP", "JP", "Japan", "+81", "ja", [
    place("東京", "JP-13", "Tokyo", "100-0001", "Asia/Tokyo"),
    place("大阪", "JP-27", "Osaka", "530-0001", "Asia/Tokyo"),
  ]),
  region("il", 3, "he-IL", "IL", "Israel", "+972", "he", [
    place("תל אביב", null, null, "6100001", "Asia/Jerusalem"),
    place("ירושלים", null, null, "9100001", "Asia/Jerusalem"),
  ]),
  region("ae", 2, "ar-AE", "AE", "United Arab Emirates", "+971", "ar", [
    place("دبي", "DU", "Dubai", null, "Asia/Dubai"),
    place("أبو ظبي", "AZ", "Abu Dhabi", null, "Asia/Dubai"),
  ]),
  region("eg", 1, "ar-EG", "EG", "Egypt", "+20", "ar", [place("القاهرة", "C", "Cairo", "11511", "Africa/Cairo")]),
];
