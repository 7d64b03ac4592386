import { z } from "zod";
import { AGENT_NAMES, type AgentName, type ContentBrief } from "../agents/contract";
import { MessageDraft } from "../content/messageDraft";
import { fromMinorUnits } from "../money/money";
import { toGid } from "../shared/ids";

/**
 * What one planned message hands to Shopify Flow: the payload of `flowTriggerReceive` for the
 * trigger extension of the message's agent (extensions/flow-trigger-<agent>/shopify.extension.toml).
 * A merchant builds a workflow on "Replenishment message ready" and sends, tags or segments with
 * the copy the app wrote, on the customer the trigger references.
 *
 * Flow's rules this follows (Shopify's Flow trigger reference and the CLI's flow_trigger schema):
 * - a `customer_reference` field arrives in the payload as `customer_id`, the customer's numeric id;
 * - other fields are keyed by their `key`, which may hold only letters and spaces;
 * - trigger fields are `single_line_text_field`, `number_decimal`, `url`, `boolean`, `email` or
 *   `schema.<Type>` (a type from the extension's schema.graphql) - no integer, date or list types,
 *   so dates travel as `YYYY-MM-DD` text and the products as one `schema.MessageProducts` object.
 *
 * Privacy: the payload carries the customer id reference and the message's own content (no
 * greeting, which holds the shopper's first name; Flow reads the customer through the reference),
 * products and the brief's numbers. Nothing else about the shopper.
 */

/** A message as it is stored (Message.draft and Message.brief are JSON), parsed for delivery. */
export type DeliverableMessage = {
  id: string;
  agent: AgentName;
  customerId: string;
  draft: MessageDraft;
  brief: ContentBrief;
};

/** What the payloads need about the shop: prices are in its currency, dates in its time zone. */
export type DeliveryShop = { currencyCode: string; timeZone: string };

export class DeliveryPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeliveryPayloadError";
  }
}

const StoredBrief = z.object({
  products: z.array(z.object({ productId: z.string().min(1), title: z.string(), priceMinor: z.number().int() })).default([]),
  numbers: z.record(z.string(), z.number().finite()).default({}),
  // JSON.stringify writes Dates as ISO strings; they come back as Dates.
  deadlines: z.record(z.string(), z.iso.datetime({ offset: true }).transform((value) => new Date(value))).default({}),
  leadAttribute: z.string().nullable().default(null),
  discount: z.number().min(0).max(1).nullable().default(null),
});

/** Parses a Message row's columns; a malformed draft or brief throws a DeliveryPayloadError naming it. */
export function parseDeliverableMessage(row: { id: string; agent: string; customerId: string; draft: string; brief: string }): DeliverableMessage {
  const agent = AGENT_NAMES.find((name) => name === row.agent);
  if (!agent) throw new DeliveryPayloadError(`message ${row.id} has an unknown agent ${JSON.stringify(row.agent)}`);
  const draft = MessageDraft.safeParse(parseJson(row.draft));
  if (!draft.success) throw new DeliveryPayloadError(`message ${row.id} has an invalid draft: ${draft.error.issues[0]?.message ?? ""}`);
  const brief = StoredBrief.safeParse(parseJson(row.brief));
  if (!brief.success) throw new DeliveryPayloadError(`message ${row.id} has an invalid brief: ${brief.error.issues[0]?.message ?? ""}`);
  return { id: row.id, agent, customerId: row.customerId, draft: draft.data, brief: brief.data };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Shopify's numeric customer id as a JSON number (Flow's `customer_id`). */
export function numericCustomerId(customerId: string): number {
  const id = /^\d+$/.test(customerId) ? Number(customerId) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new DeliveryPayloadError(`customer id ${JSON.stringify(customerId)} is not a Shopify customer id`);
  return id;
}

// ---------------------------------------------------------------------------------------------
// Facts shared by the Flow payload and the metafields
// ---------------------------------------------------------------------------------------------

export type MessageProduct = { id: string; title: string; price: number; priceText: string; currencyCode: string };

/**
 * The products the message names, in the order its copy presents them (draft.productIds), with the
 * title and price the brief states. A product the draft names but the brief does not is left out
 * (its price is not a fact the message may state); a draft naming none falls back to the brief's.
 */
export function namedProducts(message: DeliverableMessage): ContentBrief["products"] {
  const byId = new Map(message.brief.products.map((product) => [product.productId, product]));
  const named = message.draft.productIds.length > 0 ? message.draft.productIds : message.brief.products.map((product) => product.productId);
  return [...new Set(named)].flatMap((id) => {
    const product = byId.get(id);
    return product ? [product] : [];
  });
}

/** namedProducts in the shape of the Flow schema type `MessageProduct`. */
export function messageProducts(message: DeliverableMessage, currencyCode: string): MessageProduct[] {
  return namedProducts(message).map((product) => {
    const decimal = fromMinorUnits(product.priceMinor, currencyCode);
    return { id: toGid("Product", product.productId), title: product.title, price: Number(decimal), priceText: `${decimal} ${currencyCode}`, currencyCode };
  });
}

