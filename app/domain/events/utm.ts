/** UTM parameters (and the ad attributes merchants put beside them) parsed from a landing URL. */
export type Utm = {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  content: string | null;
  term: string | null;
};

export const NO_UTM: Utm = { source: null, medium: null, campaign: null, content: null, term: null };

/**
 * Shopify's `landing_site` is a path with a query string ("/products/x?utm_source=google"), and the
 * pixel gives full URLs; both parse here. Values are trimmed, lower-cased and length-capped,
 * because they come from ad links anyone can craft.
 */
export function parseUtm(landing: string | null | undefined): Utm {
  if (!landing) return NO_UTM;
  const queryStart = landing.indexOf("?");
  if (queryStart < 0) return NO_UTM;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(landing.slice(queryStart + 1).split("#")[0]);
  } catch {
    return NO_UTM;
  }
  const read = (key: string): string | null => {
    const value = params.get(key)?.trim().toLowerCase().slice(0, 120);
    return value ? value : null;
  };
  return {
    source: read("utm_source"),
    medium: read("utm_medium"),
    campaign: read("utm_campaign"),
    content: read("utm_content"),
    term: read("utm_term"),
  };
}
