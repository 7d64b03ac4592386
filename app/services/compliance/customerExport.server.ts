import type { DbTransaction } from "~/services/recordInboxEvent.server";
import { customerFootprint, type CustomerFootprint, type CustomerRequest } from "./customerFootprint.server";

export const EXPORT_FORMAT = "customer-data-export/v1";

/**
 * customers/data_request: writes one ComplianceExport holding everything the shop stores about the
 * customer, for the merchant to hand over. Keyed by the inbox event, so applying the same event
 * again leaves the first export as it was (one request, one export, one snapshot).
 */
export async function exportCustomerData(
  tx: DbTransaction,
  input: { shopId: string; exportId: string; request: CustomerRequest & { dataRequestId: string | null }; requestedAt: Date; now: Date },
): Promise<void> {
  const where = { shopId_id: { shopId: input.shopId, id: input.exportId } };
  if (await tx.complianceExport.findUnique({ where, select: { id: true } })) return;
  const footprint = await customerFootprint(tx, input.shopId, input.request);
  const document = exportDocument(footprint, input);
  await tx.complianceExport.create({
    data: { shopId: input.shopId, id: input.exportId, customerId: input.request.customerId, requestedAt: input.requestedAt, document: JSON.stringify(document) },
  });
}

/** The export's JSON: rows as stored (without the tenant key), timestamps in ISO 8601 UTC. */
export function exportDocument(
  footprint: CustomerFootprint,
  input: { shopId: string; request: CustomerRequest & { dataRequestId: string | null }; requestedAt: Date; now: Date },
) {
  const itemsByOrder = new Map<string, unknown[]>();
  for (const { shopId: _shop, ...item } of footprint.lineItems) itemsByOrder.set(item.orderId, [...(itemsByOrder.get(item.orderId) ?? []), item]);
  return {
    format: EXPORT_FORMAT,
    shop: input.shopId,
    customerId: input.request.customerId,
    request: { dataRequestId: input.request.dataRequestId, email: input.request.email, ordersRequested: input.request.orderIds },
    requestedAt: input.requestedAt.toISOString(),
    generatedAt: input.now.toISOString(),
    customer: footprint.customer ? withoutShop(footprint.customer) : null,
    orders: footprint.orders.map((order) => ({ ...withoutShop(order), lineItems: itemsByOrder.get(order.id) ?? [] })),
    checkouts: footprint.checkouts.map(withoutShop),
    carts: footprint.carts.map(withoutShop),
    browsing: { pixelClients: footprint.pixelClients.map(withoutShop), events: footprint.browseEvents.map(withoutShop) },
    loyalty: footprint.loyaltyEntries.map(withoutShop),
    marketingDecisions: footprint.decisions.map(withoutShop),
    marketingMessages: footprint.messages.map(withoutShop),
    receivedEvents: footprint.inboxEvents.map((event) => ({
      id: event.id,
      source: event.source,
      topic: event.topic,
      status: event.status,
      receivedAt: event.receivedAt.toISOString(),
      payload: event.parsed ?? event.payload,
    })),
  };
}

export type ExportDocument = ReturnType<typeof exportDocument>;

function withoutShop<T extends { shopId: string }>(row: T): Omit<T, "shopId"> {
  const { shopId: _shop, ...rest } = row;
  return rest;
}
