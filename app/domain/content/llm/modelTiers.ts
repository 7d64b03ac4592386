import { worstCaseCostMicros } from "./cost";
import type { LlmSettings, LlmTier, ModelPrice } from "./llmSettings";

/**
 * Which model writes a message ("model arbitrage"): the better, dearer model where a message is
 * worth more, the cheap one elsewhere, and none once the month's budget is spent.
 *  - By value: the highest tier whose pCLV threshold the shopper reaches (unknown pCLV: the
 *    cheapest); a shopper at risk of lapsing (P(alive) below the setting) gets the top tier.
 *  - By budget: from `cheapestTierFromShare` of the monthly cap on, the cheapest tier only; and a
 *    call whose worst case (estimated prompt, all allowed output tokens) would cross the cap goes
 *    one tier down, then to the template ("over-cap"). The critic checks every draft whichever
 *    model wrote it.
 */
export type TierShopper = { pclvMinor: number | null; pAlive: number | null };

export type ValueTier = { index: number; tier: LlmTier; reason: string };

export function tierByValue(settings: LlmSettings, shopper: TierShopper): ValueTier {
  const { tiers } = settings;
  const top = tiers.length - 1;
  if (shopper.pAlive !== null && Number.isFinite(shopper.pAlive) && shopper.pAlive < settings.atRiskBelowPAlive) {
    return { index: top, tier: tiers[top] as LlmTier, reason: `at risk of lapsing (P(alive) ${shopper.pAlive.toFixed(2)} < ${settings.atRiskBelowPAlive})` };
  }
  if (shopper.pclvMinor === null || !Number.isFinite(shopper.pclvMinor)) return { index: 0, tier: tiers[0] as LlmTier, reason: "pCLV unknown" };
  let index = 0;
  tiers.forEach((tier, i) => {
    if ((shopper.pclvMinor as number) >= tier.minPclvMinor) index = i;
  });
  const tier = tiers[index] as LlmTier;
  return { index, tier, reason: `pCLV ${shopper.pclvMinor} >= ${tier.minPclvMinor}` };
}

export type EngineChoice =
  | { engine: "llm"; tier: LlmTier; price: ModelPrice; valueTier: LlmTier; degraded: boolean; reason: string }
  | { engine: "template"; reason: "disabled" | "over-cap"; valueTier: LlmTier; explanation: string };

export type BudgetState = {
  /** Spent on model calls this month, micros (every recorded LlmCall). */
  spentMicros: number;
  /** Estimated tokens of the prompt about to be sent. */
  estimatedPromptTokens: number;
};

export function chooseEngine(settings: LlmSettings, shopper: TierShopper, budget: BudgetState): EngineChoice {
  const value = tierByValue(settings, shopper);
  if (!settings.enabled) return { engine: "template", reason: "disabled", valueTier: value.tier, explanation: "The shop has turned model copy off." };
  const cap = settings.monthlyCapMicros;
  const spent = Math.max(0, budget.spentMicros);
  if (spent >= cap) return { engine: "template", reason: "over-cap", valueTier: value.tier, explanation: `This month's model spend (${spent} micros) has reached the cap (${cap}).` };
  const nearCap = spent >= settings.cheapestTierFromShare * cap;
  const start = nearCap ? 0 : value.index;
  for (let i = start; i >= 0; i--) {
    const tier = settings.tiers[i] as LlmTier;
    const price = settings.prices[tier.model];
    if (!price) continue;
    if (spent + worstCaseCostMicros(price, budget.estimatedPromptTokens, settings.maxOutputTokens) > cap) continue;
    const degraded = i < value.index;
    const why = degraded ? (nearCap && i === start ? `near the monthly cap (${spent} of ${cap} micros): cheapest tier` : `a ${value.tier.name} call could cross the monthly cap`) : value.reason;
    return { engine: "llm", tier, price, valueTier: value.tier, degraded, reason: `${tier.name} (${tier.model}): ${why}` };
  }
  return { engine: "template", reason: "over-cap", valueTier: value.tier, explanation: `No tier fits what is left of this month's cap (${cap - spent} micros).` };
}
