import type { AgentName } from "../../agents/contract";
import { bestsellerNewsletterTemplates } from "./agents/bestsellerNewsletter";
import { cartIntentTemplates } from "./agents/cartIntent";
import { loyaltyTemplates } from "./agents/loyalty";
import { postPurchaseTemplates } from "./agents/postPurchase";
import { replenishmentTemplates } from "./agents/replenishment";
import { TemplateError, type MessageTemplate, type TemplateSet } from "./templateSet";

/** One template set per agent, covering each message type the agent proposes. */
export const TEMPLATES: Readonly<Record<AgentName, TemplateSet>> = {
  replenishment: replenishmentTemplates,
  "post-purchase": postPurchaseTemplates,
  loyalty: loyaltyTemplates,
  "cart-intent": cartIntentTemplates,
  "bestseller-newsletter": bestsellerNewsletterTemplates,
};

/** Bumped when the wording changes, so measured results are not pooled across different copy. */
export const TEMPLATE_VERSION = "v1";

export function templateFor(agent: AgentName, messageType: string): MessageTemplate {
  const template = Object.hasOwn(TEMPLATES[agent] ?? {}, messageType) ? TEMPLATES[agent][messageType] : undefined;
  if (!template) throw new TemplateError(`no template for ${agent} message type ${JSON.stringify(messageType)}`);
  return template;
}

/** "cart-intent/cart-soft-reminder/b@v1": what the draft was written from, for measurement. */
export function templateId(agent: AgentName, messageType: string, variant: string): string {
  return `${agent}/${messageType}/${variant}@${TEMPLATE_VERSION}`;
}

/** Every agent, message type and its variants (for previews in the admin and for tests). */
export function listTemplates(): Array<{ agent: AgentName; messageType: string; variants: readonly string[] }> {
  return (Object.entries(TEMPLATES) as Array<[AgentName, TemplateSet]>).flatMap(([agent, set]) =>
    Object.entries(set).map(([messageType, template]) => ({ agent, messageType, variants: template.variants })),
  );
}