/** A day as `YYYY-MM-DD` in a time zone (the shop's): what Flow text fields and `date` metafields hold. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The body as one text: paragraphs separated by a blank line. */
export function bodyText(draft: MessageDraft): string {
  return draft.paragraphs.join("\n\n");
}

/** The brief's discount as a percentage (0.15 -> 15), 0 for none. */
export function discountPercent(brief: ContentBrief): number {
  return brief.discount === null ? 0 : Math.round(brief.discount * 10_000) / 100;
}

// ---------------------------------------------------------------------------------------------
// The triggers
// ---------------------------------------------------------------------------------------------

/** Field types Flow accepts on a trigger (besides the commerce-object references). */
export type FlowFieldType = "single_line_text_field" | "number_decimal" | "url" | "boolean" | "email" | `schema.${string}`;

export type FlowFieldValue = string | number | boolean | { items: MessageProduct[] };

type Facts = { message: DeliverableMessage; shop: DeliveryShop; products: MessageProduct[] };

type FieldSpec = { key: string; type: FlowFieldType; description: string; value: (facts: Facts) => FlowFieldValue };

/** One trigger extension as the toml declares it (without the customer reference, which every trigger has first). */
export type FlowTriggerDefinition = {
  agent: AgentName;
  handle: string;
  name: string;
  description: string;
  fields: ReadonlyArray<{ key: string; type: FlowFieldType; description: string }>;
};

/** The Flow schema type the `Products` field uses (extensions/flow-trigger-<agent>/schema.graphql). */
export const PRODUCTS_SCHEMA_TYPE = "MessageProducts";

const number = (facts: Facts, name: string): number => facts.message.brief.numbers[name] ?? 0;
const date = (facts: Facts, name: string): string => {
  const at = facts.message.brief.deadlines[name];
  return at ? localDate(at, facts.shop.timeZone) : "";
};
const money = (facts: Facts, minor: number): number => Number(fromMinorUnits(Math.round(minor), facts.shop.currencyCode));

const COMMON: readonly FieldSpec[] = [
  { key: "Message ID", type: "single_line_text_field", description: "The app's id for this message (the same message never triggers twice).", value: (f) => f.message.id },
  { key: "Subject", type: "single_line_text_field", description: "The email subject the app wrote for this customer.", value: (f) => f.message.draft.subject },
  { key: "Preheader", type: "single_line_text_field", description: "The preview line shown after the subject.", value: (f) => f.message.draft.preheader },
  { key: "Body", type: "single_line_text_field", description: "The message body as plain text, paragraphs separated by a blank line.", value: (f) => bodyText(f.message.draft) },
  { key: "Call to action label", type: "single_line_text_field", description: "The button text.", value: (f) => f.message.draft.callToAction.label },
  { key: "Call to action URL", type: "url", description: "Where the button links to, on the shop's storefront.", value: (f) => f.message.draft.callToAction.url },
  { key: "Products", type: `schema.${PRODUCTS_SCHEMA_TYPE}`, description: "The products the message names, with their titles and prices.", value: (f) => ({ items: f.products }) },
  {
    key: "Product summary",
    type: "single_line_text_field",
    description: "The products as one line: title (price), separated by commas.",
    value: (f) => f.products.map((p) => `${p.title} (${p.priceText})`).join(", "),
  },
  { key: "Currency code", type: "single_line_text_field", description: "The shop currency the prices and amounts are in.", value: (f) => f.shop.currencyCode },
  { key: "Discount percent", type: "number_decimal", description: "The discount the message offers, in percent (0 for none).", value: (f) => discountPercent(f.message.brief) },
];

