import type { InboxEventInput } from "./recordInboxEvent.server";

/** What `authenticate.webhook` hands back that the inbox needs. */
export type VerifiedWebhook = { shop: string; topic: string | number | symbol; webhookId: string };

/**
 * The inbox row for a verified webhook. The body is kept exactly as Shopify sent it (the caller
 * reads it from a clone before the library parses it): JSON.parse would round ids above 2^53.
 */
export function webhookDelivery(context: VerifiedWebhook, request: Request, rawBody: string): InboxEventInput {
  const triggeredAt = request.headers.get("X-Shopify-Triggered-At");
  const parsedTriggeredAt = triggeredAt ? new Date(triggeredAt) : null;
  return {
    shopId: context.shop,
    source: "webhook",
    deliveryId: context.webhookId,
    topic: request.headers.get("X-Shopify-Topic") ?? String(context.topic),
    eventId: request.headers.get("X-Shopify-Event-Id"),
    triggeredAt: parsedTriggeredAt && !Number.isNaN(parsedTriggeredAt.getTime()) ? parsedTriggeredAt : null,
    payload: rawBody,
  };
}
