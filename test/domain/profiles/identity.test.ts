import { describe, expect, it } from "vitest";
import { canEmail, displayName, parseStringList, zoneAndLocale } from "~/domain/profiles/identity";

const base = { id: "42", email: null, firstName: null, lastName: null, redactedAt: null, deletedAt: null };

describe("identity", () => {
  it.each([
    { name: "first and last name", customer: { ...base, firstName: " Ana ", lastName: "Lima" }, expected: "Ana Lima" },
    { name: "only a last name", customer: { ...base, lastName: "Lima" }, expected: "Lima" },
    { name: "emoji and right-to-left names as given", customer: { ...base, firstName: "🌸 مريم" }, expected: "🌸 مريم" },
    { name: "no name: the email", customer: { ...base, email: "a@example.com" }, expected: "a@example.com" },
    { name: "nothing: the id", customer: base, expected: "Customer 42" },
    { name: "redacted", customer: { ...base, firstName: "Ana", redactedAt: new Date(0) }, expected: "Redacted customer 42" },
  ])("display name with $name", ({ customer, expected }) => {
    expect(displayName(customer)).toBe(expected);
  });

  it.each([
    { name: "own zone and locale", customer: { timeZone: "Europe/Lisbon", locale: "pt-PT" }, order: "en", expected: { timeZone: "Europe/Lisbon", timeZoneSource: "customer", locale: "pt-PT", localeSource: "customer" } },
    { name: "shop zone, order locale", customer: { timeZone: null, locale: null }, order: "fr-CA", expected: { timeZone: "America/Toronto", timeZoneSource: "shop", locale: "fr-CA", localeSource: "order" } },
    { name: "nothing known", customer: { timeZone: null, locale: null }, order: null, expected: { timeZone: "America/Toronto", timeZoneSource: "shop", locale: null, localeSource: null } },
  ])("$name", ({ customer, order, expected }) => {
    expect(zoneAndLocale(customer, "America/Toronto", order)).toEqual(expected);
  });

  it.each([
    { json: '["vip","wholesale"]', expected: ["vip", "wholesale"] },
    { json: "[]", expected: [] },
    { json: '{"a":1}', expected: [] },
    { json: "not json", expected: [] },
    { json: null, expected: [] },
  ])("parseStringList($json)", ({ json, expected }) => {
    expect(parseStringList(json)).toEqual(expected);
  });

  it.each([
    { state: "SUBSCRIBED", email: "a@example.com", redactedAt: null, deletedAt: null, expected: true },
    { state: "SUBSCRIBED", email: null, redactedAt: null, deletedAt: null, expected: false },
    { state: "UNSUBSCRIBED", email: "a@example.com", redactedAt: null, deletedAt: null, expected: false },
    { state: "SUBSCRIBED", email: "a@example.com", redactedAt: new Date(0), deletedAt: null, expected: false },
    { state: "SUBSCRIBED", email: "a@example.com", redactedAt: null, deletedAt: new Date(0), expected: false },
  ])("canEmail: $state, email $email, redacted $redactedAt, deleted $deletedAt -> $expected", ({ state, email, redactedAt, deletedAt, expected }) => {
    expect(canEmail({ emailMarketingState: state, email, redactedAt, deletedAt })).toBe(expected);
  });
});
