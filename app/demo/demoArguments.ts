/**
 * The demo's command-line arguments, validated: a bad value is an error naming the flag.
 * The store is generated relative to `now`; by default the start of the current hour, so the demo's
 * dates are current (nothing in the future) while runs within the hour produce the same store.
 * `--direct` writes the history straight into the tables (fast, for sizes meant for benchmarks)
 * instead of sending it through the app's webhook and pixel endpoints.
 */
export type DemoArguments = { customers: number; seed: string; now: Date; once: boolean; direct: boolean };

export function parseDemoArguments(
  values: { customers?: string; seed?: string; now?: string; once?: boolean; direct?: boolean },
  today: Date,
): DemoArguments {
  const customers = values.customers === undefined ? 1000 : Number(values.customers.replaceAll("_", ""));
  if (!Number.isInteger(customers) || customers < 1 || customers > 1_000_000) {
    throw new Error(`--customers must be a whole number from 1 to 1,000,000, got ${values.customers}`);
  }
  const now = values.now === undefined ? new Date(`${today.toISOString().slice(0, 13)}:00:00Z`) : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO date, got ${values.now}`);
  return { customers, seed: values.seed ?? "1", now, once: values.once ?? false, direct: values.direct ?? false };
}
