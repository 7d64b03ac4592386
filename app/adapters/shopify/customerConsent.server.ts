import { z } from "zod";
import type { AdminGraphql } from "~/domain/backfill/bulkOperation";
import { toGid } from "~/domain/shared/ids";

/**
 * Withdraws a customer's email marketing consent in Shopify (customerEmailMarketingConsentUpdate,
 * write_customers scope), so the merchant's own Shopify Email and other apps stop too, and the
 * consent webhook that follows agrees with what the app already holds.
 *
 * `consentUpdatedAt` is the moment the shopper clicked, not the moment this call succeeds (it may
 * be retried hours later): Shopify and our projection both order consent by it.
 *
 * Never throws for Shopify's answer: userErrors, GraphQL errors and network failures come back as
 * `{ ok: false, retryable }` (a userError such as "customer not found" or "no email" is final;
 * the rest may succeed later).
 */
const CONSENT_MUTATION = `#graphql
  mutation UnsubscribeCustomer($input: CustomerEmailMarketingConsentUpdateInput!) {
    customerEmailMarketingConsentUpdate(input: $input) {
      customer {
        id
        emailMarketingConsent { marketingState consentUpdatedAt }
      }
      userErrors { field message code }
    }
  }`;

const ConsentResponse = z.object({
  data: z
    .object({
      customerEmailMarketingConsentUpdate: z
        .object({
          customer: z.object({ id: z.string(), emailMarketingConsent: z.object({ marketingState: z.string(), consentUpdatedAt: z.string().nullable().optional() }).nullable() }).nullable(),
          userErrors: z.array(z.object({ field: z.array(z.string()).nullable().optional(), message: z.string(), code: z.string().nullable().optional() })),
        })
        .nullable(),
    })
    .nullable()
    .optional(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

export type ConsentUpdateOutcome =
  | { ok: true; marketingState: string }
  | { ok: false; retryable: boolean; error: string };

export type ConsentUpdate = {
  /** The numeric customer id as the app stores it, or a gid. */
  customerId: string;
  consentUpdatedAt: Date;
  marketingOptInLevel?: "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN" | "UNKNOWN";
};

export async function unsubscribeCustomerInShopify(graphql: AdminGraphql, update: ConsentUpdate): Promise<ConsentUpdateOutcome> {
  const customerId = update.customerId.startsWith("gid://") ? update.customerId : toGid("Customer", update.customerId);
  const input = {
    customerId,
    emailMarketingConsent: {
      marketingState: "UNSUBSCRIBED",
      consentUpdatedAt: update.consentUpdatedAt.toISOString(),
      ...(update.marketingOptInLevel ? { marketingOptInLevel: update.marketingOptInLevel } : {}),
    },
  };
  let body: unknown;
  try {
    body = await graphql(CONSENT_MUTATION, { input });
  } catch (error) {
    return { ok: false, retryable: true, error: `Shopify could not be reached: ${(error as Error).message}` };
  }
  const parsed = ConsentResponse.safeParse(body);
  if (!parsed.success) return { ok: false, retryable: true, error: "Shopify answered in an unexpected shape." };
  if (parsed.data.errors?.length) return { ok: false, retryable: true, error: parsed.data.errors.map((e) => e.message).join("; ") };
  const payload = parsed.data.data?.customerEmailMarketingConsentUpdate;
  if (!payload) return { ok: false, retryable: true, error: "Shopify answered without a result." };
  if (payload.userErrors.length > 0) {
    return { ok: false, retryable: payload.userErrors.some((e) => e.code === "INTERNAL_ERROR"), error: payload.userErrors.map((e) => e.message).join("; ") };
  }
  return { ok: true, marketingState: payload.customer?.emailMarketingConsent?.marketingState ?? "UNSUBSCRIBED" };
}
