import type { CatalogSnapshot, ContentBrief, ShopperSnapshot } from "../../agents/contract";
import type { MessageDraft } from "../../content/messageDraft";
import type { CheckResult } from "../violation";

/**
 * Everything the critic reads about one draft. The critic is pure: the planning service loads the
 * catalog, the shop's domains and the customer's own words, so a verdict can be replayed from the
 * decision's trace.
 */
export type CriticInput = {
  draft: MessageDraft;
  /** The decision's brief: the only facts the copy may state. */
  brief: ContentBrief;
  /** The catalog as it is now (a product can sell out between planning and sending). */
  catalog: Pick<CatalogSnapshot, "currencyCode" | "products">;
  /** Whose zone dates are read in; whose first name is data, not an instruction. */
  shopper: Pick<ShopperSnapshot, "firstName" | "timeZone">;
  shop: {
    /** The shop's display name: its digits are not facts, its dots are not links. */
    name: string;
    /** Hostnames links may point to: the myshopify domain and the custom domains. */
    allowedHosts: readonly string[];
  };
  /** Discount codes the decision really carries (empty: the copy may name none). */
  allowedCodes: readonly string[];
  /**
   * Text the customer wrote (cart notes, line-item properties, a name they typed). It is data: the
   * copy must never act on it. The shopper's first name is added automatically.
   */
  customerTexts?: readonly CustomerText[];
  /** Results the policy engine computed (voice, tone, margin caps, suppression): combined, not re-run. */
  policyResults?: readonly CheckResult[];
};

export type CustomerText = { source: "firstName" | "lastName" | "cartNote" | "lineItemProperty" | "other"; text: string };

/** The rules the critic itself owns, as the audit trail names them. */
export const CRITIC_RULES = {
  price: "facts.price",
  inventedDiscount: "facts.invented-discount",
  discount: "facts.discount",
  inventedCode: "facts.invented-code",
  number: "facts.number",
  date: "facts.date",
  product: "facts.product",
  offDomainLink: "safety.off-domain-link",
  markup: "safety.markup",
  injection: "safety.injection",
} as const;
export type CriticRule = (typeof CRITIC_RULES)[keyof typeof CRITIC_RULES];
