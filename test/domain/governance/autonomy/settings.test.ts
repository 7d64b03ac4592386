import { describe, expect, it } from "vitest";
import { AUTONOMY_LEVELS, moreCautious, type AutonomyLevel } from "~/domain/governance/autonomy/level";
import { AutonomySettings, DEFAULT_AUTONOMY_SETTINGS, resolveLevel } from "~/domain/governance/autonomy/settings";

describe("autonomy settings", () => {
  it("default to assisted, no overrides, a 10% discount threshold and every other threshold off", () => {
    expect(DEFAULT_AUTONOMY_SETTINGS).toEqual({
      defaultLevel: "assisted",
      objectives: {},
      agents: {},
      supervised: { discountAbove: 0.1, pclvAboveMinor: null, expectedValueAboveMinor: null, firstMessageToShopper: false, llmWrittenCopy: false },
    });
  });

  it.each([
    ["an unknown level", { defaultLevel: "yolo" }],
    ["an unknown agent", { agents: { newsletter: "autonomous" } }],
    ["a discount share over 1", { supervised: { discountAbove: 15 } }],
    ["a negative pCLV threshold", { supervised: { pclvAboveMinor: -1 } }],
    ["fractional minor units", { supervised: { expectedValueAboveMinor: 10.5 } }],
    ["an empty objective id", { objectives: { "": "assisted" } }],
  ])("refuse %s", (_name, input) => {
    expect(AutonomySettings.safeParse(input).success).toBe(false);
  });

  it("fill in a partial supervised block with the remaining defaults", () => {
    const settings = AutonomySettings.parse({ supervised: { llmWrittenCopy: true } });
    expect(settings.supervised).toEqual({ discountAbove: 0.1, pclvAboveMinor: null, expectedValueAboveMinor: null, firstMessageToShopper: false, llmWrittenCopy: true });
  });
});

describe("the more cautious level", () => {
  const cases: Array<[AutonomyLevel, AutonomyLevel, AutonomyLevel]> = [
    ["assisted", "autonomous", "assisted"],
    ["autonomous", "assisted", "assisted"],
    ["supervised", "autonomous", "supervised"],
    ["autonomous", "supervised", "supervised"],
    ["supervised", "assisted", "assisted"],
    ["autonomous", "autonomous", "autonomous"],
  ];
  it.each(cases)("of %s and %s is %s", (a, b, expected) => {
    expect(moreCautious(a, b)).toBe(expected);
  });
  it("is ordered assisted < supervised < autonomous", () => {
    expect(AUTONOMY_LEVELS).toEqual(["assisted", "supervised", "autonomous"]);
  });
});

describe("the level for one message", () => {
  const settings = AutonomySettings.parse({
    defaultLevel: "supervised",
    objectives: { "obj-auto": "autonomous", "obj-assist": "assisted" },
    agents: { loyalty: "assisted", "cart-intent": "autonomous", replenishment: "supervised" },
  });
  it.each([
    ["no override: the default", "obj-none", "post-purchase", "supervised", "default"],
    ["objective only", "obj-auto", "post-purchase", "autonomous", "objective"],
    ["agent only", "obj-none", "cart-intent", "autonomous", "agent"],
    ["objective autonomous, agent assisted: the agent's caution wins", "obj-auto", "loyalty", "assisted", "agent"],
    ["objective assisted, agent autonomous: the objective's caution wins", "obj-assist", "cart-intent", "assisted", "objective"],
    ["objective autonomous, agent supervised", "obj-auto", "replenishment", "supervised", "agent"],
    ["both autonomous", "obj-auto", "cart-intent", "autonomous", "objective-and-agent"],
  ] as const)("%s", (_name, objectiveId, agent, level, source) => {
    expect(resolveLevel(settings, objectiveId, agent)).toEqual({ level, source });
  });

  it("an override replaces a more cautious default (default assisted, objective autonomous)", () => {
    const assistedByDefault = AutonomySettings.parse({ objectives: { "obj-auto": "autonomous" } });
    expect(resolveLevel(assistedByDefault, "obj-auto", "loyalty")).toEqual({ level: "autonomous", source: "objective" });
  });
});
