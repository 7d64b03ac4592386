import { describe, expect, it } from "vitest";
import { abandonedAt } from "~/domain/projections/abandonment";

const last = new Date("2026-05-01T12:00:00Z");
const minutes = (n: number) => new Date(last.getTime() + n * 60_000);

describe("abandonedAt", () => {
  it.each([
    { name: "still live before the delay", now: minutes(59), completedAt: null, expected: null },
    { name: "abandoned exactly at the delay", now: minutes(60), completedAt: null, expected: minutes(60) },
    { name: "abandoned long after, dated at the delay", now: minutes(6000), completedAt: null, expected: minutes(60) },
    { name: "never abandoned once completed", now: minutes(6000), completedAt: minutes(5), expected: null },
  ])("$name", ({ now, completedAt, expected }) => {
    expect(abandonedAt({ lastActivityAt: last, completedAt, now, delayMinutes: 60 })).toEqual(expected);
  });
});
