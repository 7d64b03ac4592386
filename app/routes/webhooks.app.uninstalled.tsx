import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { authenticate } from "~/shopify.server";
import { recordInboxEvent } from "~/services/recordInboxEvent.server";
import { recordUninstall } from "~/services/recordInstall.server";
import { webhookDelivery } from "~/services/webhookDelivery.server";

// app/uninstalled: deactivate the shop and drop its sessions now (its jobs check the shop's status),
// and keep the raw event in the inbox like every other delivery.
export const action = async ({ request }: ActionFunctionArgs) => {
  const rawBody = await request.clone().text();
  const context = await authenticate.webhook(request);
  const store = await db();
  const outcome = await recordInboxEvent(store, webhookDelivery(context, request, rawBody));
  if (outcome.status === "recorded") await recordUninstall(store, { shopId: context.shop });
  return new Response(null, { status: 200 });
};
