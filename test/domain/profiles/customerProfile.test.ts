import { describe, expect, it } from "vitest";
import { DEFAULT_SHOP_SETTINGS } from "~/domain/shop/shopSettings";
import { buildCustomerProfile, type ProfileInput } from "~/domain/profiles/customerProfile";

const d = (n: number, hours = 0) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000 + hours * 3_600_000);
const NOW = d(100);
const noUtm = { utmSource: null, utmMedium: null, utmCampaign: null };

function input(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    customer: {
      id: "7",
      email: "ana@example.com",
      firstName: "Ana",
      lastName: "Lima",
      phone: null,
      locale: null,
      timeZone: null,
      countryCode: "PT",
      provinceCode: null,
      tags: '["vip"]',
      state: "enabled",
      emailMarketingState: "SUBSCRIBED",
      emailMarketingOptInLevel: "SINGLE_OPT_IN",
      emailConsentUpdatedAt: d(5),
      shopifyCreatedAt: d(0),
      redactedAt: null,
      deletedAt: null,
    },
    shop: { ianaTimezone: "Europe/Lisbon", currencyCode: "EUR" },
    settings: DEFAULT_SHOP_SETTINGS,
    orders: [
      {
        id: "o1",
        name: "#1001",
        processedAt: d(10),
        cancelledAt: null,
        financialStatus: "paid",
        currencyCode: "EUR",
        totalMinor: 3000,
        discountMinor: 0,
        discountCodes: '["WELCOME"]',
        customerLocale: "pt-PT",
        utmSource: "google",
        utmMedium: "cpc",
        utmCampaign: "spring",
        lineItems: [{ id: "l1", productId: "p1", title: "Cleanser", quantity: 1, priceMinor: 3000, discountMinor: 0, categoryPath: "Skin care > Cleansers" }],
      },
      {
        id: "o2",
        name: "#1002",
        processedAt: d(40),
        cancelledAt: null,
        financialStatus: "paid",
        currencyCode: "EUR",
        totalMinor: 5000,
        discountMinor: 0,
        discountCodes: "[]",
        customerLocale: null,
        ...noUtm,
        lineItems: [{ id: "l2", productId: "p1", title: "Cleanser", quantity: 2, priceMinor: 2500, discountMinor: 0, categoryPath: "Skin care > Cleansers" }],
      },
      {
        id: "o3",
        name: "#1003",
        processedAt: d(45),
        cancelledAt: d(46),
        financialStatus: "refunded",
        currencyCode: "EUR",
        totalMinor: 9900,
        discountMinor: 0,
        discountCodes: "[]",
        customerLocale: null,
        ...noUtm,
        lineItems: [{ id: "l3", productId: "p9", title: "Candle", quantity: 1, priceMinor: 9900, discountMinor: 0, categoryPath: "Home > Candles" }],
      },
    ],
    categories: [{ path: "Skin care > Cleansers", depletionDays: null, suggestedDepletionDays: 30 }],
    carts: [
      { token: "c-open", totalMinor: 1200, currencyCode: "EUR", lineItems: '[{"productId":"p2","variantId":"v2","title":"Toner","quantity":1,"priceMinor":1200}]', shopifyCreatedAt: d(99, 23), sourceUpdatedAt: d(99, 23.5), convertedAt: null },
      { token: "c-old", totalMinor: 800, currencyCode: null, lineItems: "not json", shopifyCreatedAt: d(60), sourceUpdatedAt: d(60), convertedAt: null },
    ],
    checkouts: [
      { token: "k1", cartToken: "c-old", totalMinor: 800, currencyCode: "EUR", lineItems: "[]", shopifyCreatedAt: d(60), sourceUpdatedAt: d(60, 1), completedAt: null, utmSource: "newsletter", utmMedium: "email", utmCampaign: null },
    ],
    browseEvents: [
      { clientId: "b1", name: "page_viewed", occurredAt: d(90), url: "/?utm_source=newsletter", referrer: null, productId: null, utmSource: "newsletter", utmMedium: "email", utmCampaign: null },
      { clientId: "b1", name: "product_viewed", occurredAt: d(90, 0.1), url: "/products/toner", referrer: null, productId: "p2", ...noUtm },
      { clientId: "b1", name: "product_added_to_cart", occurredAt: d(90, 0.2), url: "/products/toner", referrer: null, productId: "p2", ...noUtm },
    ],
    pixelClients: [{ clientId: "b1", firstSeenAt: d(90), lastSeenAt: d(90), linkedAt: d(90) }],
    loyaltyEntries: [
      { id: "o1:earn", kind: "earn", points: 30, occurredAt: d(10), expiresAt: d(375), orderId: "o1" },
      { id: "o2:earn", kind: "earn", points: 50, occurredAt: d(40), expiresAt: d(405), orderId: "o2" },
    ],
    ...overrides,
  };
}

