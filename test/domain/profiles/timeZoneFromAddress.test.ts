import { describe, expect, it } from "vitest";
import { timeZoneFromAddress } from "~/domain/profiles/timeZoneFromAddress";

describe("timeZoneFromAddress", () => {
  it.each([
    // single-zone countries: the province does not matter
    ["GB", null, "Europe/London"],
    ["DE", "BY", "Europe/Berlin"],
    ["FR", null, "Europe/Paris"],
    ["JP", "13", "Asia/Tokyo"],
    ["IN", "MH", "Asia/Kolkata"],
    ["NZ", null, "Pacific/Auckland"],
    ["ZA", null, "Africa/Johannesburg"],
    // United States by state, New York time when the state is unknown or eastern
    ["US", "CA", "America/Los_Angeles"],
    ["US", "AZ", "America/Phoenix"],
    ["US", "CO", "America/Denver"],
    ["US", "TX", "America/Chicago"],
    ["US", "AK", "America/Anchorage"],
    ["US", "HI", "Pacific/Honolulu"],
    ["US", "NY", "America/New_York"],
    ["US", "FL", "America/New_York"],
    ["US", null, "America/New_York"],
    ["US", "", "America/New_York"],
    // Canada and Australia by province or state
    ["CA", "BC", "America/Vancouver"],
    ["CA", "SK", "America/Regina"],
    ["CA", "NL", "America/St_Johns"],
    ["CA", "QC", "America/Toronto"],
    ["CA", null, "America/Toronto"],
    ["AU", "WA", "Australia/Perth"],
    ["AU", "QLD", "Australia/Brisbane"],
    ["AU", "SA", "Australia/Adelaide"],
    ["AU", null, "Australia/Sydney"],
    // codes arrive in any case
    ["us", "ca", "America/Los_Angeles"],
    ["gb", null, "Europe/London"],
    // unknown or missing countries: no guess
    ["BR", "SP", null],
    ["XX", null, null],
    [null, "CA", null],
    ["", null, null],
  ])("%j / %j -> %j", (country, province, zone) => {
    expect(timeZoneFromAddress(country, province)).toBe(zone);
  });

  it("returns only zones the runtime knows", () => {
    const countries = ["GB", "IE", "PT", "ES", "FR", "BE", "NL", "LU", "DE", "AT", "CH", "IT", "DK", "SE", "NO", "FI", "PL", "CZ", "GR", "IL", "AE", "SA", "EG", "ZA", "IN", "SG", "JP", "KR", "HK", "NZ"];
    const states = ["CA", "AZ", "CO", "ID", "TX", "AK", "HI", "NY", "BC", "AB", "MB", "ON", "NB", "NL", "NSW", "VIC", "TAS", "NT"];
    const zones = new Set([
      ...countries.map((c) => timeZoneFromAddress(c, null)),
      ...["US", "CA", "AU"].flatMap((c) => states.map((s) => timeZoneFromAddress(c, s))),
    ]);
    for (const zone of zones) {
      expect(zone).not.toBeNull();
      expect(() => new Intl.DateTimeFormat("en-US", { timeZone: zone ?? "" })).not.toThrow();
    }
    expect(zones.size).toBeGreaterThan(40);
  });
});
