import type { Db } from "~/db.server";
import { parseStoredBrief } from "~/services/planning/decisionRecords";
import type { CatalogSnapshot, ContentBrief } from "~/domain/agents/contract";
import { renderEmail, type EmailProduct } from "~/domain/content/email";
import { MessageDraft } from "~/domain/content/messageDraft";
import { shopOrigin } from "~/domain/content/templates/links";
import { flattenText } from "~/domain/content/templates/sanitizeText";
import { listUnsubscribeHeaders, messageLinkTagger, unsubscribeUrl } from "./emailLinks.server";

/**
 * One message as the email its shopper receives: the HTML and plain-text bodies, the subject, the
 * recipient and the List-Unsubscribe headers, from the Message's draft and brief, the Customer, the
 * Shop and the catalog as it is now (cards show today's price, image and stock, not the brief's).
 * Every read is scoped by shopId: another shop's message id is "not found". Rendering does not
 * decide whether to send (status, consent and suppression are the sender's); it refuses only what
 * cannot be an email: no address, a deleted or redacted customer.
 */
export type RenderedEmail = {
  to: string;
  toName: string | null;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  unsubscribeUrl: string;
  /** Every tagged storefront link in the email (calls to action, product cards), once each, in order. */
  links: string[];
};

export type RenderEmailOptions = {
  /** The app's public URL (SHOPIFY_APP_URL): the unsubscribe endpoint lives there. */
  appUrl: string;
  /** Signs the decision and unsubscribe tokens (decisionToken.server.ts). */
  secret: string;
  /** Facts that have lapsed by now are left out (default: the clock). */
  now?: Date;
  /** A catalog already loaded for a batch (loadCatalogSnapshot); without it only this message's products are read. */
  catalog?: CatalogSnapshot;
  /** A mailto unsubscribe address for List-Unsubscribe, beside the one-click URL. */
  unsubscribeMailto?: string | null;
};

export type EmailRenderErrorCode = "message-not-found" | "shop-not-found" | "customer-not-found" | "customer-gone" | "no-email" | "invalid-message";

