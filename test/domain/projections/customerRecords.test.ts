import { describe, expect, it } from "vitest";
import { CustomerConsentPayload, CustomerPayload } from "~/domain/events/webhookPayloads";
import { consentRecord, customerRecord } from "~/domain/projections/shopifyRecords";
import { body, CONSENT_JSON, CUSTOMER_JSON } from "../fixtures/shopifyWebhooks";

describe("customerRecord", () => {
  it("maps customers/create to the stored row", () => {
    expect(customerRecord(CustomerPayload.parse(body(CUSTOMER_JSON)))).toEqual({
      id: "706405506930370084",
      email: "bob@biller.example",
      firstName: "Bob",
      lastName: "Biller",
      phone: "+16135551234",
      locale: "fr-CA",
      timeZone: "America/Toronto",
      countryCode: "CA",
      provinceCode: "ON",
      tags: '["VIP","wholesale","newsletter"]',
      state: "enabled",
      shopifyCreatedAt: new Date("2022-01-01T00:00:00Z"),
      sourceUpdatedAt: new Date("2022-01-02T13:30:00Z"),
    });
  });

  it.each([
    { address: null, timeZone: null, countryCode: null, provinceCode: null },
    { address: { country_code: "US", province_code: "WA" }, timeZone: "America/Los_Angeles", countryCode: "US", provinceCode: "WA" },
    { address: { country_code: "DE", province_code: null }, timeZone: "Europe/Berlin", countryCode: "DE", provinceCode: null },
    { address: { country_code: "BR", province_code: "SP" }, timeZone: null, countryCode: "BR", provinceCode: "SP" },
    { address: { country_code: null, city: "Somewhere" }, timeZone: null, countryCode: null, provinceCode: null },
  ])("default address $address -> $timeZone", ({ address, timeZone, countryCode, provinceCode }) => {
    const record = customerRecord(CustomerPayload.parse({ id: 1, default_address: address }));
    expect([record.timeZone, record.countryCode, record.provinceCode]).toEqual([timeZone, countryCode, provinceCode]);
  });

  it("stores an untagged customer's tags as an empty JSON list", () => {
    expect(customerRecord(CustomerPayload.parse({ id: 1, tags: "" })).tags).toBe("[]");
  });
});

describe("consentRecord", () => {
  it("maps customers_email_marketing_consent/update to the stored row", () => {
    expect(consentRecord(CustomerConsentPayload.parse(body(CONSENT_JSON)))).toEqual({
      customerId: "706405506930370084",
      emailMarketingState: "UNSUBSCRIBED",
      emailMarketingOptInLevel: "CONFIRMED_OPT_IN",
      emailConsentUpdatedAt: new Date("2022-03-01T09:00:00Z"),
    });
  });

  it.each([
    { consent: { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: "2025-01-01T00:00:00Z" }, state: "SUBSCRIBED", level: "SINGLE_OPT_IN", at: new Date("2025-01-01T00:00:00Z") },
    { consent: { state: "NOT_SUBSCRIBED", opt_in_level: null, consent_updated_at: null }, state: "NOT_SUBSCRIBED", level: null, at: null },
    { consent: { state: "pending", opt_in_level: "", consent_updated_at: null }, state: "PENDING", level: null, at: null },
    { consent: { state: "redacted" }, state: "REDACTED", level: null, at: null },
  ])("$consent.state -> $state", ({ consent, state, level, at }) => {
    const record = consentRecord(CustomerConsentPayload.parse({ customer_id: "gid://shopify/Customer/42", email_marketing_consent: consent }));
    expect(record).toEqual({ customerId: "42", emailMarketingState: state, emailMarketingOptInLevel: level, emailConsentUpdatedAt: at });
  });
});
