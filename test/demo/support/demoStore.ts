import { generateDemoStore, type CustomerHistory, type DemoStore } from "~/demo/generator";

/** Shared settings for the demo generator tests: a fixed clock and seed, so failures replay. */
export const NOW = new Date("2025-06-15T12:00:00Z");
export const SEED = "test-seed";
export const DAY = 86_400_000;

const cache = new Map<string, { store: DemoStore; histories: CustomerHistory[] }>();

/** The first `count` customers of the standard test store, generated once per test file. */
export function sampleStore(count: number, seed: string | number = SEED): { store: DemoStore; histories: CustomerHistory[] } {
  const key = `${seed}:${count}`;
  let entry = cache.get(key);
  if (!entry) {
    const store = generateDemoStore({ seed, customers: count, now: NOW, anonymousVisitors: Math.ceil(count / 2) });
    entry = { store, histories: [...store.customers()] };
    cache.set(key, entry);
  }
  return entry;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

export function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / Math.max(1, items.length);
}
