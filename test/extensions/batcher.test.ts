import { describe, expect, it } from "vitest";
import { Batcher, utf8Length, type BatcherConfig } from "../../extensions/web-pixel/src/batcher";

type E = { name: string; id: string; bytes: number };
const CONFIG: BatcherConfig = { maxEvents: 3, maxWaitMs: 1_000, maxBytes: 100, maxBuffered: 6, flushOn: new Set(["checkout_completed"]) };

/** e("a") is a 10-byte page view; e("a", 60) weighs 60 bytes; e("a", 10, "checkout_completed") names it. */
const e = (id: string, bytes = 10, name = "page_viewed"): E => ({ id, name, bytes });
const ids = (batches: E[][]) => batches.map((batch) => batch.map((event) => event.id).join(""));

type Step =
  | { add: E; at: number; sends: string[]; dropped?: number }
  | { takeDue: number; sends: string[] }
  | { takeAll: number; sends: string[] }
  | { requeue: E[]; at: number; notBefore?: number; dropped: number }
  | { dueAt: number | null }
  | { pending: string };

/** Scenarios: steps in order against one batcher, each with what it sends (batches of ids). */
const SCENARIOS: Array<{ name: string; steps: Step[] }> = [
  {
    name: "cuts a batch at maxEvents",
    steps: [
      { add: e("a"), at: 0, sends: [] },
      { add: e("b"), at: 10, sends: [] },
      { add: e("c"), at: 20, sends: ["abc"] },
      { dueAt: null },
    ],
  },
  {
    name: "the buffer is due maxWaitMs after its oldest event",
    steps: [
      { add: e("a"), at: 100, sends: [] },
      { add: e("b"), at: 900, sends: [] },
      { dueAt: 1_100 },
      { takeDue: 1_099, sends: [] },
      { takeDue: 1_100, sends: ["ab"] },
      { takeDue: 5_000, sends: [] },
    ],
  },
  {
    name: "an event that precedes a navigation flushes at once",
    steps: [
      { add: e("a"), at: 0, sends: [] },
      { add: e("b", 10, "checkout_completed"), at: 5, sends: ["ab"] },
    ],
  },
  {
    name: "an event that would pass maxBytes goes into the next batch",
    steps: [
      { add: e("a", 60), at: 0, sends: [] },
      { add: e("b", 30), at: 1, sends: [] },
      { add: e("c", 20), at: 2, sends: ["ab"] },
      { pending: "c" },
      { dueAt: 1_002 },
    ],
  },
  {
    name: "an event bigger than maxBytes alone is dropped",
    steps: [
      { add: e("a"), at: 0, sends: [] },
      { add: e("huge", 101), at: 1, sends: [], dropped: 1 },
      { pending: "a" },
    ],
  },
  {
    name: "the page going away sends everything, split by the limits",
    steps: [
      { requeue: [e("a"), e("b"), e("c"), e("d")], at: 0, dropped: 0 },
      { add: e("f", 90), at: 1, sends: ["abc", "d"] },
      { takeAll: 2, sends: ["f"] },
      { takeAll: 3, sends: [] },
    ],
  },
  {
    name: "requeued events go first and wait for Retry-After, newer events wait with them",
    steps: [
      { add: e("c"), at: 0, sends: [] },
      { requeue: [e("a"), e("b")], at: 0, notBefore: 5_000, dropped: 0 },
      { pending: "abc" },
      { dueAt: 5_000 },
      { add: e("d", 10, "checkout_completed"), at: 100, sends: [] },
      { takeDue: 1_000, sends: [] },
      { takeAll: 4_999, sends: [] },
      { takeDue: 5_000, sends: ["abc", "d"] },
    ],
  },
  {
    name: "the buffer never holds more than maxBuffered: the oldest go",
    steps: [
      { requeue: [e("a"), e("b"), e("c"), e("d"), e("f")], at: 0, notBefore: 9_000, dropped: 0 },
      { add: e("g"), at: 1, sends: [] },
      { add: e("h"), at: 2, sends: [], dropped: 1 },
      { requeue: [e("x"), e("y")], at: 3, notBefore: 9_000, dropped: 2 },
      { pending: "bcdfgh" },
    ],
  },
];

describe("Batcher", () => {
  it.each(SCENARIOS)("$name", ({ steps }) => {
    const batcher = new Batcher<E>(CONFIG, (event) => event.bytes);
    for (const step of steps) {
      if ("add" in step) {
        const result = batcher.add(step.add, step.at);
        expect(ids(result.batches)).toEqual(step.sends);
        expect(result.dropped).toBe(step.dropped ?? 0);
      } else if ("takeDue" in step) expect(ids(batcher.takeDue(step.takeDue))).toEqual(step.sends);
      else if ("takeAll" in step) expect(ids(batcher.takeAll(step.takeAll))).toEqual(step.sends);
      else if ("requeue" in step) expect(batcher.requeue(step.requeue, step.at, step.notBefore)).toBe(step.dropped);
      else if ("dueAt" in step) expect(batcher.dueAtMs()).toBe(step.dueAt);
      else expect(batcher.pending().map((event) => event.id).join("")).toBe(step.pending);
    }
  });
});

describe("utf8Length", () => {
  it.each(["", "plain ascii", "café", "日本語", "emoji 👩‍🔬", "עברית", "zero\u200bwidth", "lone \ud83d surrogate", "trailing \ud83d", "\udc00 low first"])("matches TextEncoder for %j", (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});
