import { describe, expect, it } from "vitest";
import { checkDiscount, clampDiscount, DEFAULT_POLICY, evaluateDiscount, type DiscountRequest } from "~/domain/governance/policy";
import { at, policy } from "./policyFixtures";

const NOW = at("2026-06-10T12:00:00Z");

function request(overrides: Partial<DiscountRequest> = {}): DiscountRequest {
  return {
    discount: 0.15,
    agent: "replenishment",
    pclvMinor: 80_000,
    categoryPaths: ["Skin care > Cleansers"],
    orderValueMinor: 4_000,
    objectiveId: "grow",
    objectiveSpentMinor: 0,
    recentDiscounts: [],
    now: NOW,
    ...overrides,
  };
}

const TIERED = policy({
  margin: {
    maxDiscount: 0.3,
    rules: [
      { when: { pclvBelowMinor: 500 }, maxDiscount: 0.05 },
      { when: { pclvBelowMinor: 50_000 }, maxDiscount: 0.1 },
      { when: { pclvAtLeastMinor: 50_000 }, maxDiscount: 0.2 },
      { when: { pclvUnknown: true }, maxDiscount: 0.08 },
      { when: { agents: ["cart-intent"] }, maxDiscount: 0.12 },
    ],
    collectionCaps: [{ categoryPrefix: "Skin care > Serums", maxDiscount: 0.07 }],
    perShopper: { windowDays: 30, maxDiscount: 0.25, maxValueMinor: 2_000 },
    objectiveBudgets: { grow: 100_000, "*": 1_000 },
  },
});

describe("evaluateDiscount: the allowed maximum and the rules that bind", () => {
  it.each([
    { name: "a valuable shopper: the high-pCLV band", req: {}, allowed: 0.2, binding: ["margin.rules[2]"] },
    { name: "pCLV below 500 (nested bands: the strictest wins)", req: { pclvMinor: 499 }, allowed: 0.05, binding: ["margin.rules[0]"] },
    { name: "pCLV exactly 500 is in the next band up", req: { pclvMinor: 500 }, allowed: 0.1, binding: ["margin.rules[1]"] },
    { name: "pCLV exactly 50000 is 'at least'", req: { pclvMinor: 50_000 }, allowed: 0.2, binding: ["margin.rules[2]"] },
    { name: "pCLV unknown: only the unknown rule", req: { pclvMinor: null }, allowed: 0.08, binding: ["margin.rules[3]"] },
    { name: "an agent-specific cap", req: { agent: "cart-intent" as const }, allowed: 0.12, binding: ["margin.rules[4]"] },
    { name: "a capped collection, by path prefix", req: { categoryPaths: ["Tea", "Skin care > Serums > Night"] }, allowed: 0.07, binding: ["margin.collectionCaps[0]"] },
    { name: "not a prefix by whole segment", req: { categoryPaths: ["Skin care > Serums tools"] }, allowed: 0.2, binding: ["margin.rules[2]"] },
    {
      name: "the shopper's 30-day value cap: 1200 of 2000 used, 800 left of a 4000 order = 20%",
      req: { recentDiscounts: [{ at: at("2026-05-20T00:00:00Z"), discount: 0.2, valueMinor: 1_200 }] },
      allowed: 0.2,
      binding: ["margin.rules[2]", "margin.perShopper.maxValueMinor"],
    },
    {
      name: "1500 used: 500 left of 4000 = 12.5%, rounded down to 12%",
      req: { recentDiscounts: [{ at: at("2026-06-01T00:00:00Z"), discount: 0.1, valueMinor: 1_500 }] },
      allowed: 0.12,
      binding: ["margin.perShopper.maxValueMinor"],
    },
    {
      name: "discounts older than the window do not count",
      req: { recentDiscounts: [{ at: at("2026-05-01T00:00:00Z"), discount: 0.2, valueMinor: 2_000 }] },
      allowed: 0.2,
      binding: ["margin.rules[2]"],
    },
    {
      name: "the value cap used up: nothing left",
      req: { recentDiscounts: [{ at: at("2026-06-09T00:00:00Z"), discount: 0.25, valueMinor: 2_500 }] },
      allowed: 0,
      binding: ["margin.perShopper.maxValueMinor"],
    },
    { name: "a named objective's budget: 99700 spent, 300 left of 4000 = 7%", req: { objectiveSpentMinor: 99_700 }, allowed: 0.07, binding: ["margin.objectiveBudgets[\"grow\"]"] },
    { name: "an unnamed objective takes the '*' budget: 1000 of 4000 = 25%", req: { objectiveId: "winback" }, allowed: 0.2, binding: ["margin.rules[2]"] },
    { name: "the '*' budget binds on a bigger order", req: { objectiveId: "winback", orderValueMinor: 20_000 }, allowed: 0.05, binding: ["margin.objectiveBudgets[\"*\"]"] },
    { name: "no objective: the '*' budget", req: { objectiveId: null, orderValueMinor: 20_000 }, allowed: 0.05, binding: ["margin.objectiveBudgets[\"*\"]"] },
    { name: "an objective named like an Object method is just a name", req: { objectiveId: "constructor", orderValueMinor: 20_000 }, allowed: 0.05, binding: ["margin.objectiveBudgets[\"*\"]"] },
    { name: "an order of no value: money caps do not apply", req: { orderValueMinor: 0, objectiveSpentMinor: 10_000_000 }, allowed: 0.2, binding: ["margin.rules[2]"] },
  ])("$name", ({ req, allowed, binding }) => {
    const evaluation = evaluateDiscount(TIERED, request(req));
    expect(evaluation.allowedMax).toBeCloseTo(allowed, 9);
    expect(evaluation.binding.map((limit) => limit.ref)).toEqual(binding);
  });

  it("the shop-wide ceiling binds when nothing stricter applies", () => {
    const open = policy({ margin: { maxDiscount: 0.15, rules: [], perShopper: null } });
    const evaluation = evaluateDiscount(open, request({ discount: 0.5 }));
    expect(evaluation.allowedMax).toBe(0.15);
    expect(evaluation.binding).toEqual([{ rule: "margin.max-discount", ref: "margin.maxDiscount", maxDiscount: 0.15, reason: "the shop-wide ceiling" }]);
    expect(evaluation.checked).toEqual(["margin.max-discount"]);
  });

  it("the defaults: a low-value or unknown shopper gets at most 10%, anyone else at most 25%", () => {
    expect(evaluateDiscount(DEFAULT_POLICY, request({ pclvMinor: 9_999 })).allowedMax).toBe(0.1);
    expect(evaluateDiscount(DEFAULT_POLICY, request({ pclvMinor: null })).allowedMax).toBe(0.1);
    expect(evaluateDiscount(DEFAULT_POLICY, request({ pclvMinor: 10_000 })).allowedMax).toBe(0.25);
  });
});

