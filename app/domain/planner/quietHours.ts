import { z } from "zod";

/**
 * Quiet hours in the shopper's own time zone: the merchant sets a local window ("21:00" to
 * "08:00", wrapping midnight) in which no message goes out. Zone offsets come from
 * Intl.DateTimeFormat (the IANA database the runtime ships), so daylight-saving changes are
 * handled: 08:00 in New York is 12:00 UTC in summer and 13:00 UTC in winter. A start equal to
 * the end means no quiet hours.
 */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time such as 21:00.");

export const QuietHours = z.object({ start: ClockTime, end: ClockTime });
export type QuietHours = z.infer<typeof QuietHours>;

export const DEFAULT_QUIET_HOURS: QuietHours = { start: "21:00", end: "08:00" };

export type LocalTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const FORMATTERS = new Map<string, Intl.DateTimeFormat | null>();

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let cached = FORMATTERS.get(timeZone);
  if (cached === undefined) {
    try {
      cached = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      cached = null;
    }
    FORMATTERS.set(timeZone, cached);
  }
  return cached;
}

export function isValidTimeZone(timeZone: string): boolean {
  return formatter(timeZone) !== null;
}

/** The wall-clock time in `timeZone` at an instant. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const local = new Date(at.getTime() + zoneOffsetMs(at, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/**
 * Offsets are memoised per zone and quarter hour (UTC): zones change offset only on quarter-hour
 * instants, and a planning run asks about the same few hours for many shoppers, so Intl (a few
 * microseconds a call) runs a handful of times per zone rather than per proposal.
 */
const QUARTER_HOUR_MS = 900_000;
const OFFSETS = new Map<string, Map<number, number>>();
const MAX_OFFSETS_PER_ZONE = 20_000;

/** Local time minus UTC at an instant, in milliseconds (whole seconds). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const bucket = Math.floor(at.getTime() / QUARTER_HOUR_MS);
  let offsets = OFFSETS.get(timeZone);
  const cached = offsets?.get(bucket);
  if (cached !== undefined) return cached;
  const format = formatter(timeZone);
  if (!format) throw new Error(`unknown time zone: ${timeZone}`);
  const start = bucket * QUARTER_HOUR_MS;
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(start))) if (part.type !== "literal") parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, (parts.hour ?? 0) % 24, parts.minute ?? 0, parts.second ?? 0);
  const offset = wall - start;
  if (!offsets || offsets.size >= MAX_OFFSETS_PER_ZONE) OFFSETS.set(timeZone, (offsets = new Map()));
  offsets.set(bucket, offset);
  return offset;
}

/** "2026-03-08 08:00" */
export function formatLocal(at: Date, timeZone: string): string {
  const t = localTime(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** The instant a local wall-clock time happens (month 1-12; days past the month's end roll over). */
export function zonedTimeToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes: the offset at the guess, then at the corrected guess (differs only across a DST change).
  const first = wall - zoneOffsetMs(new Date(wall), timeZone);
  return new Date(wall - zoneOffsetMs(new Date(first), timeZone));
}

/** "21:30" -> 1290 (minutes after midnight). */
function minutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

export function isQuietAt(at: Date, timeZone: string, quiet: QuietHours | null): boolean {
  if (!quiet) return false;
  const t = localTime(at, timeZone);
  return inQuietWindow(t.hour * 60 + t.minute, minutes(quiet.start), minutes(quiet.end));
}

function inQuietWindow(minuteOfDay: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

/** `from` itself when it is outside quiet hours, else the moment quiet hours end, local time. */
export function nextSendableMoment(from: Date, timeZone: string, quiet: QuietHours | null): Date {
  if (!quiet) return from;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const t = localTime(from, timeZone);
  const minuteOfDay = t.hour * 60 + t.minute;
  if (!inQuietWindow(minuteOfDay, start, end)) return from;
  // In a window that wraps midnight and started this evening, it ends tomorrow; otherwise today.
  const dayShift = start > end && minuteOfDay >= start ? 1 : 0;
  let candidate = zonedTimeToUtc(t.year, t.month, t.day + dayShift, Math.floor(end / 60), end % 60, timeZone);
  // A DST jump can land the end of quiet hours a little early or late; step to the first quiet-free minute.
  for (let guard = 0; guard < 180 && isQuietAt(candidate, timeZone, quiet); guard++) candidate = new Date(candidate.getTime() + 60_000);
  return candidate.getTime() < from.getTime() ? from : candidate;
}
