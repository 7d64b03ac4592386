import { createHmac, timingSafeEqual } from "node:crypto";
import { isShopDomain } from "~/domain/shop/shopProfile";
import type { InboxEventInput } from "./recordInboxEvent.server";

export type WebhookVerification =
  | { ok: true; delivery: InboxEventInput }
  | { ok: false; status: 400 | 401 | 405; reason: string };

/**
 * Verifies a webhook delivery and turns it into its inbox row.
 *
 * Why not `authenticate.webhook` from @shopify/shopify-app-remix: after checking the signature it
 * loads the shop's offline session and, with `expiringOfflineAccessTokens`, refreshes an expired
 * token by calling Shopify before the handler runs. For app/uninstalled that refresh fails (the app
 * is gone), the library answers 500, and every retry fails the same way: the shop would never be
 * marked uninstalled. It also JSON-parses the body (rounding ids above 2^53, and throwing on a
 * malformed body) and costs a session read per delivery. None of that is needed to accept a
 * delivery: the signature, the headers and the raw body are.
 *
 * - not POST: 405; no or a wrong X-Shopify-Hmac-Sha256: 401; required headers missing: 400.
 * - A correctly signed body that is not UTF-8 JSON is still accepted, as an `invalid` row (so
 *   Shopify does not retry it for two days, and it stays for inspection); it is never applied.
 */
export async function verifyWebhookDelivery(request: Request, secret: string): Promise<WebhookVerification> {
  if (request.method !== "POST") return { ok: false, status: 405, reason: "webhooks are delivered with POST" };
  // The signature covers the bytes as sent; decoding first would change invalid UTF-8 and break it.
  const body = Buffer.from(await request.arrayBuffer());
  const hmac = request.headers.get("X-Shopify-Hmac-Sha256");
  if (!hmac) return { ok: false, status: 401, reason: "missing X-Shopify-Hmac-Sha256" };
  if (!signatureMatches(body, hmac, secret)) return { ok: false, status: 401, reason: "invalid HMAC" };

  const shop = request.headers.get("X-Shopify-Shop-Domain");
  const topic = request.headers.get("X-Shopify-Topic");
  const webhookId = request.headers.get("X-Shopify-Webhook-Id");
  if (!shop || !topic || !webhookId) return { ok: false, status: 400, reason: "missing X-Shopify-Shop-Domain, -Topic or -Webhook-Id" };
  if (!isShopDomain(shop)) return { ok: false, status: 400, reason: "X-Shopify-Shop-Domain is not a myshopify domain" };

  const { payload, error } = readJson(body);
  const triggeredAt = request.headers.get("X-Shopify-Triggered-At");
  const parsedTriggeredAt = triggeredAt ? new Date(triggeredAt) : null;
  return {
    ok: true,
    delivery: {
      shopId: shop,
      source: "webhook",
      deliveryId: webhookId,
      topic,
      eventId: request.headers.get("X-Shopify-Event-Id"),
      triggeredAt: parsedTriggeredAt && !Number.isNaN(parsedTriggeredAt.getTime()) ? parsedTriggeredAt : null,
      // Kept exactly as sent: JSON.parse would round ids above 2^53.
      payload,
      ...(error ? { status: "invalid" as const, error } : {}),
    },
  };
}

function signatureMatches(body: Buffer, hmac: string, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(hmac, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readJson(body: Buffer): { payload: string; error: string | null } {
  let payload: string;
  try {
    payload = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return { payload: body.toString("utf8"), error: "body is not valid UTF-8" };
  }
  try {
    JSON.parse(payload);
    return { payload, error: null };
  } catch (error) {
    return { payload, error: `body is not valid JSON: ${(error as Error).message}` };
  }
}
