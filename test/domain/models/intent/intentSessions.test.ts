import { describe, expect, it } from "vitest";
import { intentSessions, type IntentEventFact } from "~/domain/models/intent/intentSessions";

const T0 = Date.parse("2026-03-02T10:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const DAY_MINUTES = 24 * 60;

function event(clientId: string, minutes: number, name: string, extra: Partial<IntentEventFact> = {}): IntentEventFact {
  return { clientId, visitorId: extra.visitorId ?? clientId, name, occurredAt: at(minutes), url: `https://shop.example/p/${minutes}`, referrer: null, productId: null, utmSource: null, utmMedium: null, utmCampaign: null, ...extra };
}

describe("intentSessions", () => {
  it("counts a session's behaviour up to checkout, and marks it converted when checkout completes", () => {
    const [session] = intentSessions([
      event("a", 0, "page_viewed", { url: "https://shop.example/?utm_source=newsletter", utmSource: "newsletter", utmMedium: "email" }),
      event("a", 1, "product_viewed", { url: "https://shop.example/products/serum" }),
      event("a", 2, "page_viewed", { url: "https://shop.example/products/serum?variant=2" }),
      event("a", 3, "product_added_to_cart", { url: "https://shop.example/products/serum" }),
      event("a", 4, "checkout_started", { url: "https://shop.example/checkouts/1" }),
      event("a", 5, "page_viewed", { url: "https://shop.example/checkouts/1/thank-you" }),
      event("a", 6, "checkout_completed", { url: "https://shop.example/checkouts/1/thank-you" }),
    ]);
    expect(session).toMatchObject({
      visitorId: "a",
      converted: true,
      signals: { pageViews: 2, sessionDepth: 2, productViews: 1, addToCarts: 1, returnVisits: 0, daysSinceLastVisit: null, trafficSource: "email" },
    });
  });

  it.each([
    {
      name: "a gap of 30 minutes starts a new session; return visits and days since the last visit follow the visitor",
      events: [event("a", 0, "page_viewed"), event("a", 29, "page_viewed"), event("a", 59, "page_viewed"), event("a", 2 * DAY_MINUTES, "page_viewed")],
      expected: [
        { returnVisits: 0, daysSinceLastVisit: null, pageViews: 2 },
        { returnVisits: 1, daysSinceLastVisit: 0, pageViews: 1 },
        { returnVisits: 2, daysSinceLastVisit: 2, pageViews: 1 },
      ],
    },
    {
      name: "visits over 30 days back are not return visits, but still date the last visit",
      events: [event("a", 0, "page_viewed"), event("a", 40 * DAY_MINUTES, "page_viewed")],
      expected: [
        { returnVisits: 0, daysSinceLastVisit: null },
        { returnVisits: 0, daysSinceLastVisit: 40 },
      ],
    },
    {
      name: "two browsers linked to one customer are one visitor",
      events: [event("phone", 0, "page_viewed", { visitorId: "cust-1" }), event("laptop", DAY_MINUTES, "page_viewed", { visitorId: "cust-1" }), event("stranger", DAY_MINUTES + 5, "page_viewed")],
      expected: [
        { returnVisits: 0, daysSinceLastVisit: null },
        { returnVisits: 1, daysSinceLastVisit: 1 },
        { returnVisits: 0, daysSinceLastVisit: null },
      ],
    },
  ])("$name", ({ events, expected }) => {
    expect(intentSessions(events).map((session) => session.signals)).toMatchObject(expected);
  });

  it("takes events in any order", () => {
    const events = [event("a", 0, "page_viewed"), event("a", 5, "product_viewed"), event("b", 1, "page_viewed"), event("a", 90, "page_viewed")];
    expect(intentSessions([...events].reverse())).toEqual(intentSessions(events));
  });
});
