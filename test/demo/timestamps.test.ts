import { describe, expect, it } from "vitest";
import { atLocalHour, formatInZone, offsetMinutes } from "~/demo/generator/timestamps";

describe("zoned timestamps", () => {
  it.each([
    { instant: "2025-01-15T15:00:00Z", zone: "America/New_York", text: "2025-01-15T10:00:00-05:00" },
    { instant: "2025-07-15T15:00:00Z", zone: "America/New_York", text: "2025-07-15T11:00:00-04:00" },
    // The morning daylight saving time starts in New York: both sides of 07:00 UTC.
    { instant: "2025-03-09T06:30:00Z", zone: "America/New_York", text: "2025-03-09T01:30:00-05:00" },
    { instant: "2025-03-09T07:30:00Z", zone: "America/New_York", text: "2025-03-09T03:30:00-04:00" },
    { instant: "2025-03-30T00:59:59Z", zone: "Europe/Berlin", text: "2025-03-30T01:59:59+01:00" },
    { instant: "2025-03-30T01:00:00Z", zone: "Europe/Berlin", text: "2025-03-30T03:00:00+02:00" },
    { instant: "2025-06-01T00:00:00Z", zone: "Asia/Tokyo", text: "2025-06-01T09:00:00+09:00" },
    { instant: "2025-06-01T00:00:00Z", zone: "Asia/Kolkata", text: "2025-06-01T05:30:00+05:30" },
    { instant: "2025-06-01T12:00:00Z", zone: "Europe/London", text: "2025-06-01T13:00:00+01:00" },
  ])("writes $instant in $zone as $text", ({ instant, zone, text }) => {
    expect(formatInZone(new Date(instant), zone)).toBe(text);
    expect(new Date(text).toISOString()).toBe(new Date(instant).toISOString());
  });

  it("places an instant at a local hour of its local day", () => {
    const at = atLocalHour(new Date("2025-02-10T03:00:00Z"), "America/Los_Angeles", 20.5);
    expect(formatInZone(at, "America/Los_Angeles")).toBe("2025-02-09T20:30:00-08:00");
    expect(offsetMinutes("Australia/Sydney", Date.parse("2025-01-01T00:00:00Z"))).toBe(660);
  });
});
