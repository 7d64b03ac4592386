import { describe, expect, it } from "vitest";
import { trafficChannel } from "~/domain/models/intent/trafficChannel";

const LANDING = "https://shop.example/products/serum";

describe("trafficChannel", () => {
  it.each([
    { utmSource: "newsletter", utmMedium: "email", referrer: null, expected: "email" },
    { utmSource: "klaviyo", utmMedium: null, referrer: null, expected: "email" },
    { utmSource: "google", utmMedium: "cpc", referrer: "https://www.google.com/", expected: "paid-search" },
    { utmSource: "instagram", utmMedium: "paid_social", referrer: "https://l.instagram.com/", expected: "paid-social" },
    { utmSource: "facebook", utmMedium: "cpc", referrer: null, expected: "paid-social" },
    { utmSource: "instagram", utmMedium: "social", referrer: "https://l.instagram.com/", expected: "organic-social" },
    { utmSource: null, utmMedium: null, referrer: "https://www.google.com/search?q=serum", expected: "organic-search" },
    { utmSource: null, utmMedium: null, referrer: "https://duckduckgo.com/", expected: "organic-search" },
    { utmSource: null, utmMedium: null, referrer: "https://www.reddit.com/r/skincare", expected: "organic-social" },
    { utmSource: null, utmMedium: null, referrer: "https://www.wellness-journal.example/best-of", expected: "referral" },
    { utmSource: "partner-blog", utmMedium: "affiliate", referrer: null, expected: "referral" },
    { utmSource: null, utmMedium: null, referrer: "https://shop.example/collections/all", expected: "direct" },
    { utmSource: null, utmMedium: null, referrer: "not a url", expected: "direct" },
    { utmSource: null, utmMedium: null, referrer: null, expected: "direct" },
  ])("$utmSource / $utmMedium / $referrer -> $expected", ({ expected, ...visit }) => {
    expect(trafficChannel({ ...visit, landingUrl: LANDING })).toBe(expected);
  });
});
