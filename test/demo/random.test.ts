import { describe, expect, it } from "vitest";
import { Random } from "~/demo/generator/random";

const N = 40_000;

function sampleMean(draw: (rng: Random) => number, seed = "moments"): { mean: number; sd: number } {
  const rng = new Random(seed);
  let sum = 0, sumSq = 0;
  for (let i = 0; i < N; i++) {
    const x = draw(rng);
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / N;
  return { mean, sd: Math.sqrt(sumSq / N - mean * mean) };
}

describe("Random", () => {
  it("replays the same sequence for the same seed and differs for another", () => {
    const a = new Random(42), b = new Random(42), c = new Random(43);
    const seqA = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it("forks streams from the seed, independent of what the parent has drawn", () => {
    const fresh = new Random("root");
    const used = new Random("root");
    for (let i = 0; i < 1000; i++) used.uniform();
    const child = (rng: Random) => Array.from({ length: 10 }, () => rng.fork("customer:7").nextUint32());
    expect(child(used)).toEqual(child(fresh));
    expect(fresh.fork("customer:7").nextUint32()).not.toBe(fresh.fork("customer:8").nextUint32());
  });

  it.each([
    { name: "uniform", draw: (r: Random) => r.uniform(), mean: 0.5, sd: Math.sqrt(1 / 12) },
    { name: "normal(3, 2)", draw: (r: Random) => r.normal(3, 2), mean: 3, sd: 2 },
    { name: "gamma(3, 2)", draw: (r: Random) => r.gamma(3, 2), mean: 6, sd: Math.sqrt(12) },
    { name: "gamma(0.5, 1)", draw: (r: Random) => r.gamma(0.5, 1), mean: 0.5, sd: Math.sqrt(0.5) },
    { name: "gammaMeanCv(40, 0.2)", draw: (r: Random) => r.gammaMeanCv(40, 0.2), mean: 40, sd: 8 },
    { name: "exponential(5)", draw: (r: Random) => r.exponential(5), mean: 5, sd: 5 },
    { name: "poisson(3)", draw: (r: Random) => r.poisson(3), mean: 3, sd: Math.sqrt(3) },
    { name: "poisson(50)", draw: (r: Random) => r.poisson(50), mean: 50, sd: Math.sqrt(50) },
    { name: "geometric(0.25)", draw: (r: Random) => r.geometric(0.25), mean: 3, sd: Math.sqrt(0.75 / 0.0625) },
    { name: "beta(2, 6)", draw: (r: Random) => r.beta(2, 6), mean: 0.25, sd: Math.sqrt(12 / (64 * 9)) },
    { name: "lognormal(0, 0.5)", draw: (r: Random) => r.lognormal(0, 0.5), mean: Math.exp(0.125), sd: Math.sqrt((Math.exp(0.25) - 1) * Math.exp(0.25)) },
  ])("$name has the right mean and spread", ({ draw, mean, sd }) => {
    const observed = sampleMean(draw);
    expect(Math.abs(observed.mean - mean)).toBeLessThan((4 * sd) / Math.sqrt(N) + 1e-9);
    expect(observed.sd / sd).toBeGreaterThan(0.95);
    expect(observed.sd / sd).toBeLessThan(1.05);
  });

  it("draws whole numbers in an inclusive range, each about equally often", () => {
    const rng = new Random("int");
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const value = rng.int(1, 6);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it("picks by weight and never picks a zero weight", () => {
    const rng = new Random("weighted");
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) counts[rng.weighted([["a", 1], ["b", 2], ["c", 0]] as const)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(1.85);
    expect(counts.b / counts.a).toBeLessThan(2.15);
  });

  it("rejects impossible requests", () => {
    const rng = new Random(1);
    expect(() => rng.pick([])).toThrow(/empty/);
    expect(() => rng.weighted([["a", 0]])).toThrow(/positive/);
    expect(() => rng.gamma(0)).toThrow(/positive/);
  });

  it("shuffles into a permutation without touching the input", () => {
    const input = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = new Random("shuffle").shuffle(input);
    expect(shuffled).not.toEqual(input);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(input[0]).toBe(0);
  });

  it("makes tokens of the requested shape", () => {
    const rng = new Random("tokens");
    expect(rng.hex(32)).toMatch(/^[0-9a-f]{32}$/);
    expect(rng.hex(5)).toMatch(/^[0-9a-f]{5}$/);
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
