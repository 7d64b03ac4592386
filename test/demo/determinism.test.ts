import { describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { NOW } from "./support/demoStore";

const snapshot = (seed: string | number, customers: number) => {
  const store = generateDemoStore({ seed, customers, now: NOW, anonymousVisitors: 10 });
  return JSON.stringify({ catalog: store.catalog.products, collections: store.catalog.collections, customers: [...store.customers()], anonymous: [...store.anonymousVisitors()] });
};

describe("demo store determinism", () => {
  it("produces identical JSON for the same seed and clock", () => {
    expect(snapshot("same", 25)).toBe(snapshot("same", 25));
  });

  it("produces different data for a different seed or clock", () => {
    const base = snapshot("same", 25);
    expect(snapshot("other", 25)).not.toBe(base);
    const laterStore = generateDemoStore({ seed: "same", customers: 25, now: new Date(NOW.getTime() + 86_400_000) });
    expect(JSON.stringify([...laterStore.customers()])).not.toBe(JSON.stringify([...generateDemoStore({ seed: "same", customers: 25, now: NOW }).customers()]));
  });

  it("gives customer i the same history whether 100 or 1,000 customers are generated", () => {
    const small = [...generateDemoStore({ seed: 7, customers: 100, now: NOW }).customers()];
    const large = generateDemoStore({ seed: 7, customers: 1000, now: NOW });
    for (const index of [0, 1, 42, 99]) {
      expect(JSON.stringify(large.customer(index))).toBe(JSON.stringify(small[index]));
    }
  });

  it("yields the same customers on every pass over the stream", () => {
    const store = generateDemoStore({ seed: 3, customers: 5, now: NOW });
    expect(JSON.stringify([...store.customers()])).toBe(JSON.stringify([...store.customers()]));
  });

  it.each([
    { options: { customers: -1 }, message: /customers/ },
    { options: { customers: 1.5 }, message: /customers/ },
    { options: { customers: 1, months: 0 }, message: /months/ },
    { options: { customers: 1, now: new Date("nonsense") }, message: /now/ },
  ])("rejects invalid options $options", ({ options, message }) => {
    expect(() => generateDemoStore({ seed: 1, now: NOW, ...options })).toThrow(message);
  });
});
