import { describe, expect, it } from "vitest";
import type { AgentName, Objective, Proposal, ShopperSnapshot } from "~/domain/agents/contract";
import { planShop, planShopper, summarisePlan, type PlanInput, type ShopperProposals } from "~/domain/planner/planner";
import { daysAgo, inHours, NOW, objective, shopper } from "../agents/fixtures";

function proposal(agent: AgentName, value: number, changes: { id?: string; subject?: string; customerId?: string; from?: number; to?: number; discount?: number; orderValue?: number } = {}): Proposal {
  const subject = changes.subject ?? `${agent}-subject`;
  return {
    id: changes.id ?? `${agent}:${changes.customerId ?? "c-1"}:${subject}`,
    customerId: changes.customerId ?? "c-1",
    agent,
    subject,
    action: { messageType: agent, channel: "email", earliestSendAt: inHours(changes.from ?? 0), latestSendAt: inHours(changes.to ?? 72) },
    brief: { products: [], numbers: {}, deadlines: {}, leadAttribute: null, discount: changes.discount ?? null },
    expectedValue: { incrementalRevenueMinor: value, method: "test", probabilityUplift: 0.1, orderValueMinor: changes.orderValue ?? value * 10 },
    trace: { inputs: {}, reasoning: [], action: "", expectedImpact: "" },
  };
}

function input(objectives: Objective[] = [objective()], changes: Partial<PlanInput> = {}): PlanInput {
  return { now: NOW, objectives, currencyCode: "USD", settings: { defaultTimeZone: "Europe/London" }, ...changes };
}

function plan(who: Partial<ShopperSnapshot>, proposals: Proposal[], objectives?: Objective[], changes?: Partial<PlanInput>) {
  return planShopper(input(objectives, changes), { shopper: shopper(who), proposals });
}

const kinds = (p: ReturnType<typeof plan>) => p.dropped.map((d) => [d.proposal.agent, d.reason.kind]);

describe("consent and suppression", () => {
  it.each([
    { name: "not subscribed", who: { emailMarketingState: "NOT_SUBSCRIBED" }, kind: "not-subscribed", text: "consent is NOT_SUBSCRIBED" },
    { name: "unsubscribed", who: { emailMarketingState: "UNSUBSCRIBED" }, kind: "not-subscribed", text: "not SUBSCRIBED" },
    { name: "no email address", who: { email: null }, kind: "not-subscribed", text: "no email address" },
    { name: "suppressed after a hard bounce, even though subscribed", who: { suppressed: { reason: "hard bounce" } }, kind: "suppressed", text: "suppressed (hard bounce)" },
  ])("$name: every proposal is dropped", ({ who, kind, text }) => {
    const result = plan(who, [proposal("cart-intent", 900), proposal("loyalty", 300)]);
    expect(result.planned).toEqual([]);
    expect(result.dropped.map((d) => d.reason.kind)).toEqual([kind, kind]);
    expect(result.dropped[0]?.explanation).toContain(text);
  });
});

describe("objectives decide which agents may send and what counts most", () => {
  it("an agent no active objective allows is dropped; inactive objectives allow nothing", () => {
    const carts = objective({ id: "obj-carts", goal: "recover-carts", agentsAllowed: ["cart-intent"] });
    const paused = objective({ id: "obj-paused", agentsAllowed: ["loyalty"], active: false });
    const result = plan({}, [proposal("cart-intent", 100), proposal("loyalty", 900)], [carts, paused]);
    expect(result.planned.map((p) => p.proposal.agent)).toEqual(["cart-intent"]);
    expect(kinds(result)).toEqual([["loyalty", "agent-not-allowed"]]);
    expect(result.dropped[0]?.explanation).toBe("Not sent: none of the active objectives (obj-carts) allows the loyalty agent.");
  });

  it("with no active objective nothing is sent", () => {
    const result = plan({}, [proposal("cart-intent", 100)], []);
    expect(result.dropped[0]?.explanation).toContain("no objective is active");
  });

  it("the goal's weights reorder proposals: 'recover carts' puts a $5 cart above a $7 newsletter", () => {
    const recover = objective({ goal: "recover-carts", messagesPerShopperPerWeek: 1 });
    const result = plan({}, [proposal("bestseller-newsletter", 700), proposal("cart-intent", 500)], [recover]);
    expect(result.planned.map((p) => [p.proposal.agent, p.score])).toEqual([["cart-intent", 500]]);
    expect(result.dropped[0]?.reason).toMatchObject({ kind: "over-budget", beatenBy: [{ agent: "cart-intent", score: 500 }] });
  });

  it("a proposal serves the objective that weights its agent most", () => {
    const repeat = objective({ id: "a-repeat", goal: "grow-repeat-revenue" });
    const loyal = objective({ id: "b-loyal", goal: "lift-loyalty-redemptions" });
    const result = plan({}, [proposal("loyalty", 100)], [repeat, loyal]);
    expect(result.planned[0]).toMatchObject({ objectiveId: "b-loyal", weight: 1, score: 100 });
  });
});

