import { describe, expect, it } from "vitest";
import { convertBulkObject } from "~/domain/backfill/convertBulkObject";
import { CustomerConsentPayload, CustomerPayload } from "~/domain/events/webhookPayloads";
import { consentRecord, customerRecord } from "~/domain/projections/shopifyRecords";
import { gid, gqlCustomer } from "../../support/fakeShopifyData";

type Json = Record<string, unknown>;

function convert(node: Json) {
  const conversion = convertBulkObject({ id: String(node.id), node, children: [], firstLine: 1, lastLine: 1 });
  if (!conversion.ok) throw new Error(conversion.error);
  return conversion.events;
}

describe("customers: GraphQL bulk object -> customers/update + consent payloads", () => {
  it("a customer becomes a `customers` event and, separately, a `customer_consent` event (2025-10+ shapes)", () => {
    const events = convert(gqlCustomer("706405506930370084"));
    expect(events.map((event) => [event.topic, event.key])).toEqual([
      ["customers", gid("Customer", "706405506930370084")],
      ["customer_consent", `${gid("Customer", "706405506930370084")}:consent`],
    ]);
    const [profile, consent] = events;
    expect(profile?.payload).toEqual({
      id: "706405506930370084",
      admin_graphql_api_id: "gid://shopify/Customer/706405506930370084",
      email: "ada706405506930370084@example.com",
      first_name: "Ada",
      last_name: "Lovelace",
      phone: "+442071234567",
      state: "enabled",
      tags: "vip, newsletter",
      locale: "en-GB",
      created_at: "2024-02-01T09:00:00Z",
      updated_at: "2025-05-01T10:00:00Z",
      default_address: { country_code: "GB", province_code: "ENG", city: "London", zip: "NW1 6XE" },
    });
    // The customer payload carries no consent, as REST's no longer does.
    expect(profile?.payload).not.toHaveProperty("email_marketing_consent");
    const record = customerRecord(CustomerPayload.parse(profile?.payload));
    expect(record).toMatchObject({ id: "706405506930370084", tags: '["vip","newsletter"]', countryCode: "GB", timeZone: "Europe/London" });
    expect(CustomerConsentPayload.parse(consent?.payload)).toEqual({
      customer_id: "706405506930370084",
      email_address: "ada706405506930370084@example.com",
      email_marketing_consent: { state: "SUBSCRIBED", opt_in_level: "CONFIRMED_OPT_IN", consent_updated_at: new Date("2024-02-01T09:05:00Z") },
    });
  });

  const consents: Array<[string, string | null, string | null, string | null]> = [
    ["SUBSCRIBED", "SINGLE_OPT_IN", "subscribed", "single_opt_in"],
    ["NOT_SUBSCRIBED", null, "not_subscribed", null],
    ["UNSUBSCRIBED", "CONFIRMED_OPT_IN", "unsubscribed", "confirmed_opt_in"],
    ["PENDING", "CONFIRMED_OPT_IN", "pending", "confirmed_opt_in"],
    ["REDACTED", null, "redacted", null],
    ["INVALID", "UNKNOWN", "invalid", "unknown"],
  ];

  it.each(consents)("consent %s (opt-in %s) goes out in REST's lower case and reads back as %s", (state, level, restState, restLevel) => {
    const events = convert(gqlCustomer(1, { emailMarketingConsent: { marketingState: state, marketingOptInLevel: level, consentUpdatedAt: null } }));
    const consent = events.find((event) => event.topic === "customer_consent");
    expect(consent?.payload).toMatchObject({ email_marketing_consent: { state: restState, opt_in_level: restLevel, consent_updated_at: null } });
    const record = consentRecord(CustomerConsentPayload.parse(consent?.payload));
    expect(record).toEqual({ customerId: "1", emailMarketingState: state, emailMarketingOptInLevel: level, emailConsentUpdatedAt: null });
  });

  it("no consent recorded by Shopify (no email address): only the `customers` event", () => {
    const events = convert(gqlCustomer(2, { defaultEmailAddress: null, emailMarketingConsent: null }));
    expect(events.map((event) => event.topic)).toEqual(["customers"]);
    expect(CustomerPayload.parse(events[0]?.payload)).toMatchObject({ id: "2", email: null });
  });

  it("a sparse customer: no name, phone, address or tags; a disabled account", () => {
    const events = convert(
      gqlCustomer(3, { firstName: null, lastName: null, defaultPhoneNumber: null, defaultAddress: null, tags: [], state: "DISABLED", locale: null }),
    );
    expect(CustomerPayload.parse(events[0]?.payload)).toMatchObject({
      first_name: null,
      last_name: null,
      phone: null,
      default_address: null,
      tags: [],
      state: "disabled",
      locale: null,
    });
  });

  it("names with emoji, right-to-left text and zero-width characters pass through unchanged", () => {
    const events = convert(gqlCustomer(4, { firstName: "Zoë 🌿", lastName: "\u05DB\u05D4\u05DF\u200B" }));
    expect(events[0]?.payload).toMatchObject({ first_name: "Zoë 🌿", last_name: "\u05DB\u05D4\u05DF\u200B" });
  });

  it("an unknown consent state is reported, not guessed", () => {
    const node = gqlCustomer(5, { emailMarketingConsent: { marketingState: "MAYBE", marketingOptInLevel: null, consentUpdatedAt: null } });
    const conversion = convertBulkObject({ id: String(node.id), node, children: [], firstLine: 7, lastLine: 7 });
    expect(conversion).toMatchObject({ ok: false, topic: "customer_consent" });
    if (!conversion.ok) expect(conversion.error).toMatch(/email_marketing_consent\.state/);
  });
});
