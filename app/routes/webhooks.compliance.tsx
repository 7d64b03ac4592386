import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { recordInboxEvent } from "~/services/recordInboxEvent.server";
import { verifyWebhookDelivery } from "~/services/webhookDelivery.server";

// The mandatory privacy topics (customers/data_request, customers/redact, shop/redact). They are
// recorded here and answered at once; the inbox worker carries them out.
export const action = async ({ request }: ActionFunctionArgs) => {
  const verified = await verifyWebhookDelivery(request, env().SHOPIFY_API_SECRET);
  if (!verified.ok) return new Response(null, { status: verified.status });
  await recordInboxEvent(await db(), verified.delivery);
  return new Response(null, { status: 200 });
};
