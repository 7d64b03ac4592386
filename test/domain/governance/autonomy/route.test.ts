import { describe, expect, it } from "vitest";
import type { AutonomyLevel } from "~/domain/governance/autonomy/level";
import { routeForApproval, type Route, type RoutingInput } from "~/domain/governance/autonomy/route";
import { AutonomySettings } from "~/domain/governance/autonomy/settings";
import { violation } from "./fixtures";

const REVIEW_ALL = { discountAbove: 0.1, pclvAboveMinor: 100_000, expectedValueAboveMinor: 5_000, firstMessageToShopper: true, llmWrittenCopy: true };

function input(level: AutonomyLevel, changes: Partial<RoutingInput> = {}): RoutingInput {
  return {
    settings: AutonomySettings.parse({ defaultLevel: level, supervised: REVIEW_ALL }),
    objectiveId: "obj-1",
    agent: "replenishment",
    discount: null,
    pclvMinor: 20_000,
    expectedValueMinor: 1_000,
    criticOutcome: "pass",
    violations: [],
    engine: "template",
    firstMessageToShopper: false,
    currencyCode: "USD",
    ...changes,
  };
}

describe("routing by autonomy level", () => {
  const cases: Array<[string, AutonomyLevel, Partial<RoutingInput>, Route]> = [
    // assisted: everything waits, except what the critic blocks
    ["assisted, clean", "assisted", {}, "await-approval"],
    ["assisted, critic block", "assisted", { criticOutcome: "block" }, "block"],
    // supervised: clean and under every threshold goes out
    ["supervised, clean", "supervised", {}, "send"],
    ["supervised, discount exactly at the threshold", "supervised", { discount: 0.1 }, "send"],
    ["supervised, discount above", "supervised", { discount: 0.15 }, "await-approval"],
    ["supervised, pCLV at the threshold", "supervised", { pclvMinor: 100_000 }, "send"],
    ["supervised, pCLV above", "supervised", { pclvMinor: 100_001 }, "await-approval"],
    ["supervised, unknown pCLV", "supervised", { pclvMinor: null }, "send"],
    ["supervised, expected value above", "supervised", { expectedValueMinor: 5_001 }, "await-approval"],
    ["supervised, first message to the shopper", "supervised", { firstMessageToShopper: true }, "await-approval"],
    ["supervised, LLM copy", "supervised", { engine: "llm" }, "await-approval"],
    ["supervised, critic asked for a rewrite", "supervised", { criticOutcome: "rewrite", violations: [violation("rewrite")] }, "await-approval"],
    ["supervised, template required but still LLM copy", "supervised", { criticOutcome: "template", engine: "llm" }, "await-approval"],
    ["supervised, template fallback applied", "supervised", { criticOutcome: "template", engine: "template" }, "send"],
    ["supervised, a pass that still has findings", "supervised", { violations: [violation("rewrite")] }, "await-approval"],
    ["supervised, critic block", "supervised", { criticOutcome: "block" }, "block"],
    // autonomous: within policy the system decides; unchecked copy still waits, blocks still block
    ["autonomous, clean", "autonomous", {}, "send"],
    ["autonomous, every review threshold crossed", "autonomous", { discount: 0.3, pclvMinor: 900_000, expectedValueMinor: 90_000, firstMessageToShopper: true, engine: "llm" }, "send"],
    ["autonomous, critic asked for a rewrite", "autonomous", { criticOutcome: "rewrite" }, "await-approval"],
    ["autonomous, template required but still LLM copy", "autonomous", { criticOutcome: "template", engine: "llm" }, "await-approval"],
    ["autonomous, template fallback applied", "autonomous", { criticOutcome: "template", engine: "template" }, "send"],
    ["autonomous, critic block", "autonomous", { criticOutcome: "block" }, "block"],
    ["autonomous, a blocking violation under a pass", "autonomous", { violations: [violation("block")] }, "block"],
  ];
  it.each(cases)("%s -> %s", (_name, level, changes, route) => {
    const decision = routeForApproval(input(level, changes));
    expect(decision.route).toBe(route);
    expect(decision.level).toBe(level);
    expect(decision.reasons.length).toBeGreaterThan(0);
  });
});

