import { describe, expect, it } from "vitest";
import { DEFAULT_LLM_SETTINGS, LlmSettings, type LlmSettingsInput } from "~/domain/content/llm/llmSettings";
import { chooseEngine, tierByValue } from "~/domain/content/llm/modelTiers";

const settings = (changes: LlmSettingsInput = {}) => LlmSettings.parse(changes);
const THREE = settings({
  tiers: [
    { name: "small", model: "gpt-4o-mini", minPclvMinor: 0 },
    { name: "medium", model: "mid", minPclvMinor: 10_000 },
    { name: "large", model: "gpt-4o", minPclvMinor: 50_000 },
  ],
  prices: { "gpt-4o-mini": { inputMicrosPerMillion: 150_000, outputMicrosPerMillion: 600_000 }, mid: { inputMicrosPerMillion: 1_000_000, outputMicrosPerMillion: 4_000_000 }, "gpt-4o": { inputMicrosPerMillion: 2_500_000, outputMicrosPerMillion: 10_000_000 } },
});

describe("the tier a shopper's value earns", () => {
  it.each<[string, number | null, number | null, string]>([
    ["unknown pCLV: the cheapest", null, null, "small"],
    ["below the first threshold", 9_999, 0.9, "small"],
    ["exactly at a threshold", 10_000, 0.9, "medium"],
    ["between thresholds", 49_999, null, "medium"],
    ["above the top threshold", 250_000, 0.9, "large"],
    ["at risk of lapsing, whatever the pCLV", 1_000, 0.2, "large"],
    ["at risk with an unknown pCLV", null, 0.05, "large"],
    ["P(alive) exactly at the line is not at risk", 1_000, 0.3, "small"],
  ])("%s", (_name, pclvMinor, pAlive, tier) => {
    expect(tierByValue(THREE, { pclvMinor, pAlive }).tier.name).toBe(tier);
  });

  it("never treats a shopper as at risk when the setting is 0", () => {
    expect(tierByValue(settings({ atRiskBelowPAlive: 0 }), { pclvMinor: 100, pAlive: 0 }).tier.name).toBe("small");
  });
});

describe("the engine the month's budget allows", () => {
  const cap = 1_000_000;
  const budget = (spentMicros: number) => ({ spentMicros, estimatedPromptTokens: 1_000 });
  // Worst cases with 1,000 prompt tokens and the default 1,000 output tokens: small 750, large 12,500 micros.
  it.each<[string, LlmSettingsInput, number | null, number, { engine: string; tier?: string; reason?: string; degraded?: boolean }]>([
    ["a valuable shopper, nothing spent: the large model", {}, 20_000, 0, { engine: "llm", tier: "large", degraded: false }],
    ["an ordinary shopper: the small model", {}, 2_000, 0, { engine: "llm", tier: "small", degraded: false }],
    ["80% of the cap spent: the valuable shopper gets the small model", {}, 20_000, 800_000, { engine: "llm", tier: "small", degraded: true }],
    ["just under 80%: still the large model", {}, 20_000, 799_999, { engine: "llm", tier: "large", degraded: false }],
    ["a large call could cross the cap: one tier down", { cheapestTierFromShare: 1 }, 20_000, cap - 12_499, { engine: "llm", tier: "small", degraded: true }],
    ["a large call fits exactly", { cheapestTierFromShare: 1 }, 20_000, cap - 12_500, { engine: "llm", tier: "large", degraded: false }],
    ["not even a small call fits: the template", {}, 2_000, cap - 749, { engine: "template", reason: "over-cap" }],
    ["the cap reached: the template", {}, 20_000, cap, { engine: "template", reason: "over-cap" }],
    ["over the cap: the template", {}, 20_000, cap + 5, { engine: "template", reason: "over-cap" }],
    ["a cap of zero turns the model off", { monthlyCapMicros: 0 }, 2_000, 0, { engine: "template", reason: "over-cap" }],
    ["the shop turned it off", { enabled: false }, 20_000, 0, { engine: "template", reason: "disabled" }],
  ])("%s", (_name, changes, pclvMinor, spent, expected) => {
    const choice = chooseEngine(settings({ monthlyCapMicros: cap, ...changes }), { pclvMinor, pAlive: 0.9 }, budget(spent));
    expect(choice.engine).toBe(expected.engine);
    if (choice.engine === "llm") {
      expect(choice.tier.name).toBe(expected.tier);
      expect(choice.degraded).toBe(expected.degraded);
      expect(choice.price).toEqual(DEFAULT_LLM_SETTINGS.prices[choice.tier.model]);
    } else {
      expect(choice.reason).toBe(expected.reason);
    }
  });

  it("steps down one tier at a time: medium when large would cross the cap but medium fits", () => {
    // Worst cases at 1,000 prompt tokens: large 12,500, medium 5,000 micros.
    const choice = chooseEngine(LlmSettings.parse({ ...THREE, monthlyCapMicros: cap, cheapestTierFromShare: 1 }), { pclvMinor: 60_000, pAlive: 0.9 }, budget(cap - 6_000));
    expect(choice).toMatchObject({ engine: "llm", tier: { name: "medium" }, valueTier: { name: "large" }, degraded: true });
  });
});
