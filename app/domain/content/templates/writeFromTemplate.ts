import type { AgentName, ContentBrief } from "../../agents/contract";
import { MessageDraft } from "../messageDraft";
import { MAX_SIGN_OFF_NAME, type BrandVoice } from "./brandVoice";
import { chooseVariant } from "./chooseVariant";
import { productFacts, type CatalogEntry } from "./facts";
import { createFormatter } from "./formatting";
import { ctaUrl, shopOrigin } from "./links";
import { resolveLocale, resolveTimeZone, type Language } from "./localeResolution";
import { PHRASEBOOKS } from "./locales";
import type { Voice } from "./phrasebook";
import { templateFor, templateId } from "./registry";
import { cleanFirstName, cleanLabel, clip, MAX_SHOP_NAME } from "./sanitizeText";
import { MAX_PARAGRAPHS, TemplateError } from "./templateSet";

/**
 * The deterministic copywriter: the default engine, offline and free. It writes a MessageDraft
 * from the decision's brief alone (plus the catalog for product URLs), so every fact in the copy
 * is one the brief or catalog holds: product titles, prices in the shop currency, points, days,
 * dates in the shopper's zone and language, and a discount only when the brief offers one. The
 * shopper's first name and cart line titles are inserted as text, cleaned but otherwise verbatim.
 * Same input, same draft: the variant is the one asked for, else a hash of the decision id.
 */
export type TemplateInput = {
  agent: AgentName;
  messageType: string;
  brief: ContentBrief;
  shopper: { firstName: string | null; locale: string | null; timeZone: string | null };
  shop: {
    name: string;
    currencyCode: string;
    /** "demo-store.myshopify.com" or a custom domain. */
    primaryDomain: string;
    /** The shop's default locale: the fallback for shoppers whose language has no strings. */
    locale: string | null;
    /** The shop's IANA zone: the fallback when the shopper's is unknown (else UTC). */
    timeZone?: string | null;
  };
  /** Catalog products by id (for handles; the brief's titles and prices are what the copy states). */
  products: ReadonlyMap<string, CatalogEntry>;
  voice: BrandVoice;
  /** The variant to write; one the template does not have falls back to the hashed choice. */
  variant?: string;
  /** The decision (proposal) id, which picks the variant when none is given. */
  decisionId?: string;
};

export type TemplateResult = {
  draft: MessageDraft;
  variant: string;
  templateId: string;
  /** The language the copy is written in (after fallback). */
  language: Language;
};

const LIMITS = { subject: 150, preheader: 200, greeting: 200, paragraph: 1200, signOff: 200 } as const;

export function writeFromTemplate(input: TemplateInput): TemplateResult {
  const template = templateFor(input.agent, input.messageType);
  const variant = pickVariant(template.variants, input.variant, input.decisionId);
  const { language, formatLocale } = resolveLocale(input.shopper.locale, input.shop.locale);
  const say = PHRASEBOOKS[language];
  const fmt = createFormatter({ formatLocale, currencyCode: input.shop.currencyCode, timeZone: resolveTimeZone(input.shopper.timeZone, input.shop.timeZone) });
  const voice: Voice = { formal: input.voice.formality === "formal", tone: input.voice.tone };
  const origin = shopOrigin(input.shop.primaryDomain);

  const composition = template.compose({ brief: input.brief, fmt, say, voice, products: productFacts(input.brief, input.products, fmt) }, variant);
  const paragraphs = composition.paragraphs.filter((p): p is string => p !== null && p.trim() !== "").map((p) => clip(p, LIMITS.paragraph, LIMITS.paragraph));
  if (paragraphs.length === 0) throw new TemplateError(`the brief carries none of the facts a ${input.messageType} message states`);
  const closing = say.closing(voice);
  if (closing && paragraphs.length < MAX_PARAGRAPHS) paragraphs.push(closing);

  const name = input.voice.useFirstName ? cleanFirstName(input.shopper.firstName) : null;
  const shopName = cleanLabel(input.shop.name, MAX_SHOP_NAME) || new URL(origin).hostname;
  const signer = (input.voice.signOffName && cleanLabel(input.voice.signOffName, MAX_SIGN_OFF_NAME)) || say.team(shopName, voice);

  const draft = MessageDraft.parse({
    subject: clip(composition.subject, LIMITS.subject, LIMITS.subject),
    preheader: clip(composition.preheader, LIMITS.preheader, LIMITS.preheader),
    greeting: clip(say.greeting(name, voice), LIMITS.greeting, LIMITS.greeting),
    paragraphs,
    callToAction: { label: composition.cta.label, url: ctaUrl(origin, composition.cta.target, composition.presented.map((p) => p.handle)) },
    productIds: composition.presented.map((p) => p.id).slice(0, 12),
    signOff: clip(say.signOff(signer, voice), LIMITS.signOff, LIMITS.signOff),
  });
  return { draft, variant, templateId: templateId(input.agent, input.messageType, variant), language };
}

function pickVariant(variants: readonly string[], requested: string | undefined, decisionId: string | undefined): string {
  if (requested !== undefined && variants.includes(requested)) return requested;
  if (decisionId !== undefined) return chooseVariant(decisionId, variants);
  const first = variants[0];
  if (first === undefined) throw new TemplateError("a template needs at least one variant");
  return first;
}
