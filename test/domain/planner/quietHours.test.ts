import { describe, expect, it } from "vitest";
import { PlannerSettings } from "~/domain/planner/planner";
import { formatLocal, isQuietAt, isValidTimeZone, nextSendableMoment, QuietHours, zonedTimeToUtc } from "~/domain/planner/quietHours";

const NIGHT = { start: "21:00", end: "08:00" };
const at = (iso: string) => new Date(iso);

describe("quiet hours in the shopper's own time zone", () => {
  it.each([
    // 12:00 UTC on 10 June 2026
    { zone: "Europe/London", from: "2026-06-10T12:00:00Z", expected: "2026-06-10T12:00:00Z", local: "2026-06-10 13:00", why: "13:00 BST: not quiet, send now" },
    { zone: "America/New_York", from: "2026-06-10T12:00:00Z", expected: "2026-06-10T12:00:00Z", local: "2026-06-10 08:00", why: "08:00 EDT: quiet hours have just ended" },
    { zone: "America/Los_Angeles", from: "2026-06-10T12:00:00Z", expected: "2026-06-10T15:00:00Z", local: "2026-06-10 08:00", why: "05:00 PDT: wait until 08:00" },
    { zone: "Asia/Tokyo", from: "2026-06-10T12:00:00Z", expected: "2026-06-10T23:00:00Z", local: "2026-06-11 08:00", why: "21:00 JST: quiet until tomorrow 08:00" },
    { zone: "Pacific/Auckland", from: "2026-06-10T12:00:00Z", expected: "2026-06-10T20:00:00Z", local: "2026-06-11 08:00", why: "00:00 NZST: quiet until 08:00 the same local day" },
    { zone: "Asia/Kolkata", from: "2026-06-10T16:00:00Z", expected: "2026-06-11T02:30:00Z", local: "2026-06-11 08:00", why: "21:30 IST (a half-hour zone)" },
    // Daylight-saving changes
    { zone: "America/New_York", from: "2026-03-08T05:00:00Z", expected: "2026-03-08T12:00:00Z", local: "2026-03-08 08:00", why: "spring forward: 00:00 EST to 08:00 EDT is 12:00 UTC, not 13:00" },
    { zone: "America/New_York", from: "2026-11-01T04:30:00Z", expected: "2026-11-01T13:00:00Z", local: "2026-11-01 08:00", why: "fall back: 00:30 EDT to 08:00 EST is 13:00 UTC" },
    { zone: "Europe/London", from: "2026-03-28T22:00:00Z", expected: "2026-03-29T07:00:00Z", local: "2026-03-29 08:00", why: "clocks go forward overnight: 08:00 BST is 07:00 UTC" },
    { zone: "Australia/Sydney", from: "2026-04-04T12:00:00Z", expected: "2026-04-04T22:00:00Z", local: "2026-04-05 08:00", why: "southern autumn: AEDT ends overnight, 08:00 AEST" },
  ])("$zone from $from: $why", ({ zone, from, expected, local }) => {
    const sendAt = nextSendableMoment(at(from), zone, NIGHT);
    expect(sendAt.toISOString()).toBe(new Date(expected).toISOString());
    expect(formatLocal(sendAt, zone)).toBe(local);
    expect(isQuietAt(sendAt, zone, NIGHT)).toBe(false);
  });

  it.each([
    { name: "a daytime window (12:00-14:00)", quiet: { start: "12:00", end: "14:00" }, from: "2026-06-10T12:30:00Z", expected: "2026-06-10T14:00:00Z" },
    { name: "no quiet hours (start = end)", quiet: { start: "08:00", end: "08:00" }, from: "2026-06-10T03:00:00Z", expected: "2026-06-10T03:00:00Z" },
    { name: "quiet hours switched off (null)", quiet: null, from: "2026-06-10T03:00:00Z", expected: "2026-06-10T03:00:00Z" },
  ])("UTC: $name", ({ quiet, from, expected }) => {
    expect(nextSendableMoment(at(from), "UTC", quiet).toISOString()).toBe(new Date(expected).toISOString());
  });

  it("the end of quiet hours in a DST gap moves to the first real minute after it", () => {
    // 02:30 does not exist in New York on 8 March 2026: clocks jump from 02:00 to 03:00.
    const sendAt = nextSendableMoment(at("2026-03-08T06:00:00Z"), "America/New_York", { start: "00:00", end: "02:30" });
    expect(isQuietAt(sendAt, "America/New_York", { start: "00:00", end: "02:30" })).toBe(false);
    expect(sendAt.getTime()).toBeGreaterThanOrEqual(at("2026-03-08T06:30:00Z").getTime());
    expect(sendAt.getTime()).toBeLessThanOrEqual(at("2026-03-08T07:30:00Z").getTime());
  });

  it("converts local wall time to UTC on both sides of a change", () => {
    expect(zonedTimeToUtc(2026, 1, 15, 8, 0, "Europe/Berlin").toISOString()).toBe("2026-01-15T07:00:00.000Z");
    expect(zonedTimeToUtc(2026, 7, 15, 8, 0, "Europe/Berlin").toISOString()).toBe("2026-07-15T06:00:00.000Z");
    expect(zonedTimeToUtc(2026, 12, 32, 8, 0, "UTC").toISOString()).toBe("2027-01-01T08:00:00.000Z");
  });

  it("recognises zones and validates the merchant's times", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(QuietHours.safeParse({ start: "21:00", end: "08:00" }).success).toBe(true);
    expect(QuietHours.safeParse({ start: "9pm", end: "08:00" }).error?.issues[0]?.message).toBe("Use a 24-hour time such as 21:00.");
    expect(QuietHours.safeParse({ start: "24:00", end: "08:00" }).success).toBe(false);
  });
});

describe("planner settings", () => {
  it("default to quiet hours 21:00-08:00, UTC for unknown zones, 12 hours apart and a 7-day cool-down", () => {
    expect(PlannerSettings.parse({})).toEqual({ quietHours: { start: "21:00", end: "08:00" }, defaultTimeZone: "UTC", minHoursBetweenMessages: 12, subjectCooldownDays: 7 });
    expect(PlannerSettings.parse({ quietHours: null }).quietHours).toBeNull();
    expect(PlannerSettings.safeParse({ minHoursBetweenMessages: 200 }).error?.issues[0]?.message).toBe("Spacing is at most a week (168 hours).");
  });
});
