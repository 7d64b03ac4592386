import { CustomerConsentPayload, CustomerDeletePayload, CustomerPayload } from "~/domain/events/webhookPayloads";
import { newestVersions } from "~/domain/projections/freshness";
import { consentRecord, customerRecord, type CustomerRecord } from "~/domain/projections/shopifyRecords";
import { batchProjection, parsePayload, type BatchContext } from "./projection.server";

/**
 * customers/create, customers/update (and backfilled customers): the identity part of the profile.
 * Consent is not on these payloads any more (2025-10); it has its own topic below, so neither
 * overwrites the other. A redacted or deleted customer keeps only its tombstone: no later event
 * brings their personal data back.
 */
export const applyCustomer = batchProjection(async (context, events) => {
  await upsertCustomers(context, events.map((event) => customerRecord(parsePayload(CustomerPayload, event.payload))));
});

export type CustomerState = { redactedAt: Date | null; deletedAt: Date | null; locale: string | null; timeZone: string | null };

/**
 * Writes the newest version of each customer (also those embedded in orders and checkouts) and
 * returns every given customer's state after the write, for callers that must respect redaction.
 */
export async function upsertCustomers(context: BatchContext, records: readonly CustomerRecord[]): Promise<Map<string, CustomerState>> {
  const { tx, shopId } = context;
  const ids = [...new Set(records.map((record) => record.id))];
  if (ids.length === 0) return new Map();
  const stored = await tx.customer.findMany({
    where: { shopId, id: { in: ids } },
    select: { id: true, sourceUpdatedAt: true, redactedAt: true, deletedAt: true, locale: true, timeZone: true },
  });
  const states = new Map<string, CustomerState>(
    stored.map((row) => [row.id, { redactedAt: row.redactedAt, deletedAt: row.deletedAt, locale: row.locale, timeZone: row.timeZone }]),
  );
  const writable = newestVersions(records, (r) => r.id, (r) => r.sourceUpdatedAt, new Map(stored.map((row) => [row.id, row.sourceUpdatedAt])));
  const created = writable.filter((record) => !states.has(record.id));
  if (created.length) await tx.customer.createMany({ data: created.map((record) => ({ shopId, ...record })) });
  for (const record of created) states.set(record.id, { redactedAt: null, deletedAt: null, locale: record.locale, timeZone: record.timeZone });
  for (const record of writable) {
    const state = states.get(record.id);
    if (!state || created.includes(record) || state.redactedAt || state.deletedAt) continue;
    // REST customers carry no locale; keep the one learnt from their orders rather than erase it.
    // The time zone guessed from the address yields to one already known (the pixel reports the
    // browser's own zone, which is better evidence of where the shopper reads their email).
    const locale = record.locale ?? state.locale;
    const timeZone = state.timeZone ?? record.timeZone;
    await tx.customer.update({ where: { shopId_id: { shopId, id: record.id } }, data: { ...record, locale, timeZone } });
    Object.assign(state, { locale, timeZone });
  }
  return states;
}

/** customers_email_marketing_consent/update: ordered by consent_updated_at, not by arrival. */
export const applyConsent = batchProjection(async ({ tx, shopId }, events) => {
  const consents = events.map((event) => consentRecord(parsePayload(CustomerConsentPayload, event.payload)));
  const ids = [...new Set(consents.map((consent) => consent.customerId))];
  const stored = await tx.customer.findMany({
    where: { shopId, id: { in: ids } },
    select: { id: true, emailConsentUpdatedAt: true, redactedAt: true, deletedAt: true },
  });
  const existing = new Set(stored.map((row) => row.id));
  // Only a consent already applied has a version to beat; a row made by customers/create has none.
  const versions = new Map(stored.flatMap((row) => (row.emailConsentUpdatedAt ? [[row.id, row.emailConsentUpdatedAt] as const] : [])));
  const closed = new Set(stored.filter((row) => row.redactedAt || row.deletedAt).map((row) => row.id));
  for (const consent of newestVersions(consents, (c) => c.customerId, (c) => c.emailConsentUpdatedAt, versions)) {
    const { customerId, ...fields } = consent;
    if (closed.has(customerId)) continue;
    // Consent can arrive before the customer: keep it on a row the customer webhook completes.
    if (existing.has(customerId)) await tx.customer.update({ where: { shopId_id: { shopId, id: customerId } }, data: fields });
    else await tx.customer.create({ data: { shopId, id: customerId, ...fields } });
  }
});

/**
 * customers/delete: the customer is gone from the store. Their personal data goes with them and
 * they can never be messaged again; their orders stay for the merchant's figures.
 */
export const applyCustomerDelete = batchProjection(async ({ tx, shopId }, events) => {
  for (const event of events) {
    const { id } = parsePayload(CustomerDeletePayload, event.payload);
    const erased = { email: null, firstName: null, lastName: null, phone: null, emailMarketingState: "NOT_SUBSCRIBED", deletedAt: event.receivedAt };
    const existing = await tx.customer.findUnique({ where: { shopId_id: { shopId, id } }, select: { deletedAt: true } });
    if (!existing) await tx.customer.create({ data: { shopId, id, ...erased } });
    else if (!existing.deletedAt) await tx.customer.update({ where: { shopId_id: { shopId, id } }, data: erased });
  }
});
