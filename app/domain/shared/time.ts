import { z } from "zod";

/** An ISO-8601 timestamp with a zone or offset, as Shopify sends them; held as a UTC Date. */
export const Timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
export type Timestamp = z.output<typeof Timestamp>;

export const DAY_MS = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}
