import { abandonedAt } from "../projections/abandonment";

/**
 * Where a cart or checkout stands now: completed (a checkout completed, a cart converted into an
 * order), abandoned (no activity for the shop's abandonment delay) or open. Recomputed from the
 * newest activity at read time, so a cart updated after it was abandoned is open again.
 */
export type BasketState = "completed" | "abandoned" | "open";

export function basketState(input: { lastActivityAt: Date; completedAt: Date | null; now: Date; delayMinutes: number }): {
  state: BasketState;
  abandonedAt: Date | null;
} {
  if (input.completedAt) return { state: "completed", abandonedAt: null };
  const at = abandonedAt(input);
  return at ? { state: "abandoned", abandonedAt: at } : { state: "open", abandonedAt: null };
}
