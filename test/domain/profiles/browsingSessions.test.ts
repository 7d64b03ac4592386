import { describe, expect, it } from "vitest";
import { sessionise, summariseBrowsing, type BrowseEventFact } from "~/domain/profiles/browsingSessions";

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
const NOW = new Date(T0 + 40 * 86_400_000);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function ev(clientId: string, minutes: number, name = "page_viewed", extra: Partial<BrowseEventFact> = {}): BrowseEventFact {
  return { clientId, name, occurredAt: at(minutes), url: `https://shop.example/p${minutes}`, referrer: null, productId: null, utmSource: null, utmMedium: null, utmCampaign: null, ...extra };
}

describe("sessionise (30-minute gap, per browser)", () => {
  it.each([
    { name: "no events", events: [], sessions: [] },
    { name: "one event is one session of depth 1", events: [ev("a", 0)], sessions: [{ start: 0, end: 0, events: 1, depth: 1 }] },
    { name: "a 29-minute gap continues the session", events: [ev("a", 0), ev("a", 29)], sessions: [{ start: 0, end: 29, events: 2, depth: 2 }] },
    { name: "a 30-minute gap starts a new one", events: [ev("a", 0), ev("a", 30)], sessions: [{ start: 0, end: 0, events: 1, depth: 1 }, { start: 30, end: 30, events: 1, depth: 1 }] },
    { name: "gaps are measured from the last event, not the first", events: [ev("a", 0), ev("a", 25), ev("a", 50), ev("a", 75)], sessions: [{ start: 0, end: 75, events: 4, depth: 4 }] },
    { name: "unsorted input", events: [ev("a", 50), ev("a", 0), ev("a", 25)], sessions: [{ start: 0, end: 50, events: 3, depth: 3 }] },
    {
      name: "two browsers at once are two sessions",
      events: [ev("a", 0), ev("b", 1), ev("a", 2), ev("b", 3)],
      sessions: [{ start: 0, end: 2, events: 2, depth: 2 }, { start: 1, end: 3, events: 2, depth: 2 }],
    },
    {
      name: "depth counts page views, not the events beside them",
      events: [ev("a", 0), ev("a", 0, "product_viewed"), ev("a", 1, "product_added_to_cart"), ev("a", 2)],
      sessions: [{ start: 0, end: 2, events: 4, depth: 2 }],
    },
    {
      name: "without page views, depth is the distinct URLs",
      events: [ev("a", 0, "product_viewed", { url: "u1" }), ev("a", 1, "product_viewed", { url: "u2" }), ev("a", 2, "product_added_to_cart", { url: "u2" })],
      sessions: [{ start: 0, end: 2, events: 3, depth: 2 }],
    },
  ])("$name", ({ events, sessions }) => {
    expect(sessionise(events).map((s) => ({ start: (s.startedAt.getTime() - T0) / 60_000, end: (s.endedAt.getTime() - T0) / 60_000, events: s.events, depth: s.depth }))).toEqual(sessions);
  });

  it("a session's source is the first UTM-tagged event in it", () => {
    const [session] = sessionise([ev("a", 0), ev("a", 1, "page_viewed", { utmSource: "google", utmMedium: "cpc", utmCampaign: "spring" }), ev("a", 2, "page_viewed", { utmSource: "other" })]);
    expect(session?.utm).toEqual({ source: "google", medium: "cpc", campaign: "spring" });
  });
});

describe("summariseBrowsing", () => {
  it("counts sessions, depth, product views, add-to-carts, return visits and the last visit", () => {
    const day = 24 * 60;
    const events = [
      ev("a", 0),
      ev("a", 1, "product_viewed", { productId: "p1" }),
      ev("a", 2, "product_added_to_cart", { productId: "p1" }),
      ev("a", 3),
      ev("a", 10 * day),
      ev("a", 10 * day + 1, "product_viewed", { productId: "p2" }),
      ev("b", 20 * day, "product_viewed", { productId: "p1" }),
      ev("b", 20 * day + 1, "search_submitted"),
      ev("b", 20 * day + 2, "checkout_started"),
      ev("b", 50 * day), // after now: not counted
    ];
    expect(summariseBrowsing(events, NOW)).toEqual({
      sessions: 3,
      clients: 2,
      meanDepth: 2, // (2 page views + 1 page view + 3 distinct URLs without page views) / 3
      productViews: 3,
      distinctProductsViewed: 2,
      addToCarts: 1,
      searches: 1,
      checkoutsStarted: 1,
      firstVisitAt: at(0),
      lastVisitAt: at(20 * day + 2),
      daysSinceLastVisit: 20,
      meanDaysBetweenVisits: 10,
      sessionsLast30Days: 1, // the day-10 session started exactly 30 days before now
      topProducts: [
        { productId: "p1", views: 2 },
        { productId: "p2", views: 1 },
      ],
    });
  });

  it("an empty history has no averages", () => {
    expect(summariseBrowsing([], NOW)).toMatchObject({ sessions: 0, meanDepth: null, lastVisitAt: null, daysSinceLastVisit: null, meanDaysBetweenVisits: null, topProducts: [] });
  });
});
