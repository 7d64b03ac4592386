/**
 * Shopify's customer record has no time zone, yet quiet hours must hold in the shopper's own.
 * The pixel reports the browser's zone when it can; until then the default address decides:
 * single-zone countries map directly, and the large multi-zone ones by province or state.
 */
const COUNTRY_ZONE: Record<string, string> = {
  GB: "Europe/London", IE: "Europe/Dublin", PT: "Europe/Lisbon", ES: "Europe/Madrid", FR: "Europe/Paris",
  BE: "Europe/Brussels", NL: "Europe/Amsterdam", LU: "Europe/Luxembourg", DE: "Europe/Berlin", AT: "Europe/Vienna",
  CH: "Europe/Zurich", IT: "Europe/Rome", DK: "Europe/Copenhagen", SE: "Europe/Stockholm", NO: "Europe/Oslo",
  FI: "Europe/Helsinki", PL: "Europe/Warsaw", CZ: "Europe/Prague", GR: "Europe/Athens", IL: "Asia/Jerusalem",
  AE: "Asia/Dubai", SA: "Asia/Riyadh", EG: "Africa/Cairo", ZA: "Africa/Johannesburg", IN: "Asia/Kolkata",
  SG: "Asia/Singapore", JP: "Asia/Tokyo", KR: "Asia/Seoul", HK: "Asia/Hong_Kong", NZ: "Pacific/Auckland",
};

const US_STATE_ZONE: Record<string, string> = {
  CA: "America/Los_Angeles", WA: "America/Los_Angeles", OR: "America/Los_Angeles", NV: "America/Los_Angeles",
  AZ: "America/Phoenix", CO: "America/Denver", UT: "America/Denver", NM: "America/Denver", MT: "America/Denver",
  WY: "America/Denver", ID: "America/Boise", TX: "America/Chicago", IL: "America/Chicago", MN: "America/Chicago",
  WI: "America/Chicago", MO: "America/Chicago", LA: "America/Chicago", OK: "America/Chicago", KS: "America/Chicago",
  NE: "America/Chicago", IA: "America/Chicago", AR: "America/Chicago", MS: "America/Chicago", AL: "America/Chicago",
  TN: "America/Chicago", ND: "America/Chicago", SD: "America/Chicago", AK: "America/Anchorage", HI: "Pacific/Honolulu",
};

const CA_PROVINCE_ZONE: Record<string, string> = {
  BC: "America/Vancouver", AB: "America/Edmonton", SK: "America/Regina", MB: "America/Winnipeg",
  ON: "America/Toronto", QC: "America/Toronto", NB: "America/Halifax", NS: "America/Halifax",
  PE: "America/Halifax", NL: "America/St_Johns",
};

const AU_STATE_ZONE: Record<string, string> = {
  NSW: "Australia/Sydney", ACT: "Australia/Sydney", VIC: "Australia/Melbourne", TAS: "Australia/Hobart",
  QLD: "Australia/Brisbane", SA: "Australia/Adelaide", NT: "Australia/Darwin", WA: "Australia/Perth",
};

export function timeZoneFromAddress(countryCode: string | null, provinceCode: string | null): string | null {
  if (!countryCode) return null;
  const country = countryCode.toUpperCase();
  const province = provinceCode?.toUpperCase() ?? "";
  if (country === "US") return US_STATE_ZONE[province] ?? "America/New_York";
  if (country === "CA") return CA_PROVINCE_ZONE[province] ?? "America/Toronto";
  if (country === "AU") return AU_STATE_ZONE[province] ?? "Australia/Sydney";
  return COUNTRY_ZONE[country] ?? null;
}
