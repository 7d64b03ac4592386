import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LLM_SETTINGS } from "~/domain/content/llm/llmSettings";
import { parseShopSettings } from "~/domain/shop/shopSettings";
import { recordLlmCall, type LlmCallRecord } from "~/services/content/llmCalls.server";
import { llmSettingsToFields, loadLlmSettingsView, microsToUsd, modelConfiguration, saveLlmSettings, type LlmFormFields } from "~/services/content/llmSettingsForm.server";
import { createObjective } from "~/services/planning/objectives.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { createGovernanceShop } from "../support/governanceMessages";

const A = "shop-a.myshopify.com";
const B = "shop-b.myshopify.com";
const YEN = "yen.myshopify.com";
const SPENDER = "spender.myshopify.com";
const NOW = new Date("2026-06-20T12:00:00Z");
const SMTP = { host: "smtp.shop-a.example", port: 587, secure: false, user: null, fromName: null, fromAddress: "news@shop-a.example" };

/** The form as the page first shows it for the defaults in USD, with changes. */
const fields = (overrides: Partial<LlmFormFields> = {}): LlmFormFields => ({ ...llmSettingsToFields(DEFAULT_LLM_SETTINGS, "USD"), ...overrides });

const THREE_TIERS: LlmFormFields["tiers"] = [
  { name: "small", model: "gpt-4o-mini", fromPclv: "0" },
  { name: "mid", model: "gpt-4.1-mini", fromPclv: "50.00" },
  { name: "large", model: "gpt-4o", fromPclv: "250.5" },
  { name: "", model: "", fromPclv: "" },
];
const FOUR_PRICES: LlmFormFields["prices"] = [
  { model: "gpt-4o-mini", input: "0.15", output: "0.60" },
  { model: "gpt-4o", input: "2.50", output: "10" },
  { model: " gpt-4.1-mini ", input: "$0.40", output: "1.6" },
  { model: "", input: "", output: "" },
];

/**
 * The Delivery page's language-model form on both databases: a valid form round-trips through the
 * shop's settings as exact minor units and micros, replacing only `llm` (other settings and keys this
 * version does not know survive, and so do the LLM settings the form does not show); an invalid one
 * is refused field by field with nothing written; JPY thresholds have no decimals.
 */
