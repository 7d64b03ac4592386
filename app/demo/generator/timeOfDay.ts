import type { Random } from "./random";

/**
 * When people shop online, by local hour: a lunchtime bump and an evening peak, little at night.
 * Weights are relative; shape follows typical e-commerce traffic curves.
 */
const HOURLY_WEIGHTS = [
  1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 3.5, 4, 4.5, 5.5, 5, 4.5, 4.5, 4.5, 5, 6, 7, 8, 7.5, 5, 2.5,
] as const;
const HOURS = HOURLY_WEIGHTS.map((weight, hour) => [hour, weight] as const);

/** A fractional local hour (e.g. 20.37) drawn from the shopping curve. */
export function shoppingHour(rng: Random): number {
  return rng.weighted(HOURS) + rng.uniform();
}
