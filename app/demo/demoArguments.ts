/**
 * The demo's command-line arguments, validated: a bad value is an error naming the flag.
 * The store is generated relative to `now`; by default today at noon UTC, so the demo's dates are
 * current while every run on the same day produces the same store.
 */
export type DemoArguments = { customers: number; seed: string; now: Date; once: boolean };

export function parseDemoArguments(
  values: { customers?: string; seed?: string; now?: string; once?: boolean },
  today: Date,
): DemoArguments {
  const customers = values.customers === undefined ? 2000 : Number(values.customers.replaceAll("_", ""));
  if (!Number.isInteger(customers) || customers < 1 || customers > 1_000_000) {
    throw new Error(`--customers must be a whole number from 1 to 1,000,000, got ${values.customers}`);
  }
  const now = values.now === undefined ? new Date(`${today.toISOString().slice(0, 10)}T12:00:00Z`) : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO date, got ${values.now}`);
  return { customers, seed: values.seed ?? "1", now, once: values.once ?? false };
}
