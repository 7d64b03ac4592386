import { CustomersDataRequestPayload, CustomersRedactPayload, ShopRedactPayload } from "~/domain/events/webhookPayloads";
import { exportCustomerData } from "~/services/compliance/customerExport.server";
import { redactCustomer } from "~/services/compliance/customerRedaction.server";
import { redactShop } from "~/services/compliance/shopRedaction.server";
import { parsePayload, type Projection, type ProjectionContext } from "./projection.server";

/**
 * The mandatory privacy topics. The worker applies them even after uninstall (they arrive up to
 * 48 hours later). Each is idempotent. They act on the shop that delivered them (the signed
 * X-Shopify-Shop-Domain the inbox row is keyed by), not on the body's shop_domain. When the shop's
 * row is already gone (a shop/redact applied earlier in the same batch), there is nothing left to
 * export or erase, and nothing is written.
 */

const dataRequest: Projection = async (context, payload) => {
  const request = parsePayload(CustomersDataRequestPayload, payload);
  if (!(await shopExists(context))) return;
  await exportCustomerData(context.tx, {
    shopId: context.shopId,
    exportId: `data-request-${context.inboxEventId}`,
    request: {
      customerId: request.customer.id,
      email: request.customer.email,
      orderIds: request.orders_requested,
      dataRequestId: request.data_request?.id ?? null,
    },
    requestedAt: context.receivedAt,
    now: context.now,
  });
};

const customerRedact: Projection = async (context, payload) => {
  const request = parsePayload(CustomersRedactPayload, payload);
  if (!(await shopExists(context))) return;
  await redactCustomer(context.tx, {
    shopId: context.shopId,
    request: { customerId: request.customer.id, email: request.customer.email, orderIds: request.orders_to_redact },
    now: context.now,
  });
};

const shopRedact: Projection = async (context, payload) => {
  parsePayload(ShopRedactPayload, payload);
  await redactShop(context.tx, { shopId: context.shopId, keepInboxEventId: context.inboxEventId });
};

async function shopExists(context: ProjectionContext): Promise<boolean> {
  return (await context.tx.shop.count({ where: { id: context.shopId } })) > 0;
}

/** compliance projections, keyed `<source>:<topic>` (see registry.server.ts). */
export const COMPLIANCE_PROJECTIONS: Record<string, Projection> = {
  "webhook:customers/data_request": dataRequest,
  "webhook:customers/redact": customerRedact,
  "webhook:shop/redact": shopRedact,
};
