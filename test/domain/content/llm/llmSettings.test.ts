import { describe, expect, it } from "vitest";
import { DEFAULT_LLM_SETTINGS, LlmSettings } from "~/domain/content/llm/llmSettings";

describe("LLM settings", () => {
  it("defaults to a small and a large tier split at a pCLV of 10,000, with prices for both, one rewrite and a $20 monthly cap", () => {
    expect(DEFAULT_LLM_SETTINGS).toMatchObject({
      enabled: true,
      tiers: [
        { name: "small", model: "gpt-4o-mini", minPclvMinor: 0 },
        { name: "large", model: "gpt-4o", minPclvMinor: 10_000 },
      ],
      prices: { "gpt-4o-mini": { inputMicrosPerMillion: 150_000, outputMicrosPerMillion: 600_000 }, "gpt-4o": { inputMicrosPerMillion: 2_500_000, outputMicrosPerMillion: 10_000_000 } },
      monthlyCapMicros: 20_000_000,
      maxRewrites: 1,
    });
    expect(LlmSettings.parse({})).toEqual(DEFAULT_LLM_SETTINGS);
  });

  it("fills what a stored document leaves out", () => {
    expect(LlmSettings.parse({ monthlyCapMicros: 5_000_000 })).toEqual({ ...DEFAULT_LLM_SETTINGS, monthlyCapMicros: 5_000_000 });
  });

  it("gives each parse its own tiers and prices (no shared defaults to mutate)", () => {
    const a = LlmSettings.parse({});
    a.tiers[0]!.model = "changed";
    expect(LlmSettings.parse({}).tiers[0]!.model).toBe("gpt-4o-mini");
  });

  const prices = { a: { inputMicrosPerMillion: 1, outputMicrosPerMillion: 2 }, b: { inputMicrosPerMillion: 3, outputMicrosPerMillion: 4 } };
  it.each<[string, Record<string, unknown>, string]>([
    ["tiers out of order", { prices, tiers: [{ name: "big", model: "b", minPclvMinor: 5_000 }, { name: "small", model: "a", minPclvMinor: 0 }] }, "tiers.1.minPclvMinor"],
    ["two tiers from the same pCLV", { prices, tiers: [{ name: "x", model: "a", minPclvMinor: 0 }, { name: "y", model: "b", minPclvMinor: 0 }] }, "tiers.1.minPclvMinor"],
    ["a tier named twice", { prices, tiers: [{ name: "x", model: "a", minPclvMinor: 0 }, { name: "x", model: "b", minPclvMinor: 10 }] }, "tiers.1.name"],
    ["a model without a price", { prices, tiers: [{ name: "x", model: "c", minPclvMinor: 0 }] }, "tiers.0.model"],
    ["no tiers", { tiers: [] }, "tiers"],
    ["a fractional cap", { monthlyCapMicros: 1.5 }, "monthlyCapMicros"],
    ["more than three rewrites", { maxRewrites: 4 }, "maxRewrites"],
    ["a tier name with spaces", { prices, tiers: [{ name: "Big one", model: "a", minPclvMinor: 0 }] }, "tiers.0.name"],
  ])("refuses %s, naming the path", (_name, document, path) => {
    const result = LlmSettings.safeParse(document);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });
});
