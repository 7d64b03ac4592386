import { describe, expect, it } from "vitest";
import { findDates, localDate } from "~/domain/governance/critic/dateCheck";
import type { ContentBrief } from "~/domain/agents/contract";
import { BRIEF, EXPIRES_AT, rulesBroken, saying } from "./fixtures";

/** The brief with `numbers` merged in; null: the brief without its points numbers. */
function briefWith(numbers: Record<string, number> | null | undefined): ContentBrief {
  if (numbers === null) return { ...BRIEF, numbers: { usualDaysBetween: 30, daysUntilExpiry: 10, itemCount: 2 } };
  return { ...BRIEF, numbers: { ...BRIEF.numbers, ...numbers } };
}

describe("facts.number: points, days and counts tied to the brief", () => {
  it.each([
    { name: "the points still needed (120) and the balance (380)", text: "You have 380 points; 120 points to go.", rules: [] },
    { name: "a thousands separator: 1,200 points when the brief says 1200", text: "You have 1,200 points.", rules: [], numbers: { balance: 1200 } },
    { name: "'pts' for points", text: "Just 120 pts away.", rules: [] },
    { name: "a misstated points figure", text: "Only 100 points to your reward!", rules: ["facts.number"] },
    { name: "points when the brief has none", text: "You have 380 points.", rules: ["facts.number"], numbers: null },
    { name: "the usual 30 days between orders", text: "You reorder every 30 days.", rules: [] },
    { name: "a '30-day' adjective", text: "A 30-day supply.", rules: [] },
    { name: "30 days as about 4 weeks", text: "About 4 weeks since your last order.", rules: [] },
    { name: "30 days as 1 month", text: "It has been 1 month.", rules: [] },
    { name: "an invented deadline: 3 days", text: "Hurry, 3 days to go!", rules: ["facts.number"] },
    { name: "the basket's 2 items", text: "Your 2 items are waiting.", rules: [] },
    { name: "a miscount of items", text: "Your 3 items are waiting.", rules: ["facts.number"] },
    { name: "an invented stock count", text: "Only 3 left in stock!", rules: ["facts.number"] },
    { name: "'Serum 30 ml' is a title, not 30 of anything", text: "Niacinamide Serum 30 ml is back.", rules: [] },
  ] as Array<{ name: string; text: string; rules: string[]; numbers?: Record<string, number> | null }>)("$name", ({ text, rules, numbers }) => {
    // The baseline preheader states 120 points; it is emptied so each row tests its own text alone.
    expect(rulesBroken(saying(text, { brief: briefWith(numbers), draft: { preheader: "" } }))).toEqual(rules);
  });
});

describe("reading dates", () => {
  it.each([
    { text: "on June 19", readings: [{ month: 6, day: 19, year: undefined }] },
    { text: "by Jun. 19th, 2026", readings: [{ month: 6, day: 19, year: 2026 }] },
    { text: "on 19 June 2026", readings: [{ month: 6, day: 19, year: 2026 }] },
    { text: "the 19th of June", readings: [{ month: 6, day: 19, year: undefined }] },
    { text: "on 2026-06-19", readings: [{ month: 6, day: 19, year: 2026 }] },
    { text: "on 06/19/2026", readings: [{ month: 6, day: 19, year: 2026 }] },
    { text: "on 05/06/26", readings: [{ day: 5, month: 6, year: 2026 }, { month: 5, day: 6, year: 2026 }] },
  ])("$text", ({ text, readings }) => {
    expect(findDates(text).map((d) => d.readings)).toEqual([readings]);
  });

  it.each([
    { zone: "America/New_York", day: 19 },
    { zone: "Europe/Paris", day: 20 },
    { zone: null, day: 20 },
    { zone: "Not/AZone", day: 20 },
  ])("02:00 UTC on 20 June is the $day th in $zone", ({ zone, day }) => {
    expect(localDate(EXPIRES_AT, zone)).toEqual({ year: 2026, month: 6, day });
  });
});

describe("facts.date: dates are the brief's deadlines in the shopper's zone", () => {
  it.each([
    { name: "the deadline's date in New York", text: "Your points expire on June 19.", zone: "America/New_York", rules: [] },
    { name: "with the year", text: "Your points expire on 19 June 2026.", zone: "America/New_York", rules: [] },
    { name: "numeric, month first", text: "Expires 6/19/2026.", zone: "America/New_York", rules: [] },
    { name: "the UTC date is wrong for a New York shopper", text: "Your points expire on June 20.", zone: "America/New_York", rules: ["facts.date"] },
    { name: "the UTC date is right for a Paris shopper", text: "Your points expire on June 20.", zone: "Europe/Paris", rules: [] },
    { name: "the wrong year", text: "Your points expire on June 19, 2027.", zone: "America/New_York", rules: ["facts.date"] },
    { name: "an invented date", text: "Sale ends July 4.", zone: "America/New_York", rules: ["facts.date"] },
  ])("$name", ({ text, zone, rules }) => {
    expect(rulesBroken(saying(text, { shopper: { firstName: "Mia", timeZone: zone } }))).toEqual(rules);
  });

  it("any date fails when the brief has none", () => {
    expect(rulesBroken(saying("See you on June 19.", { brief: { ...BRIEF, deadlines: {} } }))).toEqual(["facts.date"]);
  });
});
