import type { ContentBrief } from "../../agents/contract";
import type { CheckResult, Violation } from "../violation";
import { CRITIC_RULES } from "./criticInput";
import { allMatches, clip, type CopyText } from "./textScan";

const RULE = CRITIC_RULES.date;

/** A calendar day as written; `year` is absent when the copy leaves it out ("June 10"). */
export type WrittenDate = { year?: number; month: number; day: number };
export type DateMention = { raw: string; readings: readonly WrittenDate[] };

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?(?!\d)`;
const YEAR = String.raw`(?:,?\s+(\d{4}))?`;

const MONTH_DAY = new RegExp(String.raw`\b${MONTH}\s+${DAY}${YEAR}`, "gi");
const DAY_MONTH = new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?${MONTH}${YEAR}`, "gi");
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
/** 10/06/2026 or 06.10.26: day-first or month-first is unknown, so both readings are kept. */
const NUMERIC = /(?<![\d./-])(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?![\d./-])/g;

const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const yearOf = (text: string | undefined) => (text === undefined ? undefined : text.length === 2 ? 2000 + Number(text) : Number(text));
const valid = (d: WrittenDate) => d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31;

/** Dates in a text. Limits: English month names only; weekdays ("ends Friday") and relative words ("tomorrow") are not read. */
export function findDates(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const m of allMatches(MONTH_DAY, text)) found.push({ raw: m[0], readings: [{ month: monthOf(m[1] ?? ""), day: Number(m[2]), year: yearOf(m[3]) }] });
  for (const m of allMatches(DAY_MONTH, text)) found.push({ raw: m[0], readings: [{ day: Number(m[1]), month: monthOf(m[2] ?? ""), year: yearOf(m[3]) }] });
  for (const m of allMatches(ISO, text)) found.push({ raw: m[0], readings: [{ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }] });
  for (const m of allMatches(NUMERIC, text)) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), yearOf(m[3])];
    found.push({ raw: m[0], readings: [{ day: a, month: b, year }, { month: a, day: b, year }] });
  }
  return found.map((d) => ({ ...d, readings: d.readings.filter(valid) }));
}

/** The calendar day of an instant in a time zone (UTC when the zone is unknown or invalid). */
export function localDate(at: Date, timeZone: string | null): Required<WrittenDate> {
  const read = (zone: string) => {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "numeric", day: "numeric" }).formatToParts(at);
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return { year: part("year"), month: part("month"), day: part("day") };
  };
  try {
    return read(timeZone ?? "UTC");
  } catch {
    return read("UTC");
  }
}

/**
 * facts.date: every date in the copy is the calendar day of one of the brief's deadlines, in the
 * shopper's time zone (a deadline at 02:00 UTC is the evening before in New York, and the copy
 * must say that evening's date). The comparison is by date only: copy rarely states a time.
 */
export function checkDates(texts: readonly CopyText[], brief: ContentBrief, timeZone: string | null): CheckResult {
  const deadlines = Object.values(brief.deadlines).map((at) => localDate(at, timeZone));
  const violations: Violation[] = [];
  for (const { field, factText } of texts) {
    for (const mention of findDates(factText)) {
      const matches = mention.readings.some((r) => deadlines.some((d) => d.month === r.month && d.day === r.day && (r.year === undefined || r.year === d.year)));
      if (!matches) {
        const message = deadlines.length === 0 ? `${field} states the date "${mention.raw}" but the brief has no dates.` : `The date "${mention.raw}" in ${field} is none of the brief's dates (in the shopper's time zone).`;
        violations.push({ rule: RULE, kind: "fact", remedy: "template", message, evidence: clip(mention.raw) });
      }
    }
  }
  return { checked: [RULE], violations };
}
