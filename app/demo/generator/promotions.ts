import { DEMO_SHOP } from "./shop";
import { localMonthDay } from "./timestamps";

/**
 * The store's promotional discount codes. Seasonal codes run on calendar windows in the shop's
 * time zone (the merchant schedules them that way); WELCOME10 is the sign-up offer for a first order.
 */
export type Promotion = { code: string; percentOff: number };

export const WELCOME_CODE: Promotion = { code: "WELCOME10", percentOff: 10 };

const SEASONAL: readonly { promotion: Promotion; from: [number, number]; to: [number, number] }[] = [
  { promotion: { code: "SPRING15", percentOff: 15 }, from: [3, 15], to: [4, 15] },
  { promotion: { code: "SUMMER10", percentOff: 10 }, from: [7, 1], to: [7, 31] },
  { promotion: { code: "BFCM25", percentOff: 25 }, from: [11, 22], to: [12, 2] },
  { promotion: { code: "HOLIDAY15", percentOff: 15 }, from: [12, 3], to: [12, 20] },
];

/** The seasonal promotion running at `at`, if any. */
export function seasonalPromotionAt(at: Date): Promotion | null {
  const { month, day } = localMonthDay(at, DEMO_SHOP.ianaTimezone);
  const key = month * 100 + day;
  const running = SEASONAL.find(({ from, to }) => key >= from[0] * 100 + from[1] && key <= to[0] * 100 + to[1]);
  return running?.promotion ?? null;
}
