import { z } from "zod";
import { DEFAULT_LLM_SETTINGS, LlmSettings } from "../content/llm/llmSettings";
import { BrandVoice, DEFAULT_BRAND_VOICE } from "../content/templates/brandVoice";
import { AutonomySettings, DEFAULT_AUTONOMY_SETTINGS } from "../governance/autonomy/settings";
import { DEFAULT_LOYALTY_RULE, LoyaltyRule } from "../loyalty/loyaltyRule";

/**
 * A shop's settings, stored as JSON on its row and validated on every read, so a row written by an
 * older version still yields a complete, valid value (missing keys take their defaults).
 */
export const ShopSettings = z.object({
  loyaltyRule: LoyaltyRule.default(DEFAULT_LOYALTY_RULE),
  /** Minutes without activity after which an unfinished cart or checkout counts as abandoned. */
  abandonmentDelayMinutes: z.number().int().min(5).max(7 * 24 * 60).default(60),
  /** How much the system may decide alone: levels per objective and agent, and the risks a person reviews. */
  autonomy: AutonomySettings.default(DEFAULT_AUTONOMY_SETTINGS),
  /** How template copy sounds (tone, formality, first names, who signs). */
  brandVoice: BrandVoice.default(DEFAULT_BRAND_VOICE),
  /** Copy by a language model: tiers by customer value, prices, the monthly cap (used only when a model is configured). */
  llm: LlmSettings.default(DEFAULT_LLM_SETTINGS),
});
export type ShopSettings = z.infer<typeof ShopSettings>;

export const DEFAULT_SHOP_SETTINGS: ShopSettings = ShopSettings.parse({});

/** Parses the stored JSON; a corrupt document is an error naming the problem, never silently reset. */
export function parseShopSettings(json: string): ShopSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`shop settings are not valid JSON: ${(error as Error).message}`);
  }
  const result = ShopSettings.safeParse(raw);
  if (!result.success) {
    throw new Error(`shop settings are invalid: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return result.data;
}
