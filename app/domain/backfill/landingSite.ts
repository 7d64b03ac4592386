import type { GqlJourney, GqlUtmParameters, GqlVisit } from "./bulkObjects";

/**
 * An order's `landing_site` and `referring_site` as the REST webhook carries them, rebuilt from
 * GraphQL's customerJourneySummary.
 *
 * Which visit: the **last** one, falling back to the first. REST's `landing_site` is the landing
 * page of the session the order was placed in, which is what `lastVisit` ("the last session before
 * an order is made") describes; taking it keeps backfilled orders attributed the way live
 * `orders/create` webhooks attribute them, so the profile's traffic sources do not shift at the
 * seam between history and live data. `firstVisit` is used when Shopify recorded only one session.
 *
 * Form: REST gives a path with its query ("/products/x?utm_source=google"); GraphQL gives an
 * absolute URL. The origin is dropped so both sources store the same form; the query is kept.
 * UTM parameters Shopify attributed to the visit but that the landing URL lacks (redirects and
 * link shorteners strip them) are appended, so `parseUtm(landing_site)` finds them.
 */
export function landingFromJourney(journey: GqlJourney | null): { landingSite: string | null; referringSite: string | null } {
  const visit = chooseVisit(journey);
  if (!visit) return { landingSite: null, referringSite: null };
  return { landingSite: landingSite(visit), referringSite: visit.referrerUrl };
}

function chooseVisit(journey: GqlJourney | null): GqlVisit | null {
  return journey?.lastVisit ?? journey?.firstVisit ?? null;
}

const UTM_KEYS: ReadonlyArray<[keyof GqlUtmParameters, string]> = [
  ["source", "utm_source"],
  ["medium", "utm_medium"],
  ["campaign", "utm_campaign"],
  ["content", "utm_content"],
  ["term", "utm_term"],
];

function landingSite(visit: GqlVisit): string | null {
  const page = visit.landingPage?.trim() ? pathOf(visit.landingPage.trim()) : null;
  const missing = missingUtm(page, visit.utmParameters);
  if (missing.length === 0) return page;
  // No landing page but attributed UTM: keep the attribution on the shop's root.
  return appendQuery(page ?? "/", missing.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join("&"));
}

/** Path, query and fragment of an absolute URL; anything that is not one is kept as it is. */
export function pathOf(url: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return url;
  }
}

function missingUtm(page: string | null, utm: GqlUtmParameters | null): Array<[string, string]> {
  if (!utm) return [];
  const present = queryKeys(page);
  const missing: Array<[string, string]> = [];
  for (const [field, key] of UTM_KEYS) {
    const value = utm[field]?.trim();
    if (value && !present.has(key)) missing.push([key, value]);
  }
  return missing;
}

function queryKeys(page: string | null): Set<string> {
  if (!page) return new Set();
  const start = page.indexOf("?");
  if (start < 0) return new Set();
  const query = page.slice(start + 1).split("#")[0] ?? "";
  try {
    return new Set([...new URLSearchParams(query).keys()].map((key) => key.toLowerCase()));
  } catch {
    return new Set();
  }
}

function appendQuery(page: string, query: string): string {
  const hashAt = page.indexOf("#");
  const [base, hash] = hashAt < 0 ? [page, ""] : [page.slice(0, hashAt), page.slice(hashAt)];
  const separator = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return `${base}${separator}${query}${hash}`;
}