describe("the weekly message budget", () => {
  const three = () => [proposal("cart-intent", 900), proposal("loyalty", 500), proposal("replenishment", 300)];
  it.each([
    { name: "2 a week, nothing sent yet: the two most valuable", limit: 2, recent: [], planned: ["cart-intent", "replenishment"], sent: 0 },
    { name: "2 a week, one sent 3 days ago: one left", limit: 2, recent: [{ agent: "loyalty" as const, sendAt: daysAgo(3) }], planned: ["cart-intent"], sent: 1 },
    { name: "2 a week, one sent 8 days ago (outside the week): two", limit: 2, recent: [{ agent: "loyalty" as const, sendAt: daysAgo(8) }], planned: ["cart-intent", "replenishment"], sent: 0 },
    { name: "1 a week, one already scheduled for tomorrow: none", limit: 1, recent: [{ agent: "loyalty" as const, sendAt: inHours(20) }], planned: [], sent: 1 },
    { name: "0 a week: none", limit: 0, recent: [], planned: [], sent: 0 },
  ])("$name", ({ limit, recent, planned, sent }) => {
    const result = plan({ recentMessages: recent }, three(), [objective({ messagesPerShopperPerWeek: limit })]);
    // grow-repeat-revenue weights: cart 0.6 (540), loyalty 0.7 (350), replenishment 1 (300)... so cart, then loyalty
    expect(result.planned.map((p) => p.proposal.agent)).toEqual(planned.length === 2 ? ["cart-intent", "loyalty"] : planned);
    expect(result.alreadySentThisWeek).toBe(sent);
    expect(result.dropped.every((d) => d.reason.kind === "over-budget")).toBe(true);
  });

  it("the strictest active objective's limit applies", () => {
    const result = plan({}, [proposal("cart-intent", 900), proposal("loyalty", 500)], [objective({ id: "a", messagesPerShopperPerWeek: 3 }), objective({ id: "b", messagesPerShopperPerWeek: 1 })]);
    expect(result.limitPerWeek).toBe(1);
    expect(result.planned).toHaveLength(1);
    expect(result.dropped[0]?.explanation).toBe(
      "Not sent: over the budget of 1 message per shopper per week (0 already sent or scheduled in the last 7 days; chosen instead: cart-intent (cart-intent:c-1:cart-intent-subject, weighted value 540)).",
    );
  });

  it("a second message is spaced from the first (12 hours by default), still outside quiet hours", () => {
    const result = plan({}, [proposal("cart-intent", 900), proposal("loyalty", 500)]);
    expect(result.planned.map((p) => [p.proposal.agent, p.localSendAt])).toEqual([
      ["cart-intent", "2026-06-10 13:00"],
      ["loyalty", "2026-06-11 08:00"],
    ]);
  });

  it.each([
    { zone: "America/New_York", local: "2026-06-10 18:00", utc: "2026-06-10T22:00:00.000Z", why: "12 hours later is 18:00 there" },
    { zone: "Europe/Paris", local: "2026-06-11 08:00", utc: "2026-06-11T06:00:00.000Z", why: "12 hours later is midnight there, so 08:00 next day" },
  ])("a message sent two hours ago pushes the next one 12 hours on, then past quiet hours: $zone ($why)", ({ zone, local, utc }) => {
    const result = plan({ timeZone: zone, recentMessages: [{ agent: "loyalty", sendAt: new Date(NOW.getTime() - 2 * 3_600_000) }] }, [proposal("cart-intent", 900)]);
    expect(result.planned[0]?.localSendAt).toBe(local);
    expect(result.planned[0]?.sendAt.toISOString()).toBe(utc);
  });

  it("when spacing leaves no time in the window, the drop says so", () => {
    // Replenishment (800 x 1) outranks the cart (900 x 0.6) and takes the only slot the spacing allows.
    const result = plan({}, [proposal("cart-intent", 900, { to: 6 }), proposal("replenishment", 800, { to: 6 })]);
    expect(kinds(result)).toEqual([["cart-intent", "no-send-window"]]);
    expect(result.dropped[0]?.reason).toMatchObject({ blockedBySpacing: true });
  });
});

