import { describe, expect, it } from "vitest";
import type { ShopperSnapshot } from "~/domain/agents/contract";
import { checkSuppression, DEFAULT_POLICY, suppressionFactsFromSnapshot, type CandidateSend, type SuppressionFacts } from "~/domain/governance/policy";
import { at, policy } from "./policyFixtures";

// 12:00 UTC is 14:00 in Berlin (CEST): outside the default quiet hours (21:00-08:00).
const NOW = at("2026-06-10T12:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const later = (ms: number) => new Date(NOW.getTime() + ms);

function facts(overrides: Partial<SuppressionFacts> = {}): SuppressionFacts {
  return {
    emailMarketingState: "SUBSCRIBED",
    hasEmail: true,
    suppressed: null,
    timeZone: "Europe/Berlin",
    lastOrderAt: ago(30 * DAY),
    lastComplaintAt: null,
    lastBounceAt: null,
    messageTimes: [],
    ...overrides,
  };
}

const send = (overrides: Partial<CandidateSend> = {}): CandidateSend => ({ agent: "replenishment", sendAt: NOW, ...overrides });

describe("checkSuppression: what blocks a message", () => {
  it.each([
    { name: "a subscribed shopper, nothing recent", f: {}, c: {}, blocks: [] as string[] },
    { name: "not subscribed", f: { emailMarketingState: "NOT_SUBSCRIBED" }, c: {}, blocks: ["suppression.consent"] },
    { name: "pending double opt-in is not consent", f: { emailMarketingState: "PENDING" }, c: {}, blocks: ["suppression.consent"] },
    { name: "no email address", f: { hasEmail: false }, c: {}, blocks: ["suppression.consent"] },
    { name: "suppressed (hard bounce)", f: { suppressed: { reason: "hard-bounce" } }, c: {}, blocks: ["suppression.suppressed"] },
    { name: "ordered 10 hours ago", f: { lastOrderAt: ago(10 * HOUR) }, c: {}, blocks: ["suppression.recent-purchase"] },
    { name: "ordered 10 hours ago, post-purchase agent (about the order)", f: { lastOrderAt: ago(10 * HOUR) }, c: { agent: "post-purchase" as const }, blocks: [] },
    { name: "ordered 10 hours ago, message lands 40 hours later (50 after)", f: { lastOrderAt: ago(10 * HOUR) }, c: { sendAt: later(40 * HOUR) }, blocks: [] },
    { name: "ordered 47 hours 59 minutes ago", f: { lastOrderAt: ago(48 * HOUR - 60_000) }, c: {}, blocks: ["suppression.recent-purchase"] },
    { name: "ordered exactly 48 hours ago", f: { lastOrderAt: ago(48 * HOUR) }, c: {}, blocks: [] },
    { name: "complained 100 days ago", f: { lastComplaintAt: ago(100 * DAY) }, c: {}, blocks: ["suppression.recent-complaint"] },
    { name: "complained 200 days ago", f: { lastComplaintAt: ago(200 * DAY) }, c: {}, blocks: [] },
    { name: "bounced 3 days ago", f: { lastBounceAt: ago(3 * DAY) }, c: {}, blocks: ["suppression.recent-bounce"] },
    { name: "bounced 15 days ago", f: { lastBounceAt: ago(15 * DAY) }, c: {}, blocks: [] },
    { name: "a message 20 hours ago (1 a day)", f: { messageTimes: [ago(20 * HOUR)] }, c: {}, blocks: ["suppression.frequency-day"] },
    { name: "a message scheduled 20 hours from now", f: { messageTimes: [later(20 * HOUR)] }, c: {}, blocks: ["suppression.frequency-day"] },
    { name: "a message 25 hours ago", f: { messageTimes: [ago(25 * HOUR)] }, c: {}, blocks: [] },
    { name: "three messages in the past 6 days (3 a week)", f: { messageTimes: [ago(2 * DAY), ago(4 * DAY), ago(6 * DAY)] }, c: {}, blocks: ["suppression.frequency-week"] },
    { name: "two before and one after, 7 days end to end: no one week holds all three", f: { messageTimes: [ago(3 * DAY), ago(5 * DAY), later(2 * DAY)] }, c: {}, blocks: [] },
    { name: "three messages, one of them 8 days ago", f: { messageTimes: [ago(2 * DAY), ago(4 * DAY), ago(8 * DAY)] }, c: {}, blocks: [] },
    { name: "two before and one after, within one week", f: { messageTimes: [ago(3 * DAY), ago(5 * DAY), later(DAY)] }, c: {}, blocks: ["suppression.frequency-week"] },
    {
      name: "everything at once: each rule reported",
      f: { emailMarketingState: "UNSUBSCRIBED", lastOrderAt: ago(HOUR), lastBounceAt: ago(DAY), messageTimes: [ago(HOUR)] },
      c: {},
      blocks: ["suppression.consent", "suppression.recent-purchase", "suppression.recent-bounce", "suppression.frequency-day"],
    },
  ])("$name", ({ f, c, blocks }) => {
    const result = checkSuppression(DEFAULT_POLICY, facts(f), send(c), NOW);
    expect(result.violations.map((v) => v.rule)).toEqual(blocks);
    expect(result.violations.every((v) => v.remedy === "block" && v.kind === "suppression")).toBe(true);
  });

  it.each([
    { name: "the cart agent's own, shorter wait", agent: "cart-intent" as const, orderedHoursAgo: 3, blocked: false },
    { name: "...still applies inside it", agent: "cart-intent" as const, orderedHoursAgo: 1, blocked: true },
    { name: "other agents keep the shop's wait", agent: "loyalty" as const, orderedHoursAgo: 3, blocked: true },
    { name: "post-purchase is held back when the merchant says so", agent: "post-purchase" as const, orderedHoursAgo: 3, blocked: true },
  ])("recent purchase per agent: $name", ({ agent, orderedHoursAgo, blocked }) => {
    const p = policy({ suppression: { recentPurchaseHours: 72, recentPurchaseHoursByAgent: { "cart-intent": 2, "post-purchase": 12 } } });
    const result = checkSuppression(p, facts({ lastOrderAt: ago(orderedHoursAgo * HOUR) }), send({ agent }), NOW);
    expect(result.violations.some((v) => v.rule === "suppression.recent-purchase")).toBe(blocked);
  });

  it("a higher frequency cap lets the message through", () => {
    const p = policy({ suppression: { maxPerDay: 2, maxPerWeek: 10 } });
    expect(checkSuppression(p, facts({ messageTimes: [ago(HOUR)] }), send(), NOW).violations).toEqual([]);
  });

  it("explains itself in the shopper's terms", () => {
    const [violation] = checkSuppression(DEFAULT_POLICY, facts({ lastOrderAt: ago(10 * HOUR) }), send(), NOW).violations;
    expect(violation?.message).toBe("The shopper ordered 10 hours before this send; replenishment waits 48 hours after an order.");
  });
});

describe("checkSuppression: what only defers a message", () => {
  it.each([
    { name: "daytime in Berlin: go now", f: {}, c: {}, until: null, rules: [] as string[] },
    { name: "22:00 in Berlin: wait for 08:00 local", f: {}, c: { sendAt: at("2026-06-10T20:00:00Z") }, until: "2026-06-11T06:00:00.000Z", rules: ["suppression.quiet-hours"] },
    { name: "21:00 in Tokyo: wait for 08:00 local", f: { timeZone: "Asia/Tokyo" }, c: {}, until: "2026-06-10T23:00:00.000Z", rules: ["suppression.quiet-hours"] },
    { name: "an invalid zone is read as UTC (noon: go now)", f: { timeZone: "Mars/Olympus" }, c: {}, until: null, rules: [] },
    {
      name: "the shop's send rate is full this minute",
      f: {},
      c: { shopSendTimes: Array.from({ length: 600 }, () => NOW) },
      until: "2026-06-10T12:01:00.000Z",
      rules: ["suppression.send-rate"],
    },
    {
      name: "a rate deferral that lands in quiet hours waits for morning",
      f: {},
      c: { sendAt: at("2026-06-10T18:59:30Z"), shopSendTimes: Array.from({ length: 600 }, () => at("2026-06-10T18:59:10Z")) },
      until: "2026-06-11T06:00:00.000Z",
      rules: ["suppression.send-rate", "suppression.quiet-hours"],
    },
  ])("$name", ({ f, c, until, rules }) => {
    const result = checkSuppression(DEFAULT_POLICY, facts(f), send(c), NOW);
    expect(result.violations).toEqual([]);
    expect(result.deferral?.until.toISOString() ?? null).toBe(until);
    expect(result.deferral?.rules ?? []).toEqual(rules);
  });

  it("counts the deferral from when the send would have gone", () => {
    const result = checkSuppression(DEFAULT_POLICY, facts(), send({ sendAt: at("2026-06-10T20:00:00Z") }), NOW);
    expect(result.deferral?.deferMs).toBe(10 * HOUR);
  });

  it("a blocked message has no deferral: waiting would not help", () => {
    const result = checkSuppression(DEFAULT_POLICY, facts({ emailMarketingState: "NOT_SUBSCRIBED" }), send({ sendAt: at("2026-06-10T20:00:00Z") }), NOW);
    expect(result.deferral).toBeNull();
  });

  it("quiet hours switched off: night is fine", () => {
    const result = checkSuppression(policy({ suppression: { quietHours: null } }), facts(), send({ sendAt: at("2026-06-10T22:00:00Z") }), NOW);
    expect(result).toMatchObject({ violations: [], deferral: null });
    expect(result.checked).not.toContain("suppression.quiet-hours");
  });
});

describe("checkSuppression: the audit list", () => {
  it.each([
    {
      name: "the defaults, no shop schedule given",
      c: {},
      checked: ["suppression.suppressed", "suppression.consent", "suppression.recent-purchase", "suppression.recent-complaint", "suppression.recent-bounce", "suppression.frequency-day", "suppression.frequency-week", "suppression.quiet-hours"],
    },
    {
      name: "post-purchase (no purchase wait) with a shop schedule",
      c: { agent: "post-purchase" as const, shopSendTimes: [] },
      checked: ["suppression.suppressed", "suppression.consent", "suppression.recent-complaint", "suppression.recent-bounce", "suppression.frequency-day", "suppression.frequency-week", "suppression.quiet-hours", "suppression.send-rate"],
    },
  ])("$name", ({ c, checked }) => {
    expect(checkSuppression(DEFAULT_POLICY, facts(), send(c), NOW).checked).toEqual(checked);
  });
});

describe("suppressionFactsFromSnapshot", () => {
  it("takes consent, suppression, the last order and every recent message from the snapshot", () => {
    const snapshot = {
      customerId: "c1",
      email: "a@example.com",
      emailMarketingState: "SUBSCRIBED",
      suppressed: null,
      orders: { count: 2, lastAt: ago(5 * HOUR), ownedProductIds: new Set<string>() },
      recentMessages: [{ agent: "loyalty", sendAt: ago(DAY) }],
    } as unknown as ShopperSnapshot;
    const f = suppressionFactsFromSnapshot(snapshot, { timeZone: "Europe/Berlin", lastComplaintAt: null, lastBounceAt: null });
    expect(f).toEqual(facts({ lastOrderAt: ago(5 * HOUR), messageTimes: [ago(DAY)] }));
  });
});
