import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { recordInboxEvent, type DbTransaction } from "~/services/recordInboxEvent.server";
import { uninstallShop } from "~/services/recordInstall.server";
import { verifyWebhookDelivery } from "~/services/webhookDelivery.server";

// app/uninstalled: deactivate the shop and drop its sessions now (its jobs check the shop's status),
// and keep the raw event in the inbox like every other delivery. The inbox row and the uninstall
// commit together, so a failed uninstall is retried by Shopify instead of being taken for a
// duplicate. A delivery whose body cannot be read is kept as `invalid` and changes nothing else.
export const action = async ({ request }: ActionFunctionArgs) => {
  const verified = await verifyWebhookDelivery(request, env().SHOPIFY_API_SECRET);
  if (!verified.ok) return new Response(null, { status: verified.status });
  const { delivery } = verified;
  const uninstall = delivery.status === "invalid" ? undefined : (tx: DbTransaction) => uninstallShop(tx, { shopId: delivery.shopId });
  await recordInboxEvent(await db(), delivery, uninstall);
  return new Response(null, { status: 200 });
};