export class EmailRenderError extends Error {
  override readonly name = "EmailRenderError";
  constructor(
    readonly code: EmailRenderErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export async function renderMessageEmail(store: Db, shopId: string, messageId: string, options: RenderEmailOptions): Promise<RenderedEmail> {
  const message = await store.message.findUnique({
    where: { shopId_id: { shopId, id: messageId } },
    select: { id: true, customerId: true, agent: true, engine: true, templateId: true, variant: true, draft: true, brief: true },
  });
  if (!message) throw new EmailRenderError("message-not-found", `shop ${shopId} has no message ${messageId}`);
  const [shop, customer] = await Promise.all([
    store.shop.findUnique({ where: { id: shopId }, select: { id: true, name: true, currencyCode: true, ianaTimezone: true, primaryDomain: true, settings: true } }),
    store.customer.findUnique({
      where: { shopId_id: { shopId, id: message.customerId } },
      select: { id: true, email: true, firstName: true, lastName: true, locale: true, timeZone: true, deletedAt: true, redactedAt: true },
    }),
  ]);
  if (!shop) throw new EmailRenderError("shop-not-found", `no shop ${shopId}`);
  if (!customer) throw new EmailRenderError("customer-not-found", `message ${messageId}: shop ${shopId} has no customer ${message.customerId}`);
  if (customer.redactedAt || customer.deletedAt) throw new EmailRenderError("customer-gone", `message ${messageId}: customer ${customer.id} was ${customer.redactedAt ? "redacted" : "deleted"}; it cannot be emailed`);
  const to = customer.email?.trim() ?? "";
  if (to === "") throw new EmailRenderError("no-email", `message ${messageId}: customer ${customer.id} has no email address`);
  if (!/^[^\s@<>,;"]+@[^\s@<>,;"]+$/.test(to)) throw new EmailRenderError("no-email", `message ${messageId}: customer ${customer.id} has no usable email address`);

  const draft = parseDraft(message.id, message.draft);
  const brief = parseBrief(message.id, message.brief);
  const products = options.catalog?.products ?? (await loadEmailProducts(store, shopId, draft.productIds));
  const unsubscribe = unsubscribeUrl(options.appUrl, { shopId, customerId: customer.id }, options.secret);
  const tagLink = messageLinkTagger({ shopId, messageId: message.id, agent: message.agent, templateId: message.templateId, variant: message.variant, engine: message.engine }, options.secret);

  const bodies = renderEmail({
    draft,
    brief,
    recipient: { email: to, firstName: customer.firstName, locale: customer.locale, timeZone: customer.timeZone },
    shop: {
      name: shop.name?.trim() || shop.id,
      currencyCode: shop.currencyCode,
      storefrontUrl: shopOrigin(shop.primaryDomain?.trim() || shop.id),
      address: shopPostalAddress(shop.settings),
      locale: null,
      timeZone: shop.ianaTimezone,
    },
    products,
    tagLink,
    unsubscribeUrl: unsubscribe,
    now: options.now ?? new Date(),
  });
  const toName = flattenText([customer.firstName, customer.lastName].filter(Boolean).join(" "));
  return {
    to,
    toName: toName === "" ? null : toName,
    subject: bodies.subject,
    html: bodies.html,
    text: bodies.text,
    headers: listUnsubscribeHeaders(unsubscribe, options.unsubscribeMailto),
    unsubscribeUrl: unsubscribe,
    links: bodies.links,
  };
}

function parseDraft(messageId: string, json: string): MessageDraft {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new EmailRenderError("invalid-message", `message ${messageId}: the draft is not JSON (${(error as Error).message})`);
  }
  const parsed = MessageDraft.safeParse(raw);
  if (!parsed.success) throw new EmailRenderError("invalid-message", `message ${messageId}: the draft is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** The brief as stored (deadlines as ISO strings). */
function parseBrief(messageId: string, json: string): ContentBrief {
  try {
    return parseStoredBrief(json);
  } catch (error) {
    throw new EmailRenderError("invalid-message", `message ${messageId}: the brief is not JSON (${(error as Error).message})`);
  }
}

/**
 * The message's products as the catalog holds them now, by the planning catalog's rules
 * (catalogSnapshot.server.ts): priced at the cheapest in-stock variant, out of stock only when every
 * variant tracks inventory at or below zero and refuses to oversell; deleted products are absent.
 */
export async function loadEmailProducts(store: Db, shopId: string, productIds: readonly string[]): Promise<Map<string, EmailProduct>> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return new Map();
  const [products, variants] = await Promise.all([
    store.product.findMany({ where: { shopId, id: { in: ids }, deletedAt: null }, select: { id: true, title: true, handle: true, status: true, imageUrl: true } }),
    store.productVariant.findMany({ where: { shopId, productId: { in: ids } }, select: { id: true, productId: true, priceMinor: true, inventoryQuantity: true, inventoryPolicy: true } }),
  ]);
  const byId = new Map<string, EmailProduct>();
  for (const product of products) {
    const own = variants.filter((variant) => variant.productId === product.id);
    const sellable = own.filter((variant) => !soldOut(variant));
    const cheapest = [...(sellable.length > 0 ? sellable : own)].sort((a, b) => a.priceMinor - b.priceMinor || a.id.localeCompare(b.id))[0];
    const active = product.status.toLowerCase() === "active";
    byId.set(product.id, {
      id: product.id,
      title: product.title,
      handle: product.handle,
      priceMinor: cheapest?.priceMinor ?? 0,
      imageUrl: product.imageUrl,
      active,
      inStock: active && cheapest !== undefined && sellable.length > 0,
    });
  }
  return byId;
}

function soldOut(variant: { inventoryQuantity: number | null; inventoryPolicy: string | null }): boolean {
  return variant.inventoryPolicy?.toLowerCase() === "deny" && variant.inventoryQuantity !== null && variant.inventoryQuantity <= 0;
}

/**
 * The shop's postal address for the footer (CAN-SPAM, the German Impressum), from its settings
 * when the merchant entered one: `postalAddress` as text, or `address` as Shopify's address fields.
 * Null when there is none (the footer then shows the shop's name and storefront host).
 */
export function shopPostalAddress(settingsJson: string): string | null {
  let settings: unknown;
  try {
    settings = JSON.parse(settingsJson);
  } catch {
    return null;
  }
  if (!settings || typeof settings !== "object") return null;
  const { postalAddress, address } = settings as { postalAddress?: unknown; address?: unknown };
  if (typeof postalAddress === "string" && postalAddress.trim() !== "") return postalAddress.trim();
  if (typeof address === "string" && address.trim() !== "") return address.trim();
  if (address && typeof address === "object") {
    const field = (key: string) => {
      const value = (address as Record<string, unknown>)[key];
      return typeof value === "string" ? value.trim() : "";
    };
    const lines = [
      field("company"),
      field("address1"),
      field("address2"),
      [field("zip"), field("city")].filter(Boolean).join(" "),
      field("province"),
      field("country"),
    ].filter((line) => line !== "");
    return lines.length > 0 ? lines.join("\n") : null;
  }
  return null;
}
