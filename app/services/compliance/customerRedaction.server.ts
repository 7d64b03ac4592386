import type { DbTransaction } from "~/services/recordInboxEvent.server";
import { customerFootprint, type CustomerRequest } from "./customerFootprint.server";
import { scrubPersonalData } from "./personalData";
import { batches } from "~/services/queryBatches";

export type RedactionReport = {
  customerCreatedAsTombstone: boolean;
  orders: number;
  checkouts: number;
  carts: number;
  browseEventsDeleted: number;
  pixelClientsDeleted: number;
  exportsDeleted: number;
  decisionsDeleted: number;
  messagesDeleted: number;
  inboxEventsScrubbed: number;
};

/** The customer fields that identify or describe a person; all erased, consent marked REDACTED. */
const ERASED_CUSTOMER_FIELDS = {
  email: null,
  firstName: null,
  lastName: null,
  phone: null,
  locale: null,
  timeZone: null,
  countryCode: null,
  provinceCode: null,
  tags: "[]",
  state: null,
  emailMarketingState: "REDACTED",
  emailMarketingOptInLevel: null,
  emailConsentUpdatedAt: null,
};

/**
 * customers/redact: erases the customer's personal data and leaves a tombstone.
 * - Customer: personal fields erased, `redactedAt` set (kept from the first redaction); created
 *   with only its id and `redactedAt` when the shop never stored them, so a late order or update
 *   (the store projections check `redactedAt`) cannot bring their data back.
 * - Orders and checkouts: email, landing and referring URLs (which can carry click ids) and the
 *   abandoned-checkout URL (a key to their checkout) erased; amounts, line items, UTM attribution
 *   and the customer id (now a tombstone's id) stay for the merchant's accounting and aggregates.
 * - Carts: the free-text note and the browser link erased.
 * - Browsing: browse events and pixel-client links deleted, not de-identified: URLs, referrers and
 *   searches can hold personal data, and the aggregate value of one shopper's browsing is small.
 * - Loyalty ledger: kept (points liability is accounting, and it names no one).
 * - Data-request exports of the customer: deleted (they are copies of what is being erased).
 * - The planner's decisions and the messages written for them: deleted. They are profiling (their
 *   cadence, intent and value, in the reasoning trace) and copy addressed to them by name;
 *   deleting them also withdraws anything still scheduled. Erasure outranks the audit trail here.
 * - Raw inbox bodies about them: scrubbed (see personalData.ts).
 * Idempotent: running it again finds the same rows and erases nothing new.
 */
export async function redactCustomer(tx: DbTransaction, input: { shopId: string; request: CustomerRequest; now: Date }): Promise<RedactionReport> {
  const { shopId, now } = input;
  const { customerId } = input.request;
  const found = await customerFootprint(tx, shopId, input.request);
  const where = { shopId_id: { shopId, id: customerId } };
  if (found.customer) await tx.customer.update({ where, data: { ...ERASED_CUSTOMER_FIELDS, redactedAt: found.customer.redactedAt ?? now } });
  else await tx.customer.create({ data: { shopId, id: customerId, ...ERASED_CUSTOMER_FIELDS, redactedAt: now } });

  const orderIds = found.orders.map((order) => order.id);
  for (const ids of batches(orderIds)) {
    await tx.order.updateMany({ where: { shopId, id: { in: ids } }, data: { email: null, landingSite: null, referringSite: null, customerLocale: null } });
  }
  const checkoutTokens = found.checkouts.map((checkout) => checkout.token);
  for (const tokens of batches(checkoutTokens)) {
    await tx.checkout.updateMany({ where: { shopId, token: { in: tokens } }, data: { email: null, landingSite: null, referringSite: null, abandonedCheckoutUrl: null } });
  }
  const cartTokens = found.carts.map((cart) => cart.token);
  for (const tokens of batches(cartTokens)) await tx.cart.updateMany({ where: { shopId, token: { in: tokens } }, data: { note: null, clientId: null } });

  let browseEventsDeleted = (await tx.browseEvent.deleteMany({ where: { shopId, customerId } })).count;
  for (const ids of batches(found.pixelClients.map((client) => client.clientId))) {
    browseEventsDeleted += (await tx.browseEvent.deleteMany({ where: { shopId, clientId: { in: ids } } })).count;
  }
  const clients = await tx.pixelClient.deleteMany({ where: { shopId, customerId } });
  const exports = await tx.complianceExport.deleteMany({ where: { shopId, customerId } });
  const messageIds = (await tx.message.findMany({ where: { shopId, customerId }, select: { id: true } })).map((m) => m.id);
  const decisions = await tx.decision.deleteMany({ where: { shopId, customerId } });
  const messages = await tx.message.deleteMany({ where: { shopId, customerId } });
  // What the channels received held their name and address; the suppression list keeps only the
  // customer id (a tombstone's), so a late re-import still cannot email them.
  for (const ids of batches(messageIds)) {
    await tx.delivery.deleteMany({ where: { shopId, messageId: { in: ids } } });
    await tx.llmCall.deleteMany({ where: { shopId, messageId: { in: ids } } });
  }

  for (const event of found.inboxEvents) {
    const payload = JSON.stringify(event.parsed === null ? { redacted: "customers/redact", unreadable: true } : scrubPersonalData(event.source, event.parsed));
    if (payload !== event.payload) await tx.inboxEvent.update({ where: { id: event.id }, data: { payload } });
  }
  return {
    customerCreatedAsTombstone: !found.customer,
    orders: orderIds.length,
    checkouts: checkoutTokens.length,
    carts: cartTokens.length,
    browseEventsDeleted,
    pixelClientsDeleted: clients.count,
    exportsDeleted: exports.count,
    decisionsDeleted: decisions.count,
    messagesDeleted: messages.count,
    inboxEventsScrubbed: found.inboxEvents.length,
  };
}
