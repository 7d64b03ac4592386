import { z } from "zod";

/**
 * How much the system may do on its own, from most to least cautious:
 *  - "assisted": every message waits for a person to approve it;
 *  - "supervised": messages inside the guardrails (the critic passed them) and under the merchant's
 *    risk thresholds go out; anything else waits;
 *  - "autonomous": the system decides within policy; it still never sends copy the critic did not
 *    pass, and a critic block always blocks.
 * The array is in order of caution on purpose: the index is the comparison.
 */
export const AUTONOMY_LEVELS = ["assisted", "supervised", "autonomous"] as const;
export const AutonomyLevel = z.enum(AUTONOMY_LEVELS);
export type AutonomyLevel = z.infer<typeof AutonomyLevel>;

/** The more cautious of two levels (assisted < supervised < autonomous). */
export function moreCautious(a: AutonomyLevel, b: AutonomyLevel): AutonomyLevel {
  return AUTONOMY_LEVELS.indexOf(a) <= AUTONOMY_LEVELS.indexOf(b) ? a : b;
}
