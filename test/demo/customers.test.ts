import { describe, expect, it } from "vitest";
import { timeZoneFromAddress } from "~/domain/profiles/timeZoneFromAddress";
import { NOW, sampleStore, share } from "./support/demoStore";

const { histories } = sampleStore(2000);
const names = histories.map((h) => `${h.customer.first_name} ${h.customer.last_name}`);

describe("demo customers", () => {
  it.each([
    { state: "subscribed", min: 0.45, max: 0.65 },
    { state: "not_subscribed", min: 0.15, max: 0.35 },
    { state: "unsubscribed", min: 0.07, max: 0.2 },
    { state: "pending", min: 0.02, max: 0.12 },
  ])("has $state consent in a sensible share", ({ state, min, max }) => {
    const observed = share(histories, (h) => h.consent.email_marketing_consent.state === state);
    expect(observed).toBeGreaterThanOrEqual(min);
    expect(observed).toBeLessThanOrEqual(max);
  });

  it("dates consent changes consistently with the state", () => {
    for (const { consent, customer } of histories) {
      const { state, consent_updated_at: updatedAt } = consent.email_marketing_consent;
      if (state === "not_subscribed") expect(updatedAt).toBeNull();
      else expect(Date.parse(updatedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(customer.created_at));
      if (updatedAt) expect(Date.parse(updatedAt)).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it.each([
    { kind: "emoji", pattern: /\p{Extended_Pictographic}/u, min: 5 },
    { kind: "Hebrew script", pattern: /[\u0590-\u05FF]/, min: 10 },
    { kind: "Arabic script", pattern: /[\u0600-\u06FF]/, min: 10 },
    { kind: "accented Latin", pattern: /[À-ÖØ-öø-ÿĀ-ž]/, min: 50 },
    { kind: "zero-width characters", pattern: /[\u200B-\u200D\uFEFF]/, min: 2 },
  ])("includes names with $kind", ({ pattern, min }) => {
    expect(names.filter((name) => pattern.test(name)).length).toBeGreaterThanOrEqual(min);
  });

  it("keeps zero-width names rare", () => {
    expect(names.filter((name) => /[\u200B-\u200D\uFEFF]/.test(name)).length).toBeLessThanOrEqual(6);
  });

  it("gives every customer an address whose time zone matches the persona's", () => {
    for (const { customer, truth } of histories) {
      const address = customer.default_address;
      expect(timeZoneFromAddress(address?.country_code ?? null, address?.province_code ?? null)).toBe(truth.timeZone);
    }
  });

  it("mixes locales and countries, including EU shoppers", () => {
    const locales = new Set(histories.map((h) => h.truth.locale));
    for (const locale of ["en-US", "fr-CA", "en-GB", "de-DE", "fr-FR", "nl-NL", "es-ES", "en-AU", "ja-JP", "he-IL", "ar-AE", "ar-EG"]) {
      expect(locales).toContain(locale);
    }
    const eu = share(histories, (h) => h.truth.inEu);
    expect(eu).toBeGreaterThan(0.08);
    expect(eu).toBeLessThan(0.3);
    expect(share(histories, (h) => h.customer.default_address?.country_code === "US")).toBeGreaterThan(0.35);
  });

  it("uses unique, reserved-domain email addresses", () => {
    const emails = histories.map((h) => h.customer.email ?? "");
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((email) => /^[a-z._0-9]+@example\.(com|net|org)$/.test(email))).toBe(true);
  });

  it("creates customers over the whole period, none in the future", () => {
    const created = histories.map((h) => Date.parse(h.customer.created_at));
    const days = created.map((t) => (NOW.getTime() - t) / 86_400_000);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...days)).toBeGreaterThan(500);
    expect(Math.max(...days)).toBeLessThanOrEqual(18 * 30.44 + 1);
    for (const h of histories) expect(Date.parse(h.customer.updated_at)).toBeGreaterThanOrEqual(Date.parse(h.customer.created_at));
  });
});
