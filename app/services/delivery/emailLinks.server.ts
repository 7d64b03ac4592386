import { createLinkTagger, type TagLink } from "~/domain/content/email";
import { decisionToken, unsubscribeToken } from "./decisionToken.server";

/**
 * The links of one shopper's email: storefront links tagged for attribution (UTM + the signed
 * decision token), the one-click unsubscribe URL and the List-Unsubscribe headers (RFC 2369, RFC 8058).
 */
export type MessageLinkSource = { shopId: string; messageId: string; agent: string; templateId: string | null; variant: string | null; engine: string };

/** utm_content: the template id, else the variant, else the engine that wrote the copy. */
export function utmContent(message: Pick<MessageLinkSource, "templateId" | "variant" | "engine">): string {
  return message.templateId || message.variant || message.engine || "unknown";
}

export function messageLinkTagger(message: MessageLinkSource, secret: string): TagLink {
  return createLinkTagger({
    campaign: message.agent,
    content: utmContent(message),
    decisionToken: decisionToken({ shopId: message.shopId, messageId: message.messageId }, secret),
  });
}

/** `${appUrl}/unsubscribe?t=<token>`; the app URL must be http(s) (https outside development). */
export function unsubscribeUrl(appUrl: string, claims: { shopId: string; customerId: string }, secret: string): string {
  let base: URL;
  try {
    base = new URL(appUrl);
  } catch {
    throw new Error(`the app URL is not a URL: ${JSON.stringify(appUrl)}`);
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") throw new Error(`the app URL must be http(s): ${JSON.stringify(appUrl)}`);
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, "")}/unsubscribe`);
  url.searchParams.set("t", unsubscribeToken(claims, secret));
  return url.toString();
}

/** The List-Unsubscribe pair: the one-click URL first, then a mailto if the shop has one. */
export function listUnsubscribeHeaders(url: string, mailto?: string | null): Record<string, string> {
  const targets = [`<${url}>`];
  if (mailto) {
    const address = mailto.startsWith("mailto:") ? mailto : `mailto:${mailto}`;
    // Angle brackets, commas and whitespace would end the header's URL list (or the header).
    if (!/^mailto:[^\s<>,"]+@[^\s<>,"]+$/.test(address)) throw new Error(`not a mailto address for List-Unsubscribe: ${JSON.stringify(mailto)}`);
    targets.push(`<${address}>`);
  }
  return { "List-Unsubscribe": targets.join(", "), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