describe("duplicates", () => {
  it.each([
    { name: "the same proposal twice in one run", who: {}, proposals: [proposal("loyalty", 300), proposal("loyalty", 300)], how: "same-proposal-in-run" },
    { name: "a proposal already planned in an earlier run", who: { recentMessages: [{ agent: "loyalty" as const, sendAt: daysAgo(1), proposalId: "loyalty:c-1:loyalty-subject" }] }, proposals: [proposal("loyalty", 300)], how: "already-planned" },
    { name: "the same subject sent 3 days ago under another id", who: { recentMessages: [{ agent: "loyalty" as const, sendAt: daysAgo(3), proposalId: "old", subject: "loyalty-subject" }] }, proposals: [proposal("loyalty", 300)], how: "same-subject-recently" },
    { name: "two proposals on one subject in the same run", who: {}, proposals: [proposal("loyalty", 300, { id: "a" }), proposal("loyalty", 200, { id: "b" })], how: "same-subject-in-run" },
  ])("$name", ({ who, proposals, how }) => {
    const result = plan(who, proposals, [objective({ messagesPerShopperPerWeek: 5 })]);
    expect(result.dropped.map((d) => d.reason)).toEqual([expect.objectContaining({ kind: "duplicate", how })]);
  });

  it("the same subject sent 8 days ago (past the cool-down) may go again", () => {
    const result = plan({ recentMessages: [{ agent: "loyalty", sendAt: daysAgo(8), proposalId: "old", subject: "loyalty-subject" }] }, [proposal("loyalty", 300)]);
    expect(result.planned).toHaveLength(1);
  });
});

describe("send windows in the shopper's time zone", () => {
  it.each([
    { zone: "Asia/Tokyo", local: "2026-06-11 08:00", utc: "2026-06-10T23:00:00.000Z", source: "shopper" },
    { zone: "America/Los_Angeles", local: "2026-06-10 08:00", utc: "2026-06-10T15:00:00.000Z", source: "shopper" },
    { zone: null, local: "2026-06-10 13:00", utc: "2026-06-10T12:00:00.000Z", source: "shop-default" },
    { zone: "Not/A_Zone", local: "2026-06-10 13:00", utc: "2026-06-10T12:00:00.000Z", source: "shop-default" },
  ])("$zone: sent at $local local", ({ zone, local, utc, source }) => {
    const result = plan({ timeZone: zone }, [proposal("cart-intent", 900)]);
    expect(result.planned[0]).toMatchObject({ localSendAt: local });
    expect(result.planned[0]?.sendAt.toISOString()).toBe(utc);
    expect(result.timeZoneSource).toBe(source);
  });

  it("a window that lies entirely inside quiet hours cannot be sent", () => {
    // 21:30-23:30 in London is 20:30-22:30 UTC.
    const result = plan({}, [proposal("cart-intent", 900, { from: 8.5, to: 10.5 })]);
    expect(kinds(result)).toEqual([["cart-intent", "no-send-window"]]);
    expect(result.dropped[0]?.explanation).toContain("quiet hours (21:00-08:00 Europe/London time)");
  });

  it("a window that has already passed cannot be sent", () => {
    expect(kinds(plan({}, [proposal("cart-intent", 900, { from: -48, to: -1 })]))).toEqual([["cart-intent", "no-send-window"]]);
  });
});