describe("reasons the merchant reads", () => {
  it.each([
    ["discount", { discount: 0.15 }, ["Discount 15% is above the 10% you review."]],
    ["pCLV in the shop currency", { pclvMinor: 120_000 }, ["This shopper's predicted lifetime value, $1,200.00, is above the $1,000.00 you review."]],
    ["pCLV without a currency", { pclvMinor: 120_000, currencyCode: undefined }, ["This shopper's predicted lifetime value, 120,000 (minor units), is above the 100,000 (minor units) you review."]],
    ["expected value", { expectedValueMinor: 8_000 }, ["Expected revenue of $80.00 is above the $50.00 you review."]],
    ["first message", { firstMessageToShopper: true }, ["This is the first message to this shopper, and you review first messages."]],
    ["LLM copy", { engine: "llm" }, ["An AI model wrote this copy, and you review AI-written copy."]],
    ["every threshold at once, in a fixed order", { discount: 0.125, pclvMinor: 100_001, expectedValueMinor: 5_001, firstMessageToShopper: true, engine: "llm" }, [
      "Discount 12.5% is above the 10% you review.",
      "This shopper's predicted lifetime value, $1,000.01, is above the $1,000.00 you review.",
      "Expected revenue of $50.01 is above the $50.00 you review.",
      "This is the first message to this shopper, and you review first messages.",
      "An AI model wrote this copy, and you review AI-written copy.",
    ]],
  ] as const)("supervised, %s", (_name, changes, reasons) => {
    expect(routeForApproval(input("supervised", changes)).reasons).toEqual(reasons);
  });

  it("assisted says which setting made it wait, and passes on the critic's concerns", () => {
    const settings = AutonomySettings.parse({ defaultLevel: "autonomous", agents: { replenishment: "assisted" } });
    expect(routeForApproval(input("assisted", { settings, criticOutcome: "rewrite", violations: [violation("rewrite", "The subject names a price the catalog does not have.")] })).reasons).toEqual([
      "Messages from the replenishment agent wait for your approval (assisted).",
      "The critic asked for this copy to be rewritten, and it has not been yet.",
      "The critic flagged: The subject names a price the catalog does not have.",
    ]);
    expect(routeForApproval(input("assisted")).reasons).toEqual(["Messages wait for your approval (assisted, your default)."]);
  });

  it("a block lists the blocking findings", () => {
    const decision = routeForApproval(input("autonomous", { criticOutcome: "block", violations: [violation("block", "The shopper unsubscribed."), violation("rewrite", "Too many exclamation marks.")] }));
    expect(decision.reasons).toEqual(["The critic blocked this message; it will not be sent.", "The shopper unsubscribed."]);
  });

  it("a send says why it needed no review", () => {
    const settings = AutonomySettings.parse({ objectives: { "obj-1": "autonomous" } });
    expect(routeForApproval(input("autonomous", { settings }))).toEqual({
      route: "send",
      level: "autonomous",
      levelSource: "objective",
      reasons: ['Sent without review: messages for objective "obj-1" run autonomously, and the critic passed the copy.'],
    });
    expect(routeForApproval(input("supervised")).reasons).toEqual([
      "Sent without review: messages are supervised, your default, and this one is inside your guardrails and under every threshold you review.",
    ]);
  });

  it("the more cautious of objective and agent decides the route", () => {
    const settings = AutonomySettings.parse({ objectives: { "obj-1": "autonomous" }, agents: { replenishment: "supervised" } });
    const decision = routeForApproval(input("autonomous", { settings, discount: 0.2 }));
    expect(decision).toMatchObject({ route: "await-approval", level: "supervised", levelSource: "agent" });
  });
});
