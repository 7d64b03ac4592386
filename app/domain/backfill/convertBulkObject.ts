import type { z } from "zod";
import { CustomerConsentPayload, CustomerPayload, OrderPayload, ProductPayload } from "../events/webhookPayloads";
import type { BackfillTopic } from "./backfillPlan";
import { describeIssues, gidType, GqlCollection, GqlCustomer, GqlLineItem, GqlOrder, GqlProduct, GqlVariant } from "./bulkObjects";
import { restCustomer, restCustomerConsent } from "./convertCustomer";
import { restOrder } from "./convertOrder";
import { restProduct } from "./convertProduct";
import type { BulkObject } from "./jsonlAssembler";

/** One inbox event made from a bulk object: `key` completes its delivery id (`<runId>:<key>`). */
export type BackfillEvent = { key: string; topic: BackfillTopic; payload: Record<string, unknown> };

export type Conversion = { ok: true; events: BackfillEvent[] } | { ok: false; topic: BackfillTopic | null; error: string };

/**
 * An assembled bulk object (see jsonlAssembler.ts) as the REST webhook payloads the projections
 * read, each checked with the webhook schema it will be parsed with, so a mapping mistake is
 * caught here, with the GraphQL source at hand, and not as an invalid event later.
 *
 * - Order (+ LineItem children) -> `orders`
 * - Customer -> `customers`, and `customer_consent` when Shopify holds an email consent
 * - Product (+ ProductVariant and Collection children) -> `products`
 */
export function convertBulkObject(object: BulkObject): Conversion {
  switch (gidType(object.id)) {
    case "Order":
      return convertOrder(object);
    case "Customer":
      return convertCustomer(object);
    case "Product":
      return convertProduct(object);
    default:
      return { ok: false, topic: null, error: `no conversion for ${object.id}` };
  }
}

function convertOrder(object: BulkObject): Conversion {
  const order = GqlOrder.safeParse(object.node);
  if (!order.success) return invalid("orders", describeIssues(order.error));
  const lineItems: Array<z.output<typeof GqlLineItem>> = [];
  for (const [index, child] of object.children.entries()) {
    if (gidType(String(child.id)) !== "LineItem") continue;
    const item = GqlLineItem.safeParse(child);
    if (!item.success) return invalid("orders", describeIssues(item.error, `lineItems.${index}`));
    lineItems.push(item.data);
  }
  return checked("orders", object.id, OrderPayload, () => restOrder(order.data, lineItems));
}

function convertCustomer(object: BulkObject): Conversion {
  const customer = GqlCustomer.safeParse(object.node);
  if (!customer.success) return invalid("customers", describeIssues(customer.error));
  const profile = checked("customers", object.id, CustomerPayload, () => restCustomer(customer.data));
  if (!profile.ok) return profile;
  const consent = restCustomerConsent(customer.data);
  if (!consent) return profile;
  const consentEvent = checked("customer_consent", `${object.id}:consent`, CustomerConsentPayload, () => consent);
  if (!consentEvent.ok) return consentEvent;
  return { ok: true, events: [...profile.events, ...consentEvent.events] };
}

function convertProduct(object: BulkObject): Conversion {
  const product = GqlProduct.safeParse(object.node);
  if (!product.success) return invalid("products", describeIssues(product.error));
  const variants: Array<z.output<typeof GqlVariant>> = [];
  const collections: Array<z.output<typeof GqlCollection>> = [];
  for (const [index, child] of object.children.entries()) {
    const type = gidType(String(child.id));
    if (type === "ProductVariant") {
      const variant = GqlVariant.safeParse(child);
      if (!variant.success) return invalid("products", describeIssues(variant.error, `variants.${index}`));
      variants.push(variant.data);
    } else if (type === "Collection") {
      const collection = GqlCollection.safeParse(child);
      if (!collection.success) return invalid("products", describeIssues(collection.error, `collections.${index}`));
      collections.push(collection.data);
    }
  }
  return checked("products", object.id, ProductPayload, () => restProduct(product.data, variants, collections));
}

function checked(topic: BackfillTopic, key: string, schema: z.ZodType, build: () => Record<string, unknown>): Conversion {
  let payload: Record<string, unknown>;
  try {
    payload = build();
  } catch (error) {
    return invalid(topic, (error as Error).message);
  }
  const result = schema.safeParse(payload);
  if (!result.success) return invalid(topic, `converted payload fails the ${topic} schema: ${describeIssues(result.error)}`);
  return { ok: true, events: [{ key, topic, payload }] };
}

function invalid(topic: BackfillTopic, error: string): Conversion {
  return { ok: false, topic, error };
}
