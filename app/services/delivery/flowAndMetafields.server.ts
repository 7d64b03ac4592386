import { setCustomerMetafields } from "~/adapters/shopify/customerMetafields.server";
import { triggerFlow, type AdminCallOutcome } from "~/adapters/shopify/flowTrigger.server";
import type { Db } from "~/db.server";
import type { AdminGraphql } from "~/domain/backfill/bulkOperation";
import { buildFlowTriggerPayload, DeliveryPayloadError, parseDeliverableMessage, type DeliveryShop, type FlowTriggerRequest } from "~/domain/delivery/flowPayload";
import { buildCustomerMetafields, type MetafieldsSetRequest } from "~/domain/delivery/metafieldPayload";

/**
 * The two Shopify-side channels of a message, beside its email: the Flow trigger of its agent
 * (flowTriggerReceive) and the customer's metafields in `$app:marketing` (metafieldsSet). Each
 * channel gets one Delivery row per message (shopId, messageId, channel), upserted: `payload` is
 * exactly what was (or would be) sent, `response` what Shopify answered.
 *
 * - Only a message that is `ready` or `sent` is delivered (it passed review; a blocked, rejected or
 *   waiting one never leaves the app).
 * - Demo mode (no Shopify) calls nothing: both rows are written with status `skipped` and response
 *   `{"demo": true}`, so the admin can see exactly what would go to Shopify.
 * - A customer the app has redacted or seen deleted is not sent anything (status `skipped`).
 * - Idempotent: a channel whose row is already `sent` with the same payload is not called again (a
 *   Flow trigger would start the merchant's workflows twice); a `failed` one, or one whose payload
 *   changed (an edited draft), is called again and its row updated. Two deliveries of the same
 *   message at the same moment are the sender's to prevent (Message.sendingSince claims it).
 * - Shopify's userErrors (a metafield value that does not fit its definition, an unknown trigger)
 *   and GraphQL errors make the row `failed` with Shopify's message; so does a network failure.
 */

export type ShopifyTarget = { mode: "demo" } | { mode: "shopify"; graphql: AdminGraphql };

export const DELIVERABLE_STATUSES = ["ready", "sent"] as const;

export type ChannelName = "flow" | "metafields";
export type ChannelOutcome = {
  channel: ChannelName;
  status: "sent" | "failed" | "skipped";
  /** Whether Shopify was called this time (false: demo, skipped, or already sent with this payload). */
  called: boolean;
  error: string | null;
};

export type FlowAndMetafieldsOutcome =
  | { kind: "not-found" }
  | { kind: "not-deliverable"; status: string }
  | { kind: "delivered"; flow: ChannelOutcome; metafields: ChannelOutcome };

type Built<P> = { ok: true; payload: P } | { ok: false; error: string };

export async function deliverFlowAndMetafields(store: Db, target: ShopifyTarget, ref: { shopId: string; messageId: string }): Promise<FlowAndMetafieldsOutcome> {
  const { shopId, messageId } = ref;
  const row = await store.message.findUnique({
    where: { shopId_id: { shopId, id: messageId } },
    select: { id: true, agent: true, customerId: true, status: true, draft: true, brief: true, sendAt: true, sentAt: true },
  });
  if (!row) return { kind: "not-found" };
  if (!(DELIVERABLE_STATUSES as readonly string[]).includes(row.status)) return { kind: "not-deliverable", status: row.status };

  const [shopRow, customer] = await Promise.all([
    store.shop.findUnique({ where: { id: shopId }, select: { currencyCode: true, ianaTimezone: true } }),
    store.customer.findUnique({ where: { shopId_id: { shopId, id: row.customerId } }, select: { redactedAt: true, deletedAt: true } }),
  ]);
  const shop: DeliveryShop = { currencyCode: shopRow?.currencyCode ?? "USD", timeZone: shopRow?.ianaTimezone ?? "UTC" };

  let flow: Built<FlowTriggerRequest>;
  let metafields: Built<MetafieldsSetRequest>;
  try {
    const message = parseDeliverableMessage(row);
    flow = built(() => buildFlowTriggerPayload(message, shop));
    metafields = built(() => buildCustomerMetafields(message, shop, row.sentAt ?? row.sendAt));
  } catch (error) {
    if (!(error instanceof DeliveryPayloadError)) throw error;
    flow = { ok: false, error: error.message };
    metafields = { ok: false, error: error.message };
  }

  const gone = customer?.redactedAt ? "the customer's data was redacted" : customer?.deletedAt ? "the customer was deleted" : null;
  const context = { store, target, shopId, messageId, gone };
  return {
    kind: "delivered",
    flow: await deliverChannel(context, "flow", flow, triggerFlow),
    metafields: await deliverChannel(context, "metafields", metafields, setCustomerMetafields),
  };
}

function built<P>(build: () => P): Built<P> {
  try {
    return { ok: true, payload: build() };
  } catch (error) {
    if (error instanceof DeliveryPayloadError) return { ok: false, error: error.message };
    throw error;
  }
}

type ChannelContext = { store: Db; target: ShopifyTarget; shopId: string; messageId: string; gone: string | null };

async function deliverChannel<P>(
  context: ChannelContext,
  channel: ChannelName,
  build: Built<P>,
  call: (graphql: AdminGraphql, payload: P) => Promise<AdminCallOutcome>,
): Promise<ChannelOutcome> {
  const { store, target, shopId, messageId } = context;
  const write = async (status: ChannelOutcome["status"], payload: string, response: unknown, called: boolean, error: string | null): Promise<ChannelOutcome> => {
    const data = { status, payload, response: JSON.stringify(response) };
    await store.delivery.upsert({
      where: { shopId_messageId_channel: { shopId, messageId, channel } },
      create: { shopId, messageId, channel, ...data },
      update: data,
    });
    return { channel, status, called, error };
  };

  if (!build.ok) return write("failed", JSON.stringify(null), { error: build.error }, false, build.error);
  const payload = JSON.stringify(build.payload);
  if (context.gone) return write("skipped", payload, { skipped: context.gone }, false, null);
  if (target.mode === "demo") return write("skipped", payload, { demo: true }, false, null);

  const existing = await store.delivery.findUnique({
    where: { shopId_messageId_channel: { shopId, messageId, channel } },
    select: { status: true, payload: true },
  });
  if (existing?.status === "sent" && existing.payload === payload) return { channel, status: "sent", called: false, error: null };

  let outcome: AdminCallOutcome;
  try {
    outcome = await call(target.graphql, build.payload);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return write("failed", payload, { error: message }, true, message);
  }
  return outcome.ok ? write("sent", payload, outcome.response, true, null) : write("failed", payload, { error: outcome.error, ...asObject(outcome.response) }, true, outcome.error);
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { response: value };
}
