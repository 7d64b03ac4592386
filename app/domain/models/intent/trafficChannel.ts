/**
 * The channel a visit came through, from its UTM tags and referrer, in the buckets marketers
 * use: email, paid search, paid social, organic search, organic social, other referral, direct.
 * Tags win over the referrer (an email click often has no referrer; a paid social click carries
 * the social network's). A referrer on the store's own host is not a referral.
 */
export const TRAFFIC_CHANNELS = ["direct", "email", "paid-search", "paid-social", "organic-search", "organic-social", "referral"] as const;
export type TrafficChannel = (typeof TRAFFIC_CHANNELS)[number];

const SEARCH_HOSTS = /(^|\.)(google|bing|duckduckgo|yahoo|ecosia|baidu|yandex|startpage|qwant|brave)\./;
const SOCIAL_HOSTS = /(^|\.)(facebook|instagram|t\.co|twitter|x\.com|tiktok|pinterest|linkedin|youtube|reddit|snapchat|threads)(\.|$)/;
const SOCIAL_SOURCES = /^(facebook|fb|instagram|ig|twitter|x|tiktok|pinterest|linkedin|youtube|reddit|snapchat|threads|meta)$/;
const EMAIL = /^(e-?mail|newsletter|klaviyo|mailchimp|omnisend|sms)$/;
const PAID = /^(cpc|ppc|paid|paid[_-]?search|paid[_-]?social|social[_-]?paid|cpm|display|sem|ads?|retargeting)$/;

export type VisitOrigin = { utmSource: string | null; utmMedium: string | null; referrer: string | null; landingUrl: string | null };

export function trafficChannel(visit: VisitOrigin): TrafficChannel {
  const source = visit.utmSource?.trim().toLowerCase() ?? "";
  const medium = visit.utmMedium?.trim().toLowerCase() ?? "";
  const referrerHost = externalHost(visit.referrer, visit.landingUrl);
  const socialish = SOCIAL_SOURCES.test(source) || medium.includes("social") || (referrerHost !== null && SOCIAL_HOSTS.test(referrerHost));
  if (EMAIL.test(medium) || EMAIL.test(source)) return "email";
  if (PAID.test(medium)) return socialish ? "paid-social" : "paid-search";
  if (medium.includes("social") || SOCIAL_SOURCES.test(source)) return "organic-social";
  if (medium === "organic") return "organic-search";
  if (referrerHost !== null) return SEARCH_HOSTS.test(referrerHost) ? "organic-search" : SOCIAL_HOSTS.test(referrerHost) ? "organic-social" : "referral";
  return source || medium ? "referral" : "direct";
}

function externalHost(referrer: string | null, landingUrl: string | null): string | null {
  const host = hostOf(referrer);
  if (!host) return null;
  return host === hostOf(landingUrl) ? null : host;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}
