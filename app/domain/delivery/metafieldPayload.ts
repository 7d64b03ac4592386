import { toGid } from "../shared/ids";
import { fromMinorUnits } from "../money/money";
import { bodyText, discountPercent, localDate, namedProducts, numericCustomerId, type DeliverableMessage, type DeliveryShop } from "./flowPayload";

/**
 * What one message writes to its customer's metafields, so the theme, customer accounts and Flow
 * can show the personalised content next to the customer: `metafieldsSet` inputs in the app's
 * reserved namespace `$app:marketing` (Shopify turns it into `app--<app id>--marketing`; only this
 * app can write it). Their definitions are declared in shopify.app.toml as
 * `[customer.metafields.marketing.<key>]`, the declarative form of `$app:marketing`
 * (test/config/flowExtensions.test.ts holds the two equal).
 *
 * Values are strings in the format of their type: `json` as JSON text, `list.product_reference` as a
 * JSON array of product gids, `number_integer` as digits, `date` as `YYYY-MM-DD`.
 *
 * Privacy: the owner is the customer's gid; values are the message's own content (no greeting,
 * which holds the first name), product ids, titles and prices, and the brief's numbers.
 */

export const METAFIELD_NAMESPACE = "$app:marketing";

export type CustomerMetafieldType = "json" | "list.product_reference" | "number_integer" | "date";

export type CustomerMetafieldDefinition = { key: string; type: CustomerMetafieldType; name: string; description: string };

/** Every metafield this app writes on customers, as shopify.app.toml declares it. */
export const CUSTOMER_METAFIELDS: readonly CustomerMetafieldDefinition[] = [
  {
    key: "latest_message",
    type: "json",
    name: "Latest marketing message",
    description: "The last personalised message the app delivered: agent, subject, preheader, body, call to action and products.",
  },
  {
    key: "recommended_products",
    type: "list.product_reference",
    name: "Recommended products",
    description: "The products the latest message recommends, in the order it presents them.",
  },
  {
    key: "points_to_next_reward",
    type: "number_integer",
    name: "Points to next reward",
    description: "Loyalty points still needed for the next reward tier, as of the latest loyalty message.",
  },
  {
    key: "replenishment_due_on",
    type: "date",
    name: "Replenishment due on",
    description: "When the customer would usually restock, as of the latest replenishment message.",
  },
];

/** One `MetafieldsSetInput`. */
export type MetafieldInput = { ownerId: string; namespace: string; key: string; type: CustomerMetafieldType; value: string };

/** The variables of `metafieldsSet(metafields:)`. */
export type MetafieldsSetRequest = { metafields: MetafieldInput[] };

/** The `latest_message` value (JSON). */
export type LatestMessageValue = {
  messageId: string;
  agent: string;
  subject: string;
  preheader: string;
  body: string;
  callToAction: { label: string; url: string };
  products: Array<{ id: string; title: string; price: string; currencyCode: string }>;
  discountPercent: number;
  /** When the message went (or goes) out, ISO 8601: lets a theme hide stale content. */
  sentAt: string | null;
};

/**
 * The metafields for a message. `latest_message` always; `recommended_products` when the message
 * names products; `points_to_next_reward` for a loyalty message about a tier; `replenishment_due_on`
 * for a replenishment message with a due date. Keys a message has nothing for are left as they are
 * (metafieldsSet never deletes), so those two reflect the latest message that had them.
 */
export function buildCustomerMetafields(message: DeliverableMessage, shop: DeliveryShop, sentAt: Date | null): MetafieldsSetRequest {
  numericCustomerId(message.customerId); // the same check as Flow's: a Shopify customer id, or nothing is built
  const ownerId = toGid("Customer", message.customerId);
  const products = namedProducts(message);
  const metafield = (key: string, type: CustomerMetafieldType, value: string): MetafieldInput => ({ ownerId, namespace: METAFIELD_NAMESPACE, key, type, value });

  const latest: LatestMessageValue = {
    messageId: message.id,
    agent: message.agent,
    subject: message.draft.subject,
    preheader: message.draft.preheader,
    body: bodyText(message.draft),
    callToAction: { label: message.draft.callToAction.label, url: message.draft.callToAction.url },
    products: products.map((p) => ({ id: toGid("Product", p.productId), title: p.title, price: fromMinorUnits(p.priceMinor, shop.currencyCode), currencyCode: shop.currencyCode })),
    discountPercent: discountPercent(message.brief),
    sentAt: sentAt ? sentAt.toISOString() : null,
  };
  const metafields = [metafield("latest_message", "json", JSON.stringify(latest))];
  if (products.length > 0) metafields.push(metafield("recommended_products", "list.product_reference", JSON.stringify(products.map((p) => toGid("Product", p.productId)))));

  const pointsNeeded = message.brief.numbers.pointsNeeded;
  if (message.agent === "loyalty" && pointsNeeded !== undefined) {
    metafields.push(metafield("points_to_next_reward", "number_integer", String(Math.max(0, Math.ceil(pointsNeeded)))));
  }
  const due = message.brief.deadlines.usualRepurchaseAt;
  if (message.agent === "replenishment" && due) metafields.push(metafield("replenishment_due_on", "date", localDate(due, shop.timeZone)));
  return { metafields };
}
