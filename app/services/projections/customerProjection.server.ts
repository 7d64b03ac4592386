import { CustomerConsentPayload, CustomerDeletePayload, CustomerPayload } from "~/domain/events/webhookPayloads";
import { mayReplace } from "~/domain/projections/freshness";
import { consentRecord, customerRecord, type CustomerRecord } from "~/domain/projections/shopifyRecords";
import { parsePayload, type Projection, type ProjectionContext } from "./projection.server";

/**
 * customers/create, customers/update (and backfilled customers): the identity part of the profile.
 * Consent is not on these payloads any more (2025-10); it has its own topic below, so neither
 * overwrites the other. A redacted or deleted customer keeps only its tombstone: no later event
 * brings their personal data back.
 */
export const applyCustomer: Projection = async (context, payload) => {
  await upsertCustomer(context, customerRecord(parsePayload(CustomerPayload, payload)));
};

/** Also used for customers embedded in orders and checkouts, which carry no consent. */
export async function upsertCustomer(context: ProjectionContext, record: CustomerRecord): Promise<void> {
  const { tx, shopId } = context;
  const existing = await tx.customer.findUnique({
    where: { shopId_id: { shopId, id: record.id } },
    select: { sourceUpdatedAt: true, redactedAt: true, deletedAt: true, locale: true },
  });
  if (!existing) {
    await tx.customer.create({ data: { shopId, ...record } });
    return;
  }
  if (existing.redactedAt || existing.deletedAt) return;
  if (!mayReplace(existing.sourceUpdatedAt, record.sourceUpdatedAt)) return;
  // REST customers carry no locale; keep the one learnt from their orders rather than erase it.
  await tx.customer.update({ where: { shopId_id: { shopId, id: record.id } }, data: { ...record, locale: record.locale ?? existing.locale } });
}

/** customers_email_marketing_consent/update: ordered by consent_updated_at, not by arrival. */
export const applyConsent: Projection = async ({ tx, shopId }, payload) => {
  const consent = consentRecord(parsePayload(CustomerConsentPayload, payload));
  const where = { shopId_id: { shopId, id: consent.customerId } };
  const existing = await tx.customer.findUnique({ where, select: { emailConsentUpdatedAt: true, redactedAt: true, deletedAt: true } });
  const { customerId, ...fields } = consent;
  if (!existing) {
    // Consent can arrive before the customer: keep it on a row the customer webhook completes.
    await tx.customer.create({ data: { shopId, id: customerId, ...fields } });
    return;
  }
  if (existing.redactedAt || existing.deletedAt) return;
  if (!mayReplace(existing.emailConsentUpdatedAt, fields.emailConsentUpdatedAt)) return;
  await tx.customer.update({ where, data: fields });
};

/**
 * customers/delete: the customer is gone from the store. Their personal data goes with them and
 * they can never be messaged again; their orders stay for the merchant's figures.
 */
export const applyCustomerDelete: Projection = async ({ tx, shopId, receivedAt }, payload) => {
  const { id } = parsePayload(CustomerDeletePayload, payload);
  const erased = { email: null, firstName: null, lastName: null, phone: null, emailMarketingState: "NOT_SUBSCRIBED", deletedAt: receivedAt };
  const existing = await tx.customer.findUnique({ where: { shopId_id: { shopId, id } }, select: { deletedAt: true } });
  if (!existing) await tx.customer.create({ data: { shopId, id, ...erased } });
  else if (!existing.deletedAt) await tx.customer.update({ where: { shopId_id: { shopId, id } }, data: erased });
};