describe.each(DATABASE_KINDS)("language-model settings form on %s", (kind) => {
  let t: TestDatabase;
  const stored = async (shopId = A) => (await t.db.shop.findUniqueOrThrow({ where: { id: shopId } })).settings;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await createGovernanceShop(t.db, A);
    await createGovernanceShop(t.db, B);
    await createGovernanceShop(t.db, SPENDER);
    await t.db.shop.create({ data: { id: YEN, currencyCode: "JPY" } });
    await t.db.shop.update({
      where: { id: A },
      data: { settings: JSON.stringify({ abandonmentDelayMinutes: 90, smtp: SMTP, futureFeature: { on: true }, llm: { timeoutMs: 15_000, maxRetries: 4, cheapestTierFromShare: 0.5 } }) },
    });
  }, 120_000);
  afterAll(() => t?.drop());

  it("shows dollars from micros with two to six decimals", () => {
    expect([150, 150_000, 2_500_000, 20_000_000, 0, 1].map(microsToUsd)).toEqual(["0.00015", "0.15", "2.50", "20.00", "0.00", "0.000001"]);
  });

  it("saves a valid form as exact amounts and keeps every other setting", async () => {
    const result = await saveLlmSettings(t.db, A, fields({ enabled: false, tiers: THREE_TIERS, prices: FOUR_PRICES, atRiskBelowPAlive: "0.25", monthlyCap: "35.5", maxRewrites: "2" }));
    expect(result.ok).toBe(true);
    const raw = JSON.parse(await stored()) as Record<string, unknown>;
    expect(raw.abandonmentDelayMinutes).toBe(90);
    expect(raw.smtp).toEqual(SMTP);
    expect(raw.futureFeature).toEqual({ on: true });
    expect(raw.llm).toEqual({
      enabled: false,
      tiers: [
        { name: "small", model: "gpt-4o-mini", minPclvMinor: 0 },
        { name: "mid", model: "gpt-4.1-mini", minPclvMinor: 5_000 },
        { name: "large", model: "gpt-4o", minPclvMinor: 25_050 },
      ],
      atRiskBelowPAlive: 0.25,
      prices: {
        "gpt-4o-mini": { inputMicrosPerMillion: 150_000, outputMicrosPerMillion: 600_000 },
        "gpt-4o": { inputMicrosPerMillion: 2_500_000, outputMicrosPerMillion: 10_000_000 },
        "gpt-4.1-mini": { inputMicrosPerMillion: 400_000, outputMicrosPerMillion: 1_600_000 },
      },
      monthlyCapMicros: 35_500_000,
      // Not on the form: kept as stored (or their defaults).
      cheapestTierFromShare: 0.5,
      maxRewrites: 2,
      timeoutMs: 15_000,
      maxRetries: 4,
      maxOutputTokens: DEFAULT_LLM_SETTINGS.maxOutputTokens,
    });
    expect(parseShopSettings(await stored()).llm.tiers).toHaveLength(3);

    // The page shows the saved values back as typed (normalised), without the blank rows.
    const view = await loadLlmSettingsView(t.db, A, NOW, {});
    expect(view.fields).toEqual({
      enabled: false,
      tiers: [
        { name: "small", model: "gpt-4o-mini", fromPclv: "0.00" },
        { name: "mid", model: "gpt-4.1-mini", fromPclv: "50.00" },
        { name: "large", model: "gpt-4o", fromPclv: "250.50" },
      ],
      atRiskBelowPAlive: "0.25",
      prices: [
        { model: "gpt-4o-mini", input: "0.15", output: "0.60" },
        { model: "gpt-4o", input: "2.50", output: "10.00" },
        { model: "gpt-4.1-mini", input: "0.40", output: "1.60" },
      ],
      monthlyCap: "35.50",
      maxRewrites: "2",
    });
    if (result.ok) expect(result.fields).toEqual(view.fields);
    // Saving what the page shows changes nothing.
    const before = await stored();
    expect((await saveLlmSettings(t.db, A, view.fields)).ok).toBe(true);
    expect(JSON.parse(await stored())).toEqual(JSON.parse(before));
    // Another shop's settings are untouched.
    expect(parseShopSettings(await stored(B)).llm).toEqual(DEFAULT_LLM_SETTINGS);
  });

  const swapTier = (i: number, row: Partial<LlmFormFields["tiers"][number]>) => THREE_TIERS.map((tier, j) => (j === i ? { ...tier, ...row } : tier));
  const swapPrice = (i: number, row: Partial<LlmFormFields["prices"][number]>) => FOUR_PRICES.map((price, j) => (j === i ? { ...price, ...row } : price));

  it.each<[string, Partial<LlmFormFields>, string, RegExp]>([
    ["a pCLV that is not an amount", { tiers: swapTier(1, { fromPclv: "fifty" }) }, "tier.1.fromPclv", /An amount in USD such as 100\.00/],
    ["a USD pCLV with three decimals", { tiers: swapTier(1, { fromPclv: "50.001" }) }, "tier.1.fromPclv", /at most 2 decimals/],
    ["a blank pCLV", { tiers: swapTier(2, { fromPclv: " " }) }, "tier.2.fromPclv", /Enter the pCLV/],
    ["tiers out of order", { tiers: swapTier(2, { fromPclv: "40" }) }, "tier.2.fromPclv", /cheapest first/],
    ["a tier name with capitals", { tiers: swapTier(0, { name: "Small Tier" }) }, "tier.0.name", /lower-case letters/],
    ["a tier named twice", { tiers: swapTier(2, { name: "small" }) }, "tier.2.name", /named twice/],
    ["a tier model without a price", { tiers: swapTier(1, { model: "claude-x" }) }, "tier.1.model", /No price for claude-x/],
    ["a tier without a model", { tiers: swapTier(1, { model: "" }) }, "tier.1.model", /Name the model/],
    ["no tier at all", { tiers: [{ name: "", model: "", fromPclv: "" }] }, "tiers", /at least one tier/],
    ["a P(alive) above 1", { atRiskBelowPAlive: "1.5" }, "atRiskBelowPAlive", /from 0 to 1/],
    ["a P(alive) that is not a number", { atRiskBelowPAlive: "half" }, "atRiskBelowPAlive", /from 0 to 1/],
    ["a negative price", { prices: swapPrice(1, { input: "-2.50" }) }, "price.1.input", /US dollars per million tokens/],
    ["a price with seven decimals", { prices: swapPrice(2, { output: "0.0000001" }) }, "price.2.output", /at most six decimals/],
    ["a price without a model", { prices: swapPrice(3, { input: "1" }) }, "price.3.model", /Name the model/],
    ["a model priced twice", { prices: swapPrice(3, { model: "gpt-4o", input: "1", output: "2" }) }, "price.3.model", /listed twice/],
    ["a blank cap", { monthlyCap: "" }, "monthlyCap", /US dollars a month/],
    ["a negative cap", { monthlyCap: "-5" }, "monthlyCap", /US dollars a month/],
    ["four rewrites", { maxRewrites: "4" }, "maxRewrites", /from 0 to 3/],
    ["half a rewrite", { maxRewrites: "1.5" }, "maxRewrites", /from 0 to 3/],
  ])("refuses %s on its field and saves nothing", async (_name, change, field, message) => {
    const before = await stored();
    const result = await saveLlmSettings(t.db, A, fields({ tiers: THREE_TIERS, prices: FOUR_PRICES, ...change }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[field]).toMatch(message);
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(await stored()).toBe(before);
  });

  it("names every wrong field at once", async () => {
    const before = await stored();
    const result = await saveLlmSettings(t.db, A, fields({ tiers: swapTier(0, { name: "Bad" }), prices: swapPrice(0, { input: "x" }), monthlyCap: "lots", maxRewrites: "9" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(["maxRewrites", "monthlyCap", "price.0.input", "tier.0.name"]);
    expect(await stored()).toBe(before);
  });

  it("takes JPY thresholds without decimals", async () => {
    const yen = (fromPclv: string) => fields({ tiers: [{ name: "small", model: "gpt-4o-mini", fromPclv: "0" }, { name: "large", model: "gpt-4o", fromPclv }] });
    const refused = await saveLlmSettings(t.db, YEN, yen("15000.5"));
    expect(refused).toEqual({ ok: false, errors: { "tier.1.fromPclv": "JPY amounts have no decimals." } });
    expect(await stored(YEN)).toBe("{}");
    const notAmount = await saveLlmSettings(t.db, YEN, yen("1万"));
    expect(notAmount.ok ? null : notAmount.errors).toEqual({ "tier.1.fromPclv": "An amount in JPY such as 100." });

    expect((await saveLlmSettings(t.db, YEN, yen("15000"))).ok).toBe(true);
    expect(parseShopSettings(await stored(YEN)).llm.tiers.map((tier) => tier.minPclvMinor)).toEqual([0, 15_000]);
    const view = await loadLlmSettingsView(t.db, YEN, NOW, {});
    expect(view.currencyCode).toBe("JPY");
    expect(view.fields.tiers.map((tier) => tier.fromPclv)).toEqual(["0", "15000"]);
    // "15000.0" carries no fraction: accepted as 15000.
    expect((await saveLlmSettings(t.db, YEN, yen("15000.0"))).ok).toBe(true);
    expect(parseShopSettings(await stored(YEN)).llm.tiers[1]?.minPclvMinor).toBe(15_000);
  });

  it("says whether a model is configured without ever showing the key", async () => {
    expect(modelConfiguration({})).toEqual({ configured: false, apiKeySet: false, baseUrlSet: false, problem: null });
    expect(modelConfiguration({ OPENAI_BASE_URL: "http://127.0.0.1:9/v1" })).toMatchObject({ configured: true, apiKeySet: false, baseUrlSet: true });
    const key = "sk-test-SECRET-0123456789abcdefghijklmnop";
    const view = await loadLlmSettingsView(t.db, A, NOW, { OPENAI_API_KEY: key });
    expect(view.model).toEqual({ configured: true, apiKeySet: true, baseUrlSet: false, problem: null });
    expect(JSON.stringify(view)).not.toContain("SECRET");
    expect(modelConfiguration({ OPENAI_BASE_URL: "not a url" })).toMatchObject({ configured: false, problem: expect.stringContaining("not valid") });
  });

  it("shows this month's spend against the cap and the last 30 days by agent and objective, for this shop only", async () => {
    const objective = await createObjective(t.db, SPENDER, { goal: "recover-carts", target: null, horizonDays: 30, messagesPerShopperPerWeek: 2, discountBudgetMinor: 0, agentsAllowed: ["cart-intent"] }, `obj-${kind}`);
    const call = (shopId: string, messageId: string, agent: string, objectiveId: string | null, costMicros: number, createdAt: string, outcome: LlmCallRecord["outcome"] = "ok") =>
      recordLlmCall(t.db, { shopId, messageId, agent, objectiveId, tier: "small", model: "gpt-4o-mini", promptTokens: 100, completionTokens: 50, costMicros, outcome, promptSha256: "a".repeat(64), createdAt: new Date(createdAt) });
    await call(SPENDER, "m1", "cart-intent", objective.id, 1_000, "2026-06-02T00:00:00Z");
    await call(SPENDER, "m1", "cart-intent", objective.id, 500, "2026-06-02T00:01:00Z", "critic-rejected");
    await call(SPENDER, "m2", "cart-intent", objective.id, 2_000, "2026-06-10T00:00:00Z");
    await call(SPENDER, "m3", "loyalty", null, 250, "2026-05-25T00:00:00Z"); // last month, within 30 days
    await call(SPENDER, "m4", "loyalty", null, 9_999_999, "2026-05-01T00:00:00Z"); // more than 30 days ago
    await call(B, "b1", "loyalty", null, 7_777_777, "2026-06-10T00:00:00Z");

    const view = await loadLlmSettingsView(t.db, SPENDER, NOW, {});
    expect(view.month).toEqual({ spend: "$0.0035", cap: "$20.00", share: 3_500 / 20_000_000, spendMicros: 3_500, capMicros: 20_000_000 });
    expect(view.last30Days.from).toBe("2026-05-21T12:00:00.000Z");
    expect(view.last30Days.rows).toEqual([
      { agent: "cart-intent", objective: "Recover abandoned carts", calls: 3, messages: 2, cost: "$0.0035", costPerMessage: "$0.00175" },
      { agent: "loyalty", objective: "–", calls: 1, messages: 1, cost: "$0.00025", costPerMessage: "$0.00025" },
    ]);
    expect(view.last30Days.total).toMatchObject({ calls: 4, messages: 3, cost: "$0.00375", costPerMessage: "$0.00125" });
    const other = await loadLlmSettingsView(t.db, B, NOW, {});
    expect(other.last30Days.rows.map((row) => row.cost)).toEqual(["$7.777777"]);
    expect(other.month.cap).toBe("$20.00");
  });
});