describe("buildCustomerProfile", () => {
  const profile = buildCustomerProfile(input(), NOW);

  it("identity, consent and where the zone and locale come from", () => {
    expect(profile.identity).toMatchObject({ id: "7", displayName: "Ana Lima", tags: ["vip"], countryCode: "PT" });
    expect(profile.consent).toEqual({ state: "SUBSCRIBED", optInLevel: "SINGLE_OPT_IN", changedAt: d(5), canEmail: true });
    expect(profile.zone).toEqual({ timeZone: "Europe/Lisbon", timeZoneSource: "shop", locale: "pt-PT", localeSource: "order" });
  });

  it("orders: cancelled ones listed but not counted as spend", () => {
    expect(profile.orders).toMatchObject({ count: 2, cancelled: 1, spentMinor: 8000, averageOrderMinor: 4000, currencyCode: "EUR", firstAt: d(10), lastAt: d(40) });
    expect(profile.orders.list.map((o) => [o.id, o.discountCodes])).toEqual([["o3", []], ["o2", []], ["o1", ["WELCOME"]]]);
  });

  it("per-category history with the run-out date from the suggested timeline", () => {
    expect(profile.categories).toHaveLength(1);
    expect(profile.categories[0]).toMatchObject({ categoryPath: "Skin care > Cleansers", orders: 2, quantity: 3, intervalsDays: [30], categoryDepletionDays: 30, runOutBasis: "category-timeline", runOutAt: d(100) });
  });

  it("loyalty, traffic sources, baskets and browsing", () => {
    expect(profile.loyalty).toMatchObject({ balance: 80, earned: 80, nextExpiry: { points: 30, at: d(375) } });
    expect(profile.traffic.sources.map((s) => [s.source, s.orders, s.checkouts, s.visits])).toEqual([
      ["newsletter", 0, 1, 1],
      [null, 2, 0, 0],
      ["google", 1, 0, 0],
    ]);
    expect(profile.baskets.list.map((b) => [b.kind, b.token, b.state])).toEqual([
      ["cart", "c-open", "open"],
      ["checkout", "k1", "abandoned"],
      ["cart", "c-old", "abandoned"],
    ]);
    expect(profile.baskets).toMatchObject({ openCarts: 1, abandonedCarts: 1, abandonedCheckouts: 1 });
    expect(profile.baskets.list[0]?.lines).toEqual([{ productId: "p2", variantId: "v2", title: "Toner", quantity: 1, priceMinor: 1200 }]);
    expect(profile.baskets.list[2]).toMatchObject({ lines: [], currencyCode: "EUR" });
    expect(profile.browsing).toMatchObject({ sessions: 1, productViews: 1, addToCarts: 1, lastVisitAt: d(90, 0.2), linkedClients: [{ clientId: "b1" }] });
    expect(profile.browsing.recentSessions[0]?.utm.source).toBe("newsletter");
  });

  it("a redacted customer's profile shows the tombstone and cannot be emailed", () => {
    const redacted = buildCustomerProfile(
      input({ customer: { ...input().customer, email: null, firstName: null, lastName: null, emailMarketingState: "REDACTED", redactedAt: d(99) } }),
      NOW,
    );
    expect(redacted.identity.displayName).toBe("Redacted customer 7");
    expect(redacted.consent.canEmail).toBe(false);
  });
});