describe("the discount budget, per objective, across the shop", () => {
  const discounted = (customerId: string, value: number) => proposal("cart-intent", value, { customerId, discount: 0.1, orderValue: 4800 });
  const batch = (...entries: [string, number][]): ShopperProposals[] => entries.map(([id, value]) => ({ shopper: shopper({ customerId: id }), proposals: [discounted(id, value)] }));

  it("goes to the most valuable offers first; the rest are dropped with the amounts", () => {
    const result = planShop(input([objective({ discountBudgetMinor: 1000 })]), batch(["c-a", 300], ["c-b", 900], ["c-c", 600]));
    expect(result.shoppers.map((s) => [s.customerId, s.planned.length, s.dropped[0]?.reason.kind ?? null])).toEqual([
      ["c-a", 0, "discount-budget"],
      ["c-b", 1, null],
      ["c-c", 1, null],
    ]);
    expect(result.discountSpentMinor).toEqual({ "obj-repeat": 960 });
    expect(result.shoppers[0]?.dropped[0]?.explanation).toBe("Not sent: its discount would cost up to $4.80, more than the $0.40 left in the discount budget of obj-repeat.");
  });

  it("what earlier runs spent counts, and another allowing objective with budget pays instead", () => {
    const spentOut = objective({ id: "a-spent", goal: "recover-carts", discountBudgetMinor: 1000 });
    const spare = objective({ id: "b-spare", discountBudgetMinor: 500 });
    const result = planShop(input([spentOut, spare], { discountSpentMinor: { "a-spent": 900 } }), batch(["c-a", 300]));
    expect(result.shoppers[0]?.planned[0]).toMatchObject({ objectiveId: "b-spare", discountCostMinor: 480, weight: 1, score: 300 });
    expect(result.discountSpentMinor).toEqual({ "a-spent": 900, "b-spare": 480 });
  });

  it("proposals without a discount never touch the budget", () => {
    const result = planShop(input([objective({ discountBudgetMinor: 0 })]), [{ shopper: shopper(), proposals: [proposal("loyalty", 300)] }]);
    expect(result.shoppers[0]?.planned).toHaveLength(1);
    expect(result.discountSpentMinor).toEqual({});
  });
});

describe("determinism", () => {
  const entries = (): ShopperProposals[] => [
    { shopper: shopper({ customerId: "c-2", timeZone: "Asia/Tokyo" }), proposals: [proposal("cart-intent", 500, { customerId: "c-2", discount: 0.1 }), proposal("loyalty", 500, { customerId: "c-2" })] },
    { shopper: shopper({ customerId: "c-1" }), proposals: [proposal("replenishment", 300), proposal("post-purchase", 300), proposal("bestseller-newsletter", 300)] },
  ];

  it("the same inputs in any order give the same plan", () => {
    const objectives = [objective({ messagesPerShopperPerWeek: 1, discountBudgetMinor: 600 })];
    const first = planShop(input(objectives), entries());
    const shuffled = entries().reverse().map((e) => ({ ...e, proposals: [...e.proposals].reverse() }));
    expect(planShop(input(objectives), shuffled)).toEqual(first);
    expect(planShop(input(objectives), entries())).toEqual(first);
  });

  it.each([
    // reduce-churn: post-purchase 375 x 0.8 = replenishment 300 x 1 = 300; the larger raw value wins.
    { name: "equal weighted values: the larger raw value", goal: "reduce-churn" as const, proposals: [proposal("replenishment", 300), proposal("post-purchase", 375)], winner: "post-purchase" },
    // grow-repeat-revenue weighs both at 1: same value, so the agent order decides.
    { name: "equal raw and weighted values: agent order", goal: "grow-repeat-revenue" as const, proposals: [proposal("post-purchase", 300), proposal("replenishment", 300)], winner: "replenishment" },
  ])("ties: $name", ({ goal, proposals, winner }) => {
    const result = plan({}, proposals, [objective({ goal, messagesPerShopperPerWeek: 1 })]);
    expect(result.planned.map((p) => p.proposal.agent)).toEqual([winner]);
  });

  it("planShopper is planShop with one shopper, and the summary counts by agent and reason", () => {
    const [one] = entries();
    const alone = planShop(input(), [one as ShopperProposals]);
    expect(planShopper(input(), one as ShopperProposals)).toEqual(alone.shoppers[0]);
    const summary = summarisePlan(planShop(input([objective({ messagesPerShopperPerWeek: 1 })]), entries()).shoppers);
    expect(summary.plannedByAgent).toEqual({ replenishment: 1, "post-purchase": 0, loyalty: 1, "cart-intent": 0, "bestseller-newsletter": 0 });
    expect(summary.droppedByReason["over-budget"]).toBe(3);
  });
});
