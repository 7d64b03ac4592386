import { describe, expect, it } from "vitest";
import { AGENTS, proposeAll } from "~/domain/agents";
import { AGENT_NAMES } from "~/domain/agents/contract";
import { planShopper } from "~/domain/planner/planner";
import { context, eligibleForAll, NOW, objective } from "../agents/fixtures";


const CONTEXT = context({ settings: { newsletterDue: true } });
const planInput = (messagesPerShopperPerWeek: number) => ({ now: NOW, objectives: [objective({ messagesPerShopperPerWeek })], currencyCode: "USD" });

describe("a shopper eligible for all five agents", () => {
  const proposals = proposeAll(eligibleForAll(), CONTEXT);

  it("gets one proposal from each agent, each with a brief, a valued estimate and a trace", () => {
    expect(proposals.map((p) => p.agent)).toEqual([...AGENT_NAMES]);
    for (const proposal of proposals) {
      expect(proposal.customerId).toBe("c-1");
      expect(proposal.brief.products.length).toBeGreaterThan(0);
      expect(proposal.expectedValue.incrementalRevenueMinor).toBeGreaterThan(0);
      expect(proposal.expectedValue.method).toMatch(/^P\(purchase uplift\) = /);
      expect(proposal.trace.reasoning.length).toBeGreaterThanOrEqual(3);
      expect(proposal.trace.action).toMatch(/^Email/);
      expect(proposal.trace.expectedImpact).toMatch(/^About \$/);
    }
  });

  it("with a budget of one, the planner picks the highest weighted value and explains the four drops", () => {
    const plan = planShopper(planInput(1), { shopper: eligibleForAll(), proposals });
    // grow-repeat-revenue: cart $8.83 x 0.6 = 529.8 beats loyalty $2.16 x 0.7 = 151.2, replenishment $1.30 x 1, ...
    expect(plan.planned.map((p) => [p.proposal.agent, p.score])).toEqual([["cart-intent", 529.8]]);
    expect(plan.planned[0]?.localSendAt).toBe("2026-06-10 13:00");
    expect(plan.dropped.map((d) => d.proposal.agent).sort()).toEqual(["bestseller-newsletter", "loyalty", "post-purchase", "replenishment"]);
    for (const dropped of plan.dropped) {
      expect(dropped.reason).toEqual({ kind: "over-budget", limitPerWeek: 1, alreadySentThisWeek: 0, beatenBy: [{ proposalId: proposals[3]?.id, agent: "cart-intent", score: 529.8 }] });
      expect(dropped.explanation).toContain("over the budget of 1 message per shopper per week");
      expect(dropped.explanation).toContain("chosen instead: cart-intent");
    }
  });

  it("with a budget of three, the three most valuable, spaced apart", () => {
    const plan = planShopper(planInput(3), { shopper: eligibleForAll(), proposals });
    expect(plan.planned.map((p) => [p.proposal.agent, p.localSendAt])).toEqual([
      ["cart-intent", "2026-06-10 13:00"],
      ["loyalty", "2026-06-11 08:00"],
      ["replenishment", "2026-06-11 20:00"],
    ]);
  });

  it("the same shopper without consent: the cart still yields a proposal, which the planner drops", () => {
    const unsubscribed = eligibleForAll({ emailMarketingState: "NOT_SUBSCRIBED" });
    const theirs = AGENTS["cart-intent"](unsubscribed, CONTEXT);
    expect(theirs).toHaveLength(1);
    const plan = planShopper(planInput(1), { shopper: unsubscribed, proposals: theirs });
    expect(plan.planned).toEqual([]);
    expect(plan.dropped.map((d) => d.reason.kind)).toEqual(["not-subscribed"]);
  });

  it("proposing and planning twice for the same moment gives the same result", () => {
    expect(proposeAll(eligibleForAll(), CONTEXT)).toEqual(proposals);
    expect(planShopper(planInput(1), { shopper: eligibleForAll(), proposals: proposeAll(eligibleForAll(), CONTEXT) })).toEqual(
      planShopper(planInput(1), { shopper: eligibleForAll(), proposals }),
    );
  });

  it("once planned, a re-run the same day finds the message already planned and sends nothing new", () => {
    const first = planShopper(planInput(1), { shopper: eligibleForAll(), proposals });
    const sent = first.planned.map((p) => ({ agent: p.proposal.agent, sendAt: p.sendAt, proposalId: p.proposal.id, subject: p.proposal.subject }));
    const again = planShopper(planInput(1), { shopper: eligibleForAll({ recentMessages: sent }), proposals });
    expect(again.planned).toEqual([]);
    expect(again.dropped.find((d) => d.proposal.agent === "cart-intent")?.reason).toMatchObject({ kind: "duplicate", how: "already-planned" });
  });
});
