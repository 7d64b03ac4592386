import { DAY_MS } from "../../domain/shared/time";

/**
 * Shopify's REST webhooks write times in the shop's time zone with an explicit offset
 * ("2024-03-05T10:12:33-05:00"); the Web Pixels API writes UTC ("...T15:12:33.120Z"). Shoppers act
 * on their own clock, so scheduling needs the offset of any IANA zone at any instant.
 *
 * Intl is slow enough to dominate a 100,000-customer run, so offsets are cached per zone and
 * day (and per hour on the rare days with a daylight-saving change). The cache is bounded by the
 * number of days in the simulated span times the few zones in use.
 */
const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();
/** Marks a day whose offset changes within it. */
const MIXED = Number.POSITIVE_INFINITY;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC of `timeZone` at the instant `epochMs` (New York in winter: -300). */
export function offsetMinutes(timeZone: string, epochMs: number): number {
  let zoneCache = offsetCache.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map();
    offsetCache.set(timeZone, zoneCache);
  }
  // Most UTC days hold a single offset: cache those per day (negative keys) and only days with a
  // daylight-saving change per hour, which keeps Intl calls to a few per zone and day.
  const day = Math.floor(epochMs / DAY_MS);
  const daily = zoneCache.get(-day - 1);
  if (daily !== undefined && daily !== MIXED) return daily;
  if (daily === undefined) {
    const atStart = intlOffset(timeZone, day * DAY_MS);
    const atEnd = intlOffset(timeZone, (day + 1) * DAY_MS - 1000);
    zoneCache.set(-day - 1, atStart === atEnd ? atStart : MIXED);
    if (atStart === atEnd) return atStart;
  }
  const hour = Math.floor(epochMs / HOUR_MS);
  let hourly = zoneCache.get(hour);
  if (hourly === undefined) {
    hourly = intlOffset(timeZone, hour * HOUR_MS);
    zoneCache.set(hour, hourly);
  }
  return hourly;
}

function intlOffset(timeZone: string, epochMs: number): number {
  const name = formatterFor(timeZone)
    .formatToParts(new Date(epochMs))
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name ?? "");
  if (!match) throw new Error(`cannot read the UTC offset of ${timeZone}`);
  return match[1] ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

/** "2024-03-05T10:12:33-05:00": the instant written on the wall clock of `timeZone`, as REST does. */
export function formatInZone(date: Date, timeZone: string): string {
  const ms = Math.floor(date.getTime() / 1000) * 1000;
  const offset = offsetMinutes(timeZone, ms);
  const local = new Date(ms + offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The instant at `hourOfDay` (fractional, local time) on the local calendar day containing `instant`. */
export function atLocalHour(instant: Date, timeZone: string, hourOfDay: number): Date {
  const offsetMs = offsetMinutes(timeZone, instant.getTime()) * 60_000;
  const localMidnight = Math.floor((instant.getTime() + offsetMs) / DAY_MS) * DAY_MS;
  const localMoment = localMidnight + hourOfDay * HOUR_MS;
  return new Date(localMoment - offsetMinutes(timeZone, localMoment - offsetMs) * 60_000);
}

/** Calendar month (1-12) on the local wall clock, for seasonality. */
export function localMonth(instant: Date, timeZone: string): number {
  return new Date(instant.getTime() + offsetMinutes(timeZone, instant.getTime()) * 60_000).getUTCMonth() + 1;
}

/** Day of the month and month on the local wall clock, for dated promotions. */
export function localMonthDay(instant: Date, timeZone: string): { month: number; day: number } {
  const local = new Date(instant.getTime() + offsetMinutes(timeZone, instant.getTime()) * 60_000);
  return { month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}
