import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { llmCostSummary, monthlySpendMicros, recordLlmCall, type LlmCallRecord } from "~/services/content/llmCalls.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";

/** LlmCall sums on both databases: the month's spend for the cap, and the cost summary by agent, objective and tier. */
describe.each(DATABASE_KINDS)("model call costs on %s", (kind) => {
  let database: TestDatabase;
  let shopCounter = 0;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const call = (changes: Partial<LlmCallRecord> & { shopId: string; costMicros: number; createdAt: Date }): LlmCallRecord => ({
    messageId: "m",
    agent: "loyalty",
    objectiveId: "obj",
    tier: "small",
    model: "gpt-4o-mini",
    promptTokens: 0,
    completionTokens: 0,
    outcome: "ok",
    promptSha256: "c".repeat(64),
    ...changes,
  });

  it("counts the calendar month (UTC) of now, for this shop only", async () => {
    const shopId = `spend-${++shopCounter}.myshopify.com`;
    for (const [costMicros, at] of [
      [1, "2026-05-31T23:59:59.999Z"],
      [20, "2026-06-01T00:00:00.000Z"],
      [300, "2026-06-30T23:59:59.999Z"],
      [4_000, "2026-07-01T00:00:00.000Z"],
    ] as const) {
      await recordLlmCall(database.db, call({ shopId, costMicros, createdAt: new Date(at) }));
    }
    await recordLlmCall(database.db, call({ shopId: "someone-else.myshopify.com", costMicros: 50_000, createdAt: new Date("2026-06-10T00:00:00Z") }));
    expect(await monthlySpendMicros(database.db, shopId, new Date("2026-06-15T12:00:00Z"))).toBe(320);
    expect(await monthlySpendMicros(database.db, shopId, new Date("2026-07-02T00:00:00Z"))).toBe(4_000);
    expect(await monthlySpendMicros(database.db, shopId, new Date("2026-08-02T00:00:00Z"))).toBe(0);
  });

  it("sums calls, tokens and cost per agent and objective, per tier and in total, within the window", async () => {
    const shopId = `summary-${++shopCounter}.myshopify.com`;
    const at = (day: number) => new Date(Date.UTC(2026, 5, day));
    const row = (messageId: string, agent: string, objectiveId: string | null, tier: string, model: string, costMicros: number, outcome: "ok" | "critic-rejected" | "over-cap", day: number) =>
      recordLlmCall(database.db, { shopId, messageId, agent, objectiveId, tier, model, promptTokens: costMicros * 2, completionTokens: costMicros, costMicros, outcome, promptSha256: "a".repeat(64), createdAt: at(day) });
    await row("m1", "replenishment", "obj-1", "small", "gpt-4o-mini", 100, "critic-rejected", 2);
    await row("m1", "replenishment", "obj-1", "small", "gpt-4o-mini", 120, "ok", 2);
    await row("m2", "replenishment", "obj-1", "large", "gpt-4o", 4_000, "ok", 3);
    await row("m3", "loyalty", "obj-2", "large", "gpt-4o", 3_000, "ok", 4);
    await row("m4", "loyalty", "obj-2", "large", "gpt-4o", 0, "over-cap", 5);
    await row("m5", "loyalty", null, "small", "gpt-4o-mini", 50, "ok", 6);
    await row("m6", "loyalty", "obj-2", "large", "gpt-4o", 99_999, "ok", 30 + 1); // July: outside
    await recordLlmCall(database.db, { shopId: "other.myshopify.com", messageId: "x", agent: "loyalty", objectiveId: "obj-2", tier: "large", model: "gpt-4o", promptTokens: 1, completionTokens: 1, costMicros: 77_777, outcome: "ok", promptSha256: "b".repeat(64), createdAt: at(4) });

    const summary = await llmCostSummary(database.db, shopId, at(1), new Date(Date.UTC(2026, 6, 1)));
    expect(summary.total).toEqual({ calls: 5, messages: 5, promptTokens: 2 * 7_270, completionTokens: 7_270, costMicros: 7_270, byOutcome: { ok: 4, "critic-rejected": 1, "over-cap": 1 } });
    expect(summary.byAgentObjective).toEqual([
      { agent: "replenishment", objectiveId: "obj-1", calls: 3, messages: 2, promptTokens: 8_440, completionTokens: 4_220, costMicros: 4_220, costPerMessageMicros: 2_110, byOutcome: { ok: 2, "critic-rejected": 1 } },
      { agent: "loyalty", objectiveId: "obj-2", calls: 1, messages: 2, promptTokens: 6_000, completionTokens: 3_000, costMicros: 3_000, costPerMessageMicros: 1_500, byOutcome: { ok: 1, "over-cap": 1 } },
      { agent: "loyalty", objectiveId: null, calls: 1, messages: 1, promptTokens: 100, completionTokens: 50, costMicros: 50, costPerMessageMicros: 50, byOutcome: { ok: 1 } },
    ]);
    expect(summary.byTier).toEqual([
      { tier: "large", model: "gpt-4o", calls: 2, promptTokens: 14_000, completionTokens: 7_000, costMicros: 7_000 },
      { tier: "small", model: "gpt-4o-mini", calls: 3, promptTokens: 540, completionTokens: 270, costMicros: 270 },
    ]);
  });

});
