import type { ActionFunctionArgs } from "@remix-run/node";
import { adminGraphqlFrom } from "~/adapters/shopify/bulkOperation.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { logger } from "~/logger.server";
import { acceptBulkOperationFinish } from "~/services/backfill/bulkOperationFinish.server";
import { recordInboxEvent } from "~/services/recordInboxEvent.server";
import { verifyWebhookDelivery } from "~/services/webhookDelivery.server";
import { unauthenticated } from "~/shopify.server";

// bulk_operations/finish: record the delivery, then let the history backfill whose bulk operation
// finished (scoped by shop) import its result in the background. Answers 200 at once; a duplicate
// delivery is recorded once and only nudges the backfill again, which is idempotent.
export const action = async ({ request }: ActionFunctionArgs) => {
  const verified = await verifyWebhookDelivery(request, env().SHOPIFY_API_SECRET);
  if (!verified.ok) return new Response(null, { status: verified.status });
  const store = await db();
  await recordInboxEvent(store, verified.delivery);
  await acceptBulkOperationFinish(store, verified.delivery, {
    adminFor: async (shopId) => adminGraphqlFrom((await unauthenticated.admin(shopId)).admin),
    log: logger().child({ component: "backfill" }),
  });
  return new Response(null, { status: 200 });
};