describe("clampDiscount: lower the offer, or block it, as the policy says", () => {
  const BLOCKING = policy({ margin: { ...TIERED.margin, onExceed: "block" } });

  it.each([
    { name: "within the cap: unchanged", p: TIERED, req: { discount: 0.15 }, outcome: "within", discount: 0.15, boundBy: [] as string[] },
    { name: "no discount asked: nothing to do", p: TIERED, req: { discount: null }, outcome: "within", discount: null, boundBy: [] },
    { name: "over the cap, clamp: lowered to the cap", p: TIERED, req: { discount: 0.3, pclvMinor: 1_000 }, outcome: "clamped", discount: 0.1, boundBy: ["margin.pclv-discount-cap"] },
    { name: "clamped to nothing is no discount", p: TIERED, req: { recentDiscounts: [{ at: NOW, discount: 0.2, valueMinor: 2_000 }] }, outcome: "clamped", discount: null, boundBy: ["margin.shopper-discount-value"] },
    { name: "over the cap, block: blocked", p: BLOCKING, req: { discount: 0.3, pclvMinor: 1_000 }, outcome: "blocked", discount: null, boundBy: ["margin.pclv-discount-cap"] },
  ])("$name", ({ p, req, outcome, discount, boundBy }) => {
    const clamp = clampDiscount(p, request(req));
    expect(clamp.outcome).toBe(outcome);
    expect(clamp.discount).toBe(discount);
    expect(clamp.boundBy.map((limit) => limit.rule)).toEqual(boundBy);
    expect(clamp.result.violations.length > 0).toBe(outcome === "blocked");
    if (outcome === "blocked") expect(clamp.result.violations.every((v) => v.remedy === "block" && v.kind === "policy")).toBe(true);
  });

  it("a clamped offer passes the plain check", () => {
    const clamp = clampDiscount(TIERED, request({ discount: 0.3, pclvMinor: 1_000 }));
    expect(checkDiscount(TIERED, request({ discount: clamp.discount, pclvMinor: 1_000 })).violations).toEqual([]);
  });
});

describe("checkDiscount", () => {
  it("names every cap an offer breaks, each a block, with the numbers as evidence", () => {
    const result = checkDiscount(TIERED, request({ discount: 0.22, pclvMinor: 1_000, categoryPaths: ["Skin care > Serums"] }));
    expect(result.violations.map((v) => [v.rule, v.remedy, v.evidence])).toEqual([
      ["margin.pclv-discount-cap", "block", "discount 22% > 10%"],
      ["margin.collection-cap", "block", "discount 22% > 7%"],
    ]);
    expect(result.violations[1]?.message).toBe("A 22% discount is over the 7% cap for products in Skin care > Serums (margin.collectionCaps[0]).");
    expect(result.checked).toEqual(["margin.max-discount", "margin.pclv-discount-cap", "margin.collection-cap", "margin.shopper-discount-cap", "margin.shopper-discount-value", "margin.objective-budget"]);
  });

  it("an offer exactly at the cap is within it", () => {
    expect(checkDiscount(TIERED, request({ discount: 0.1, pclvMinor: 1_000 })).violations).toEqual([]);
  });

  it("a note asking for 90% off changes nothing: the request is numbers, and 90% is clamped like any other", () => {
    // The LLM or an agent may have been talked into it by a shopper note; the policy reads no text.
    const injected = request({ discount: 0.9, pclvMinor: 80_000 });
    expect(clampDiscount(TIERED, injected)).toMatchObject({ outcome: "clamped", discount: 0.2 });
    expect(clampDiscount(policy({ margin: { onExceed: "block" } }), injected).outcome).toBe("blocked");
  });
});
