import { describe, expect, it } from "vitest";
import { TokenBuckets, type TakeResult } from "~/domain/pixel/tokenBucket";

type Step = { key?: string; cost: number; atMs: number; expect: TakeResult };

const CONFIG = { capacity: 10, refillPerSecond: 2, maxKeys: 100 };

/** Each scenario: requests against one fresh set of buckets, in order, and what each gets. */
const SCENARIOS: Array<{ name: string; steps: Step[] }> = [
  {
    name: "a burst up to the capacity is allowed, the next request is refused with the wait",
    steps: [
      { cost: 4, atMs: 0, expect: { allowed: true, remaining: 6 } },
      { cost: 6, atMs: 0, expect: { allowed: true, remaining: 0 } },
      { cost: 1, atMs: 0, expect: { allowed: false, retryAfterSeconds: 1 } },
    ],
  },
  {
    name: "tokens come back at the refill rate",
    steps: [
      { cost: 10, atMs: 0, expect: { allowed: true, remaining: 0 } },
      { cost: 4, atMs: 1_000, expect: { allowed: false, retryAfterSeconds: 1 } },
      { cost: 4, atMs: 2_000, expect: { allowed: true, remaining: 0 } },
    ],
  },
  {
    name: "the wait covers the whole cost",
    steps: [
      { cost: 10, atMs: 0, expect: { allowed: true, remaining: 0 } },
      { cost: 9, atMs: 0, expect: { allowed: false, retryAfterSeconds: 5 } },
      { cost: 9, atMs: 4_000, expect: { allowed: false, retryAfterSeconds: 1 } },
      { cost: 9, atMs: 4_500, expect: { allowed: true, remaining: 0 } },
    ],
  },
  {
    name: "a refused request costs nothing",
    steps: [
      { cost: 8, atMs: 0, expect: { allowed: true, remaining: 2 } },
      { cost: 5, atMs: 0, expect: { allowed: false, retryAfterSeconds: 2 } },
      { cost: 2, atMs: 0, expect: { allowed: true, remaining: 0 } },
    ],
  },
  {
    name: "refill stops at the capacity however long the pause",
    steps: [
      { cost: 10, atMs: 0, expect: { allowed: true, remaining: 0 } },
      { cost: 10, atMs: 3_600_000, expect: { allowed: true, remaining: 0 } },
      { cost: 1, atMs: 3_600_000, expect: { allowed: false, retryAfterSeconds: 1 } },
    ],
  },
  {
    name: "a cost above the capacity is never allowed",
    steps: [{ cost: 11, atMs: 0, expect: { allowed: false, retryAfterSeconds: 5 } }],
  },
  {
    name: "keys have their own buckets",
    steps: [
      { key: "shop-a/client-1", cost: 10, atMs: 0, expect: { allowed: true, remaining: 0 } },
      { key: "shop-a/client-1", cost: 1, atMs: 0, expect: { allowed: false, retryAfterSeconds: 1 } },
      { key: "shop-a/client-2", cost: 10, atMs: 0, expect: { allowed: true, remaining: 0 } },
      { key: "shop-b/client-1", cost: 3, atMs: 0, expect: { allowed: true, remaining: 7 } },
    ],
  },
  {
    name: "a clock that steps back neither refills nor drains",
    steps: [
      { cost: 10, atMs: 10_000, expect: { allowed: true, remaining: 0 } },
      { cost: 1, atMs: 5_000, expect: { allowed: false, retryAfterSeconds: 1 } },
      { cost: 2, atMs: 6_000, expect: { allowed: true, remaining: 0 } },
    ],
  },
];

describe("TokenBuckets", () => {
  it.each(SCENARIOS)("$name", ({ steps }) => {
    const buckets = new TokenBuckets(CONFIG);
    for (const step of steps) expect(buckets.take(step.key ?? "k", step.cost, step.atMs)).toEqual(step.expect);
  });

  it("keeps at most maxKeys buckets, forgetting the least recently used", () => {
    const buckets = new TokenBuckets({ ...CONFIG, maxKeys: 3 });
    for (const key of ["a", "b", "c"]) buckets.take(key, 10, 0);
    buckets.take("a", 0, 0); // a is used again: b is now the least recently used
    buckets.take("d", 10, 0);
    expect(buckets.size).toBe(3);
    expect(buckets.take("a", 1, 0).allowed).toBe(false);
    expect(buckets.take("c", 1, 0).allowed).toBe(false);
    expect(buckets.take("b", 10, 0).allowed).toBe(true); // forgotten: a fresh bucket
  });

  it.each([
    { capacity: 0, refillPerSecond: 1, maxKeys: 1 },
    { capacity: 1, refillPerSecond: 0, maxKeys: 1 },
    { capacity: 1, refillPerSecond: 1, maxKeys: 0 },
  ])("refuses a configuration that could never allow anything: %o", (config) => {
    expect(() => new TokenBuckets(config)).toThrow();
  });
});
