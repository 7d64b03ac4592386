import { describe, expect, it } from "vitest";
import { basketState } from "~/domain/profiles/basketState";

const t = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);

describe("basketState (abandonment delay 60 minutes)", () => {
  it.each([
    { name: "completed", last: 0, completed: t(5), now: t(500), expected: { state: "completed", abandonedAt: null } },
    { name: "still live at 59 minutes", last: 0, completed: null, now: t(59), expected: { state: "open", abandonedAt: null } },
    { name: "abandoned at exactly 60 minutes", last: 0, completed: null, now: t(60), expected: { state: "abandoned", abandonedAt: t(60) } },
    { name: "an update makes it live again", last: 100, completed: null, now: t(130), expected: { state: "open", abandonedAt: null } },
  ])("$name", ({ last, completed, now, expected }) => {
    expect(basketState({ lastActivityAt: t(last), completedAt: completed, now, delayMinutes: 60 })).toEqual(expected);
  });
});
