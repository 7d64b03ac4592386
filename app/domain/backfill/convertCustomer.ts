import type { z } from "zod";
import type { CustomerConsentPayload, CustomerPayload } from "../events/webhookPayloads";
import { legacyId, type GqlCustomer } from "./bulkObjects";

/** The REST shapes the webhook schemas accept (their input side: tags as one string, ids as digits). */
export type RestCustomer = z.input<typeof CustomerPayload> & { admin_graphql_api_id: string };
export type RestCustomerConsent = z.input<typeof CustomerConsentPayload>;

/** A GraphQL customer as the `customers/update` webhook would send it (2025-10+: without consent). */
export function restCustomer(customer: GqlCustomer): RestCustomer {
  const address = customer.defaultAddress;
  return {
    id: legacyId(customer.id),
    admin_graphql_api_id: customer.id,
    email: customer.defaultEmailAddress?.emailAddress ?? null,
    first_name: customer.firstName,
    last_name: customer.lastName,
    phone: customer.defaultPhoneNumber?.phoneNumber ?? null,
    // CustomerState ENABLED | DISABLED | INVITED | DECLINED; REST sends it in lower case.
    state: customer.state ? customer.state.toLowerCase() : null,
    tags: customer.tags.join(", "),
    locale: customer.locale,
    created_at: customer.createdAt ?? null,
    updated_at: customer.updatedAt ?? null,
    default_address: address
      ? { country_code: address.countryCodeV2, province_code: address.provinceCode, city: address.city, zip: address.zip }
      : null,
  };
}

/**
 * The `customers_email_marketing_consent/update` payload for a customer's consent, or null when
 * Shopify has none (a customer without an email address). States and opt-in levels go to lower
 * case as REST sends them (SUBSCRIBED -> "subscribed", CONFIRMED_OPT_IN -> "confirmed_opt_in").
 */
export function restCustomerConsent(customer: GqlCustomer): RestCustomerConsent | null {
  const consent = customer.emailMarketingConsent;
  if (!consent) return null;
  return {
    customer_id: legacyId(customer.id),
    email_address: customer.defaultEmailAddress?.emailAddress ?? null,
    email_marketing_consent: {
      state: consent.marketingState.toLowerCase(),
      opt_in_level: consent.marketingOptInLevel ? consent.marketingOptInLevel.toLowerCase() : null,
      consent_updated_at: consent.consentUpdatedAt ?? null,
    },
  };
}
