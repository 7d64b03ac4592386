import type { CatalogProduct, ContentBrief } from "../../agents/contract";
import type { MessageDraft } from "../messageDraft";
import type { Language } from "../templates/localeResolution";
import { cleanLabel, flattenText, MAX_SHOP_NAME, MAX_TITLE } from "../templates/sanitizeText";
import { emailFormatter, emailLocale, type EmailFormatter } from "./emailFormatting";
import { EMAIL_STRINGS, type EmailStrings } from "./emailStrings";
import type { TagLink } from "./linkTagging";

/**
 * Everything one shopper's email says, worked out once and shared by the HTML and the plain-text
 * renderers, so both carry the same facts and the same links. All of it is plain text (rendering
 * escapes it); links are already tagged.
 */

/** A product as the catalog holds it now (CatalogProduct from loadCatalogSnapshot fits). */
export type EmailProduct = Pick<CatalogProduct, "id" | "title" | "handle" | "priceMinor" | "imageUrl" | "inStock" | "active">;

export type EmailInput = {
  draft: MessageDraft;
  brief: ContentBrief;
  recipient: { email: string; firstName: string | null; locale: string | null; timeZone: string | null };
  shop: {
    name: string;
    currencyCode: string;
    /** The storefront origin product links go to ("https://www.fern-moss.example"). */
    storefrontUrl: string;
    /** The postal address the footer shows (lines separated by newlines); null shows the storefront's host instead. */
    address: string | null;
    /** The shop's default locale and zone: fallbacks for the shopper's. */
    locale: string | null;
    timeZone: string | null;
  };
  /** The catalog now, by product id: cards show its title, price and image, not the brief's. */
  products: ReadonlyMap<string, EmailProduct>;
  /** Adds UTM parameters and the decision token to a storefront link. */
  tagLink: TagLink;
  /** The one-click unsubscribe page (signed, no login); not tagged. */
  unsubscribeUrl: string;
  /** Facts that have lapsed by now (points already expired) are left out. */
  now: Date;
};

export type EmailFact = { key: string; label: string; value: string };
export type EmailCard = { id: string; title: string; price: string | null; url: string; imageUrl: string | null; imageAlt: string };

export type EmailContent = {
  language: Language;
  /** The locale prices, counts and dates are formatted in (the shopper's when Intl knows it). */
  formatLocale: string;
  /** The document's language: the shopper's full tag when the copy is in its language, else the copy's language. */
  lang: string;
  subject: string;
  preheader: string;
  greeting: string;
  paragraphs: string[];
  facts: EmailFact[];
  cards: EmailCard[];
  cta: { label: string; url: string };
  signOff: string;
  footer: { shopName: string; addressLines: string[]; sentTo: string; unsubscribeLabel: string; unsubscribeUrl: string };
  /** Every tagged storefront link, in order of appearance, once each (the unsubscribe link is not one). */
  links: string[];
};

export function buildEmailContent(input: EmailInput): EmailContent {
  const { language, formatLocale, timeZone } = emailLocale(input.recipient, input.shop);
  const say = EMAIL_STRINGS[language];
  const fmt = emailFormatter(formatLocale, input.shop.currencyCode, timeZone);
  const origin = storefrontOrigin(input.shop.storefrontUrl);

  const cards = input.draft.productIds.flatMap((id): EmailCard[] => {
    const product = input.products.get(id);
    // Gone from the catalog, unpublished or sold out since the copy was written: no card to click.
    if (!product || !product.active || !product.inStock || product.handle.trim() === "") return [];
    const title = cleanLabel(product.title, MAX_TITLE);
    if (title === "") return [];
    return [{
      id,
      title,
      price: fmt.money(product.priceMinor),
      url: input.tagLink(`${origin}/products/${encodeURIComponent(product.handle.trim())}`),
      imageUrl: httpUrl(product.imageUrl),
      imageAlt: say.productImage(title),
    }];
  });
  const cta = { label: text(input.draft.callToAction.label), url: input.tagLink(input.draft.callToAction.url) };
  const shopName = cleanLabel(input.shop.name, MAX_SHOP_NAME) || new URL(origin).hostname;
  const addressLines = (input.shop.address ?? "").split(/\r?\n/).map(flattenText).filter((line) => line !== "");

  return {
    language,
    formatLocale,
    lang: formatLocale.split("-")[0]?.toLowerCase() === language ? formatLocale : language,
    subject: text(input.draft.subject),
    preheader: text(input.draft.preheader),
    greeting: text(input.draft.greeting),
    paragraphs: input.draft.paragraphs.map(text).filter((p) => p !== ""),
    facts: briefFacts(input.brief, fmt, say, input.now),
    cards,
    cta,
    signOff: text(input.draft.signOff),
    footer: {
      shopName,
      addressLines: addressLines.length > 0 ? addressLines : [new URL(origin).hostname],
      sentTo: say.sentTo(text(input.recipient.email), shopName),
      unsubscribeLabel: say.unsubscribe,
      unsubscribeUrl: input.unsubscribeUrl,
    },
    links: [...new Set([...cards.map((card) => card.url), cta.url])],
  };
}

/** The facts the brief carries that a shopper would want at a glance: the loyalty gap, the dates, the lead attribute. */
function briefFacts(brief: ContentBrief, fmt: EmailFormatter, say: EmailStrings, now: Date): EmailFact[] {
  const facts: EmailFact[] = [];
  const points = (key: string) => {
    const value = brief.numbers[key];
    const count = value === undefined ? null : fmt.count(value);
    return count === null ? null : say.points(count.n, count.text);
  };
  const date = (key: string, future = false) => {
    const at = brief.deadlines[key];
    if (at === undefined || (future && at.getTime() <= now.getTime())) return null;
    return fmt.date(at);
  };
  const add = (key: string, label: string, value: string | null) => {
    if (value !== null && value !== "") facts.push({ key, label, value });
  };
  const pointsNeeded = points("pointsNeeded");
  add("pointsNeeded", say.pointsNeeded, pointsNeeded !== null && (brief.numbers.pointsNeeded ?? 0) > 0 ? pointsNeeded : null);
  add("balance", say.balance, points("balance"));
  const reward = brief.numbers.rewardMinor;
  add("rewardMinor", say.reward, reward === undefined || reward <= 0 ? null : fmt.money(reward));
  const expiring = points("expiringPoints");
  const expiresAt = date("pointsExpireAt", true);
  add("expiringPoints", say.expiringPoints, expiring !== null && expiresAt !== null ? say.pointsOn(expiring, expiresAt) : null);
  add("usualRepurchaseAt", say.usualRepurchase, date("usualRepurchaseAt"));
  add("expectedRunOutAt", say.runOut, date("expectedRunOutAt"));
  const attribute = brief.leadAttribute === null ? "" : cleanLabel(brief.leadAttribute.replace(/[-_]+/g, " "), 60);
  add("leadAttribute", say.leadAttribute, attribute === "" ? null : attribute);
  return facts;
}

/** Copy is plain text: control characters and bidi overrides out, whitespace collapsed. */
function text(raw: string): string {
  return flattenText(raw);
}

function storefrontOrigin(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(`the storefront must be http(s): ${JSON.stringify(url)}`);
  return parsed.origin;
}

function httpUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}
