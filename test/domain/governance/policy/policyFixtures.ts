import type { MessageDraft } from "~/domain/content/messageDraft";
import { parsePolicy, type PolicyDocument } from "~/domain/governance/policy";

/** A policy from a partial document, through the real parser (so fixtures can never hold an invalid policy). */
export function policy(document: Record<string, unknown> = {}): PolicyDocument {
  const result = parsePolicy(JSON.stringify({ version: 1, ...document }));
  if (!result.ok) throw new Error(`fixture policy does not parse: ${JSON.stringify(result.errors)}`);
  return result.policy;
}

export function draft(overrides: Partial<MessageDraft> = {}): MessageDraft {
  return {
    subject: "Your cleanser is running low",
    preheader: "Order again in a minute",
    greeting: "Hi Anna,",
    paragraphs: ["Your cleanser should run out soon. Order again today and it will arrive in time."],
    callToAction: { label: "Order again", url: "https://shop.example/products/cleanser" },
    productIds: ["p1"],
    signOff: "The Demo Store team",
    ...overrides,
  };
}

export const at = (iso: string): Date => new Date(iso);
