import type { ContentBrief } from "~/domain/agents/contract";
import { createLinkTagger, type EmailInput, type EmailProduct } from "~/domain/content/email";
import type { MessageDraft } from "~/domain/content/messageDraft";

/** One shopper's email input, realistic and complete; tests change one thing at a time. */
export const NOW = new Date("2026-06-10T12:00:00Z");
export const TOKEN = "test-decision-token";
export const UNSUBSCRIBE_URL = "https://app.example.com/unsubscribe?t=unsub-token";

export const PRODUCTS: ReadonlyMap<string, EmailProduct> = new Map<string, EmailProduct>([
  ["p-serum", { id: "p-serum", title: "Niacinamide Serum", handle: "niacinamide-serum", priceMinor: 3200, imageUrl: "https://cdn.example.com/serum.jpg", inStock: true, active: true }],
  ["p-candle", { id: "p-candle", title: "Cedar & Sage Soy Candle", handle: "cedar-sage-candle", priceMinor: 3800, imageUrl: null, inStock: true, active: true }],
  ["p-cleanser", { id: "p-cleanser", title: "Daily Gel Cleanser", handle: "daily-gel-cleanser", priceMinor: 2400, imageUrl: "https://cdn.example.com/cleanser.jpg", inStock: true, active: true }],
]);

export const DRAFT: MessageDraft = {
  subject: "Time to restock your Daily Gel Cleanser",
  preheader: "You usually reorder about now.",
  greeting: "Hi Ada,",
  paragraphs: ["You usually reorder every 30 days.", "It is in stock and ready to ship."],
  callToAction: { label: "Reorder now", url: "https://demo-store.example.com/products/daily-gel-cleanser" },
  productIds: ["p-cleanser", "p-serum"],
  signOff: "The Demo Store team",
};

export const BRIEF: ContentBrief = {
  products: [{ productId: "p-cleanser", title: "Daily Gel Cleanser", priceMinor: 2400 }],
  numbers: { usualDaysBetween: 30 },
  deadlines: { usualRepurchaseAt: new Date("2026-06-11T09:00:00Z") },
  leadAttribute: null,
  discount: null,
};

export type Changes = {
  draft?: Partial<MessageDraft>;
  brief?: Partial<ContentBrief>;
  recipient?: Partial<EmailInput["recipient"]>;
  shop?: Partial<EmailInput["shop"]>;
  products?: ReadonlyMap<string, EmailProduct>;
  now?: Date;
};

export function emailInput(changes: Changes = {}): EmailInput {
  return {
    draft: { ...DRAFT, ...changes.draft },
    brief: { ...BRIEF, ...changes.brief },
    recipient: { email: "ada@example.org", firstName: "Ada", locale: "en-US", timeZone: "America/New_York", ...changes.recipient },
    shop: { name: "Demo Store", currencyCode: "USD", storefrontUrl: "https://demo-store.example.com", address: "12 Harbour Lane\nBristol BS1 4RN\nUnited Kingdom", locale: null, timeZone: "UTC", ...changes.shop },
    products: changes.products ?? PRODUCTS,
    tagLink: createLinkTagger({ campaign: "replenishment", content: "replenishment/replenishment-reminder/a@1", decisionToken: TOKEN }),
    unsubscribeUrl: UNSUBSCRIBE_URL,
    now: changes.now ?? NOW,
  };
}

/** A small reader for the markup React writes (double-quoted attributes, escaped text). */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Every value of an attribute on a tag: attributeValues(html, "a", "href"). */
export function attributeValues(html: string, tag: string, attribute: string): string[] {
  const tags = html.match(new RegExp(`<${tag}\\b[^>]*>`, "gi")) ?? [];
  return tags.map((t) => {
    const match = new RegExp(`\\s${attribute}="([^"]*)"`, "i").exec(t);
    return match ? decodeEntities(match[1] ?? "") : "";
  });
}

/** The opening tags of an element, whole. */
export function openingTags(html: string, tag: string): string[] {
  return html.match(new RegExp(`<${tag}\\b[^>]*>`, "gi")) ?? [];
}

/** The text of the document (tags removed, entities decoded), for "does the shopper see X". */
export function visibleText(html: string): string {
  const body = html.replace(/<head>[\s\S]*<\/head>/i, "");
  // Only ASCII whitespace collapses: a no-break space inside "12,50 €" is part of the price.
  return decodeEntities(body.replace(/<[^>]+>/g, " ")).replace(/[ \t\r\n]+/g, " ");
}
