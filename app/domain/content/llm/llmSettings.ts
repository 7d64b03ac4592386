import { z } from "zod";

/**
 * How a shop uses the language-model copywriter: which model writes for which shoppers (tiers by
 * predicted value, "model arbitrage"), what each model costs, how much the shop spends a month at
 * most, and how hard to try before the deterministic template takes over. Stored in the shop's
 * settings JSON under `llm`; every key has a default, so an older row still parses.
 *
 * Money is in millionths of a US dollar (micros) so costs add up exactly in integers: a call of
 * 1,000 input tokens to a model priced at $0.15 per million costs 150 micros.
 */

/** A tier name, as LlmCall.tier stores it ("small", "large"). */
const TierName = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/u, "A tier name is lower-case letters, digits and dashes, starting with a letter.");
const ModelName = z.string().trim().min(1, "Name the model.").max(100);
const Micros = z.number().int("Use whole micros (millionths of a dollar).").min(0, "An amount cannot be negative.");

export const LlmTier = z.object({
  name: TierName,
  model: ModelName,
  /** Shoppers whose predicted lifetime value is at least this (minor units of the shop currency) get this tier or a higher one. */
  minPclvMinor: z.number().int().min(0),
});
export type LlmTier = z.infer<typeof LlmTier>;

/** USD micros per million tokens: $2.50 per million input tokens is 2,500,000. */
export const ModelPrice = z.object({ inputMicrosPerMillion: Micros, outputMicrosPerMillion: Micros });
export type ModelPrice = z.infer<typeof ModelPrice>;

export const DEFAULT_LLM_TIERS: readonly LlmTier[] = [
  { name: "small", model: "gpt-4o-mini", minPclvMinor: 0 },
  { name: "large", model: "gpt-4o", minPclvMinor: 10_000 },
];

/** List prices per million tokens (input, output): gpt-4o-mini $0.15 / $0.60, gpt-4o $2.50 / $10.00. */
export const DEFAULT_MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-4o-mini": { inputMicrosPerMillion: 150_000, outputMicrosPerMillion: 600_000 },
  "gpt-4o": { inputMicrosPerMillion: 2_500_000, outputMicrosPerMillion: 10_000_000 },
};

export const LlmSettings = z
  .object({
    /** Off: templates write everything even when the app has a model configured. */
    enabled: z.boolean().default(true),
    /** Cheapest first, by rising `minPclvMinor`; a shopper gets the highest tier whose threshold their pCLV reaches. */
    tiers: z
      .array(LlmTier)
      .min(1, "Keep at least one tier.")
      .max(5, "At most five tiers.")
      .default(() => DEFAULT_LLM_TIERS.map((tier) => ({ ...tier }))),
    /** Shoppers at risk of lapsing (P(alive) below this) get the top tier whatever their pCLV; 0 turns this off. */
    atRiskBelowPAlive: z.number().min(0).max(1).default(0.3),
    /** Model name -> price. Every tier's model needs one, so every call's cost is known. */
    prices: z.record(ModelName, ModelPrice).default(() => structuredClone({ ...DEFAULT_MODEL_PRICES })),
    /** The most the shop spends on model calls in a calendar month (UTC), micros; 0 turns the model off. */
    monthlyCapMicros: Micros.default(20_000_000),
    /** From this share of the cap on, every message gets the cheapest tier. */
    cheapestTierFromShare: z.number().min(0).max(1).default(0.8),
    /** Rewrites the critic may ask for before the template takes over. */
    maxRewrites: z.number().int().min(0).max(3).default(1),
    /** Per request, before a retry. */
    timeoutMs: z.number().int().min(1).max(120_000).default(20_000),
    /** Retries after a rate limit (429), a server error (5xx), a lost connection or a timeout. */
    maxRetries: z.number().int().min(0).max(5).default(2),
    /** The most a draft may cost in output tokens (also what the cap check assumes a call will use). */
    maxOutputTokens: z.number().int().min(200).max(4000).default(1000),
  })
  .superRefine((settings, ctx) => {
    const names = new Set<string>();
    settings.tiers.forEach((tier, i) => {
      if (names.has(tier.name)) ctx.addIssue({ code: "custom", path: ["tiers", i, "name"], message: `Tier "${tier.name}" is named twice.` });
      names.add(tier.name);
      const previous = settings.tiers[i - 1];
      if (previous && tier.minPclvMinor <= previous.minPclvMinor) {
        ctx.addIssue({ code: "custom", path: ["tiers", i, "minPclvMinor"], message: "List tiers cheapest first, each starting at a higher pCLV than the one before." });
      }
      if (!Object.hasOwn(settings.prices, tier.model)) ctx.addIssue({ code: "custom", path: ["tiers", i, "model"], message: `No price for ${tier.model}: add it to prices.` });
    });
  });
export type LlmSettings = z.output<typeof LlmSettings>;
export type LlmSettingsInput = z.input<typeof LlmSettings>;

export const DEFAULT_LLM_SETTINGS: LlmSettings = LlmSettings.parse({});
