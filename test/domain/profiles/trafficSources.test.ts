import { describe, expect, it } from "vitest";
import { summariseTrafficSources, type TouchPoint } from "~/domain/profiles/trafficSources";

const d = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
const tp = (kind: TouchPoint["kind"], day: number, source: string | null, medium: string | null = null, campaign: string | null = null): TouchPoint => ({
  kind,
  at: d(day),
  source,
  medium,
  campaign,
});

describe("summariseTrafficSources", () => {
  it("groups orders, checkouts and visits by source, medium and campaign, busiest first (ties: most recent first)", () => {
    const summary = summariseTrafficSources([
      tp("visit", 1, "google", "cpc", "spring"),
      tp("checkout", 2, "google", "cpc", "spring"),
      tp("order", 2, "google", "cpc", "spring"),
      tp("visit", 5, null),
      tp("visit", 9, "newsletter", "email", "may"),
      tp("order", 9, "newsletter", "email", "may"),
      tp("visit", 12, null),
      tp("visit", 14, null),
    ]);
    expect(summary.sources).toEqual([
      { source: null, medium: null, campaign: null, orders: 0, checkouts: 0, visits: 3, firstAt: d(5), lastAt: d(14) },
      { source: "google", medium: "cpc", campaign: "spring", orders: 1, checkouts: 1, visits: 1, firstAt: d(1), lastAt: d(2) },
      { source: "newsletter", medium: "email", campaign: "may", orders: 1, checkouts: 0, visits: 1, firstAt: d(9), lastAt: d(9) },
    ]);
    expect(summary.firstTouch).toMatchObject({ source: "google", at: d(1) });
    expect(summary.lastTouch).toMatchObject({ source: "newsletter", at: d(9) });
  });

  it.each([
    { name: "nothing", points: [], first: null, last: null },
    { name: "only untagged visits", points: [tp("visit", 1, null)], first: null, last: null },
  ])("first and last touch of $name are null", ({ points, first, last }) => {
    const summary = summariseTrafficSources(points);
    expect(summary.firstTouch).toBe(first);
    expect(summary.lastTouch).toBe(last);
  });
});
