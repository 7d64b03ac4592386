import { db } from "~/db.server";
import { env } from "~/env.server";
import { wakeInboxWorker } from "~/jobs/inboxWorker.server";
import { inboxWriter } from "./inboxWriter.server";
import { verifyWebhookDelivery } from "./webhookDelivery.server";

/**
 * The whole of a data webhook route: verify the signature, keep the raw event in the inbox
 * (a redelivery is a no-op; concurrent deliveries share one INSERT, see inboxWriter), wake the
 * worker, answer. Nothing is parsed or applied here, so the
 * answer comes in milliseconds; if the database cannot take the row the error becomes a 500 and
 * Shopify retries the delivery.
 */
export async function receiveWebhook(request: Request, topics: ReadonlySet<string>): Promise<Response> {
  const verified = await verifyWebhookDelivery(request, env().SHOPIFY_API_SECRET);
  if (!verified.ok) return new Response(null, { status: verified.status });
  const { delivery } = verified;
  // A topic this route does not serve is kept for inspection but never applied.
  const unexpected = topics.has(delivery.topic) ? {} : { status: "invalid" as const, error: `topic ${delivery.topic} is not served at this address` };
  await inboxWriter(await db()).record({ ...delivery, ...unexpected });
  wakeInboxWorker();
  return new Response(null, { status: 200 });
}