const AGENT_FIELDS: Record<AgentName, readonly FieldSpec[]> = {
  replenishment: [
    { key: "Usual days between purchases", type: "number_decimal", description: "How many days this customer usually goes between purchases in the category.", value: (f) => number(f, "usualDaysBetween") },
    { key: "Days since last purchase", type: "number_decimal", description: "Days since they last bought in the category.", value: (f) => number(f, "daysSinceLastPurchase") },
    { key: "Days overdue", type: "number_decimal", description: "Days past their usual repurchase date (0 or less: not yet due).", value: (f) => number(f, "overdueDays") },
    { key: "Usual quantity", type: "number_decimal", description: "How many units they usually buy.", value: (f) => number(f, "usualQuantity") },
    { key: "Last purchased on", type: "single_line_text_field", description: "Their last purchase in the category (YYYY-MM-DD, shop time zone).", value: (f) => date(f, "lastPurchasedAt") },
    { key: "Due on", type: "single_line_text_field", description: "When they would usually buy again (YYYY-MM-DD, shop time zone).", value: (f) => date(f, "usualRepurchaseAt") },
  ],
  "post-purchase": [
    { key: "Quantity", type: "number_decimal", description: "How many units they bought.", value: (f) => number(f, "quantity") },
    { key: "Days since purchase", type: "number_decimal", description: "Days since the purchase.", value: (f) => number(f, "daysSincePurchase") },
    { key: "Supply days", type: "number_decimal", description: "How many days the purchase should last (0 for a durable product).", value: (f) => number(f, "supplyDays") },
    { key: "Purchased on", type: "single_line_text_field", description: "The purchase date (YYYY-MM-DD, shop time zone).", value: (f) => date(f, "purchasedAt") },
    { key: "Runs out on", type: "single_line_text_field", description: "When the purchase should run out (YYYY-MM-DD; empty for a durable product).", value: (f) => date(f, "expectedRunOutAt") },
  ],
  loyalty: [
    { key: "Points balance", type: "number_decimal", description: "The customer's loyalty points balance.", value: (f) => number(f, "balance") },
    { key: "Points needed", type: "number_decimal", description: "Points still needed for the next reward tier (0 when the message is not about a tier).", value: (f) => number(f, "pointsNeeded") },
    { key: "Next tier points", type: "number_decimal", description: "The points the next tier takes (0 when none).", value: (f) => number(f, "tierPoints") },
    { key: "Reward value", type: "number_decimal", description: "What the next tier's reward is worth, in the shop currency (0 when none).", value: (f) => money(f, number(f, "rewardMinor")) },
    { key: "Expiring points", type: "number_decimal", description: "Points about to expire (0 when none).", value: (f) => number(f, "expiringPoints") },
    { key: "Points expire on", type: "single_line_text_field", description: "When those points expire (YYYY-MM-DD, shop time zone; empty when none).", value: (f) => date(f, "pointsExpireAt") },
  ],
  "cart-intent": [
    { key: "Cart total", type: "number_decimal", description: "The value of the cart they left, in the shop currency.", value: (f) => money(f, number(f, "cartTotalMinor")) },
    { key: "Item count", type: "number_decimal", description: "How many items the cart held.", value: (f) => number(f, "itemCount") },
    { key: "Abandoned on", type: "single_line_text_field", description: "When the cart was left (YYYY-MM-DD, shop time zone).", value: (f) => date(f, "abandonedAt") },
  ],
  "bestseller-newsletter": [
    { key: "Product count", type: "number_decimal", description: "How many bestsellers the newsletter features.", value: (f) => number(f, "productCount") },
  ],
};

const TRIGGER_META: Record<AgentName, { handle: string; name: string; description: string }> = {
  replenishment: {
    handle: "replenishment-message",
    name: "Replenishment message ready",
    description: "A customer is due to restock a product they buy regularly; carries the reminder the app wrote for them.",
  },
  "post-purchase": {
    handle: "post-purchase-message",
    name: "Post purchase message ready",
    description: "A follow-up after a purchase (a usage tip or a restock reminder) is ready; carries the copy the app wrote.",
  },
  loyalty: {
    handle: "loyalty-message",
    name: "Loyalty message ready",
    description: "A customer is close to a reward tier or has points about to expire; carries the message the app wrote.",
  },
  "cart-intent": {
    handle: "cart-intent-message",
    name: "Cart reminder message ready",
    description: "A customer left a cart or checkout; carries the reminder the app wrote, matched to how close they were to buying.",
  },
  "bestseller-newsletter": {
    handle: "bestseller-newsletter-message",
    name: "Bestseller newsletter ready",
    description: "A personalised bestseller newsletter is ready for a customer; carries its copy and products.",
  },
};

function fieldsOf(agent: AgentName): readonly FieldSpec[] {
  return [...COMMON, ...AGENT_FIELDS[agent]];
}

/** Every trigger as its shopify.extension.toml must declare it (test/config/flowExtensions.test.ts holds them equal). */
export const FLOW_TRIGGERS: Readonly<Record<AgentName, FlowTriggerDefinition>> = {
  replenishment: definitionOf("replenishment"),
  "post-purchase": definitionOf("post-purchase"),
  loyalty: definitionOf("loyalty"),
  "cart-intent": definitionOf("cart-intent"),
  "bestseller-newsletter": definitionOf("bestseller-newsletter"),
};

function definitionOf(agent: AgentName): FlowTriggerDefinition {
  return { agent, ...TRIGGER_META[agent], fields: fieldsOf(agent).map(({ key, type, description }) => ({ key, type, description })) };
}

/** The payload key a `customer_reference` field arrives under. */
export const CUSTOMER_ID_KEY = "customer_id";

/** The variables of `flowTriggerReceive(handle:, payload:)`. */
export type FlowTriggerRequest = { handle: string; payload: Record<string, FlowFieldValue> };

export function buildFlowTriggerPayload(message: DeliverableMessage, shop: DeliveryShop): FlowTriggerRequest {
  const facts: Facts = { message, shop, products: messageProducts(message, shop.currencyCode) };
  const payload: Record<string, FlowFieldValue> = { [CUSTOMER_ID_KEY]: numericCustomerId(message.customerId) };
  for (const field of fieldsOf(message.agent)) payload[field.key] = field.value(facts);
  return { handle: FLOW_TRIGGERS[message.agent].handle, payload };
}
