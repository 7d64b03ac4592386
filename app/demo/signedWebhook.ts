import { createHmac, randomUUID } from "node:crypto";

/**
 * A webhook delivery exactly as Shopify sends one: the raw body signed with the app secret
 * (HMAC-SHA256, base64) and Shopify's headers. The demo sends the store's history to the app this
 * way, and tests use it to send real-shaped deliveries.
 */
export function signedWebhook(options: {
  url: string;
  topic: string;
  shop: string;
  body: string;
  secret: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
  apiVersion?: string;
  hmac?: string | null;
}): Request {
  const hmac = options.hmac === undefined ? createHmac("sha256", options.secret).update(options.body, "utf8").digest("base64") : options.hmac;
  const headers = new Headers({
    "Content-Type": "application/json",
    "X-Shopify-Topic": options.topic,
    "X-Shopify-Shop-Domain": options.shop,
    "X-Shopify-API-Version": options.apiVersion ?? "2026-07",
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": options.triggeredAt ?? new Date().toISOString(),
  });
  if (hmac !== null) headers.set("X-Shopify-Hmac-Sha256", hmac);
  return new Request(options.url, { method: "POST", headers, body: options.body });
}
