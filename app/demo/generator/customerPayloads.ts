import { customerAddressId, gid } from "./ids";
import { addressJson } from "./payloadParts";
import type { ConsentWebhookJson, CustomerWebhookJson, EmailConsentJson } from "./payloadTypes";
import type { Persona } from "./personas";
import { DEMO_SHOP } from "./shop";
import { formatInZone } from "./timestamps";

/**
 * The customers/* and customers_email_marketing_consent/update payloads of a persona. REST customer
 * payloads carry no locale and no time zone: the locale shows up on orders and checkouts
 * (`customer_locale`), the zone has to be inferred from the default address.
 */
export function customerJson(persona: Persona, asOf: Date, tags: readonly string[]): CustomerWebhookJson {
  const zone = DEMO_SHOP.ianaTimezone;
  const updatedAt = Math.max(persona.acquiredAt.getTime(), asOf.getTime());
  return {
    id: persona.id,
    admin_graphql_api_id: gid("Customer", persona.id),
    email: persona.email,
    first_name: persona.name.firstName,
    last_name: persona.name.lastName,
    phone: persona.phone,
    state: persona.accountState,
    verified_email: persona.accountState === "enabled" || persona.consent.state === "subscribed",
    tags: tags.join(", "),
    currency: DEMO_SHOP.currencyCode,
    note: null,
    tax_exempt: false,
    // The record is created at checkout, a few minutes before the first order is placed.
    created_at: formatInZone(new Date(persona.acquiredAt.getTime() - 4 * 60_000), zone),
    updated_at: formatInZone(new Date(updatedAt), zone),
    email_marketing_consent: consentAsOf(persona, asOf),
    default_address: {
      ...addressJson(persona),
      id: customerAddressId(persona.index),
      customer_id: persona.id,
      default: true,
    },
  };
}

export function consentJson(persona: Persona, now: Date): ConsentWebhookJson {
  return { customer_id: persona.id, email_address: persona.email, email_marketing_consent: consentAsOf(persona, now) };
}

/** The consent a payload sent at `asOf` shows: an unsubscribe that has not happened yet still reads subscribed. */
function consentAsOf(persona: Persona, asOf: Date): EmailConsentJson {
  const consent = persona.consent;
  const zone = DEMO_SHOP.ianaTimezone;
  const at = asOf.getTime();
  if (consent.unsubscribedAt && consent.subscribedAt && consent.unsubscribedAt.getTime() > at) {
    return consent.subscribedAt.getTime() <= at
      ? { state: "subscribed", opt_in_level: consent.optInLevel, consent_updated_at: formatInZone(consent.subscribedAt, zone) }
      : { state: "not_subscribed", opt_in_level: consent.optInLevel, consent_updated_at: null };
  }
  if (consent.state === "subscribed" && consent.subscribedAt && consent.subscribedAt.getTime() > at) {
    return { state: "not_subscribed", opt_in_level: consent.optInLevel, consent_updated_at: null };
  }
  return {
    state: consent.state,
    opt_in_level: consent.optInLevel,
    consent_updated_at: consent.updatedAt ? formatInZone(consent.updatedAt, zone) : null,
  };
}
