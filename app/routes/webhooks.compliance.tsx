import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { authenticate } from "~/shopify.server";
import { recordInboxEvent } from "~/services/recordInboxEvent.server";
import { webhookDelivery } from "~/services/webhookDelivery.server";

// The mandatory privacy topics (customers/data_request, customers/redact, shop/redact). They are
// recorded here and answered at once; the inbox worker carries them out.
export const action = async ({ request }: ActionFunctionArgs) => {
  const rawBody = await request.clone().text();
  const context = await authenticate.webhook(request);
  await recordInboxEvent(await db(), webhookDelivery(context, request, rawBody));
  return new Response(null, { status: 200 });
};
