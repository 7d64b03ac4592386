import { describe, expect, it } from "vitest";
import { parseUtm } from "~/domain/events/utm";
import { DAY, NOW, sampleStore } from "./support/demoStore";

const { store, histories } = sampleStore(1500);
const anonymous = [...store.anonymousVisitors()];
const sessions = [...histories.flatMap((h) => h.sessions), ...anonymous.flatMap((a) => a.sessions)];
const windowStart = NOW.getTime() - store.options.browseDays * DAY;

describe("browsing sessions", () => {
  it("orders each session's events in time and sequence, starting with a page view", () => {
    for (const session of sessions) {
      const times = session.events.map((e) => Date.parse(e.timestamp));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(session.events.map((e) => e.seq)).toEqual(session.events.map((_, i) => i));
      expect(session.events[0]?.name).toBe("page_viewed");
      expect(session.events.every((e) => e.clientId === session.clientId)).toBe(true);
      expect(times[0]).toBeGreaterThanOrEqual(windowStart - DAY);
      expect(times.at(-1)).toBeLessThanOrEqual(NOW.getTime());
      // Seconds to minutes apart, never days.
      expect(((times.at(-1) ?? 0) - (times[0] ?? 0)) / 3_600_000).toBeLessThan(3);
    }
  });

  it("ends purchase sessions with checkout_completed for that order", () => {
    let completions = 0;
    for (const h of histories) {
      for (const event of h.sessions.flatMap((s) => s.events)) {
        if (event.name !== "checkout_completed") continue;
        completions++;
        const order = h.orders.find((o) => o.checkout_token === event.data.checkout.token);
        expect(String(order?.id)).toBe(event.data.checkout.order?.id);
        // REST times drop the milliseconds; the thank-you page fires a moment after the order exists.
        expect(Math.abs(Date.parse(event.timestamp) - Date.parse(order?.created_at ?? ""))).toBeLessThan(2000);
        expect(event.data.checkout.totalPrice.amount).toBeCloseTo(Number(order?.total_price), 2);
      }
    }
    expect(completions).toBeGreaterThan(100);
  });

  it("lands the first page of a purchase session on the order's landing site", () => {
    for (const h of histories) {
      for (const session of h.sessions) {
        const completed = session.events.find((e) => e.name === "checkout_completed");
        if (!completed || completed.name !== "checkout_completed") continue;
        const order = h.orders.find((o) => o.checkout_token === completed.data.checkout.token);
        const first = session.events[0]?.context.document.location;
        expect(`${first?.pathname}${first?.search}`).toBe(order?.landing_site);
      }
    }
  });

  it("tags some landing pages with UTM campaigns and leaves others organic", () => {
    const landings = sessions.map((s) => s.events[0]?.context.document.location.href ?? "");
    const withCampaign = landings.filter((href) => parseUtm(href).campaign !== null).length / landings.length;
    expect(withCampaign).toBeGreaterThan(0.1);
    expect(withCampaign).toBeLessThan(0.7);
  });

  it("names the customer only in logged-in sessions of customers with accounts", () => {
    const loggedIn = histories.flatMap((h) => h.sessions.filter((s) => s.customerId !== null).map((s) => ({ s, h })));
    expect(loggedIn.length).toBeGreaterThan(50);
    expect(loggedIn.length).toBeLessThan(histories.flatMap((h) => h.sessions).length * 0.5);
    for (const { s, h } of loggedIn) {
      expect(s.customerId).toBe(String(h.customer.id));
      expect(h.customer.state).toBe("enabled");
    }
    expect(anonymous.flatMap((a) => a.sessions).every((s) => s.customerId === null)).toBe(true);
  });

  it("uses a few browsers per customer, each its own client id", () => {
    const perCustomer = histories.map((h) => new Set(h.sessions.map((s) => s.clientId)).size);
    expect(Math.max(...perCustomer)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...perCustomer)).toBeLessThanOrEqual(3);
  });

  it("makes active customers browse far more than those who stopped buying", () => {
    const mean = (status: string) => {
      const group = histories.filter((h) => h.truth.status === status);
      return group.reduce((sum, h) => sum + h.sessions.length, 0) / group.length;
    };
    expect(mean("active")).toBeGreaterThan(4 * mean("dropped_out"));
    expect(mean("active")).toBeGreaterThan(4 * mean("lapsed"));
  });

  it("brings customers whose supply runs out back to the store shortly before now", () => {
    const recentSessions = (h: (typeof histories)[number]) => h.sessions.filter((s) => NOW.getTime() - Date.parse(s.events[0]?.timestamp ?? "") < 10 * DAY).length;
    const due = histories.filter((h) => h.truth.categories.some((c) => c.nextDueAt && Math.abs(c.nextDueAt.getTime() - NOW.getTime()) < 7 * DAY));
    const notDue = histories.filter((h) => h.truth.status === "active" && !due.includes(h));
    const mean = (group: typeof histories) => group.reduce((sum, h) => sum + recentSessions(h), 0) / group.length;
    expect(due.length).toBeGreaterThan(50);
    expect(mean(due)).toBeGreaterThan(1.5 * mean(notDue));
  });
});
