import { describe, expect, it } from "vitest";
import { addUsage, callCostMicros, estimatePromptTokens, monthWindow, worstCaseCostMicros } from "~/domain/content/llm/cost";
import { DEFAULT_MODEL_PRICES } from "~/domain/content/llm/llmSettings";

const MINI = DEFAULT_MODEL_PRICES["gpt-4o-mini"]!;
const LARGE = DEFAULT_MODEL_PRICES["gpt-4o"]!;

describe("model call cost in USD micros", () => {
  it.each([
    ["1M input tokens of the small model: $0.15", MINI, 1_000_000, 0, 150_000],
    ["1M output tokens of the small model: $0.60", MINI, 0, 1_000_000, 600_000],
    ["1,000 in + 200 out, small: 150 + 120", MINI, 1_000, 200, 270],
    ["1,000 in + 200 out, large: 2,500 + 2,000", LARGE, 1_000, 200, 4_500],
    ["a fraction of a micro rounds up", MINI, 1, 0, 1],
    ["7 in + 3 out, small: 1.05 + 1.8 = 2.85 -> 3", MINI, 7, 3, 3],
    ["nothing used costs nothing", LARGE, 0, 0, 0],
    ["negative or broken counts count as zero", LARGE, -5, Number.NaN, 0],
  ])("%s", (_name, price, promptTokens, completionTokens, micros) => {
    expect(callCostMicros(price, { promptTokens, completionTokens })).toBe(micros);
  });

  it("adds usage, ignoring broken counts", () => {
    expect(addUsage({ promptTokens: 10, completionTokens: 5 }, { promptTokens: 3, completionTokens: -1 })).toEqual({ promptTokens: 13, completionTokens: 5 });
  });

  it("prices the worst case as every allowed output token", () => {
    expect(worstCaseCostMicros(LARGE, 1_000, 1_000)).toBe(2_500 + 10_000);
  });

  it.each([
    ["empty conversation", [], 3],
    ["one 40-character message", [{ content: "x".repeat(40) }], 3 + 10 + 4],
    ["rounds each message up", [{ content: "abc" }, { content: "abcde" }], 3 + (1 + 4) + (2 + 4)],
  ])("estimates prompt tokens: %s", (_name, messages, expected) => {
    expect(estimatePromptTokens(messages)).toBe(expected);
  });
});

describe("the month a spending cap covers (UTC)", () => {
  it.each([
    ["mid-month", "2026-06-10T12:00:00Z", "2026-06-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"],
    ["the first instant of a month", "2026-06-01T00:00:00Z", "2026-06-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"],
    ["the last instant of a month", "2026-06-30T23:59:59.999Z", "2026-06-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"],
    ["December rolls into next year", "2026-12-31T18:00:00Z", "2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
    ["February of a leap year", "2028-02-29T08:00:00Z", "2028-02-01T00:00:00.000Z", "2028-03-01T00:00:00.000Z"],
  ])("%s", (_name, now, from, to) => {
    const window = monthWindow(new Date(now));
    expect([window.from.toISOString(), window.to.toISOString()]).toEqual([from, to]);
  });
});
