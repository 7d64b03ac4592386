import { proposeAll } from "~/domain/agents";
import type { AgentName, ShopperSnapshot } from "~/domain/agents/contract";
import type { MessageDraft } from "~/domain/content/messageDraft";
import type { LlmCopy } from "~/domain/content/llm/copyPrompt";
import { DEFAULT_BRAND_VOICE } from "~/domain/content/templates";
import { AutonomySettings } from "~/domain/governance/autonomy";
import { reviewShopperFromSnapshot, screenMessage, writeTemplateDraft, type ReviewInput, type Screening } from "~/domain/governance/reviewMessage";
import { planShopper, type PlannedMessage } from "~/domain/planner/planner";
import { catalog, context, eligibleForAll, NOW, objective } from "../../agents/fixtures";
import { ROOMY } from "../../governance/fixtures";

/**
 * Real planned messages for the copywriter's tests: the five agents propose for one shopper
 * eligible for all of them, the planner picks, and a message is screened as the review stage does.
 */
export { NOW };

export const SHOP = { id: "llm-shop.myshopify.com", name: "Demo Botanics", currencyCode: "USD", myshopifyDomain: "llm-shop.myshopify.com", primaryDomain: null, locale: "en", timeZone: "UTC" };

export { ROOMY };
export { eligibleForAll };


export function plannedFor(who: ShopperSnapshot, agent: AgentName, maxDiscount = 0.15): PlannedMessage {
  const ctx = context({ settings: { newsletterDue: true, maxDiscount } });
  const plan = planShopper({ now: NOW, objectives: [objective({ messagesPerShopperPerWeek: 5 })], currencyCode: "USD", settings: { minHoursBetweenMessages: 0 } }, { shopper: who, proposals: proposeAll(who, ctx) });
  const found = plan.planned.find((m) => m.proposal.agent === agent);
  if (!found) throw new Error(`no ${agent} message planned`);
  return found;
}

/** A review input for one of the shopper's planned messages (the replenishment reminder by default). */
export function reviewInput(changes: { shopper?: Partial<ShopperSnapshot>; agent?: AgentName; input?: Partial<ReviewInput> } = {}): ReviewInput {
  const who = eligibleForAll(changes.shopper);
  return {
    planned: plannedFor(who, changes.agent ?? "replenishment"),
    shopper: reviewShopperFromSnapshot(who),
    catalog: catalog(),
    policy: ROOMY,
    autonomy: AutonomySettings.parse({ defaultLevel: "autonomous" }),
    voice: DEFAULT_BRAND_VOICE,
    shop: SHOP,
    now: NOW,
    ...changes.input,
  };
}

export function screened(input: ReviewInput): { input: ReviewInput; screening: Screening } {
  return { input, screening: screenMessage(input) };
}

/** The template's draft as a model would return it, with changes: copy that passes every check. */
export function modelCopy(input: ReviewInput, screening: Screening, changes: Partial<LlmCopy> = {}): LlmCopy {
  const draft: MessageDraft = writeTemplateDraft(input, screening).draft;
  return {
    subject: "Time to restock your cleanser",
    preheader: draft.preheader,
    greeting: draft.greeting,
    paragraphs: [...draft.paragraphs],
    callToActionLabel: draft.callToAction.label,
    signOff: draft.signOff,
    ...changes,
  };
}
