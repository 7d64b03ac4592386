/**
 * A benchmark reports figures, each measured beside a baseline in the same process and run, so
 * the ratio means something on a shared, noisy machine where absolute times drift.
 */
export type Figure = {
  name: string;
  unit: string;
  value: number;
  baseline: { name: string; value: number };
  /** How to read the ratio value / baseline ("higher is better" or "lower is better"). */
  better: "higher" | "lower";
};

export type Benchmark = { name: string; run: () => Promise<Figure[]> };

/** Best of `repeats` timings of `work`, in milliseconds (the minimum is the least noisy estimate). */
export async function bestOf(repeats: number, work: () => Promise<unknown> | unknown): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
