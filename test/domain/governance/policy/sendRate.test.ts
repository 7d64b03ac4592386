import { describe, expect, it } from "vitest";
import { deferForSendRate } from "~/domain/governance/policy";

const T = Date.parse("2026-06-10T12:00:00Z");
const s = (seconds: number) => new Date(T + seconds * 1000);

describe("deferForSendRate: at most N sends in any 60 seconds", () => {
  it.each([
    { name: "nothing scheduled", limit: 1, scheduled: [] as number[], deferSeconds: 0 },
    { name: "room left in the window", limit: 2, scheduled: [-30], deferSeconds: 0 },
    { name: "a send a minute earlier has left the window", limit: 1, scheduled: [-60], deferSeconds: 0 },
    { name: "full at this very moment", limit: 2, scheduled: [0, 0], deferSeconds: 60 },
    { name: "full from sends 30 and 10 seconds ago: wait for the older to leave", limit: 2, scheduled: [-30, -10], deferSeconds: 30 },
    { name: "a burst 59 seconds ago: wait one second", limit: 3, scheduled: [-59, -59, -59], deferSeconds: 1 },
    { name: "a later send counts too (sliding, not calendar minutes)", limit: 1, scheduled: [30], deferSeconds: 90 },
    { name: "a dense schedule: the first gap", limit: 2, scheduled: [0, 20, 40, 60, 80], deferSeconds: 120 },
    { name: "a calendar-minute boundary is no loophole", limit: 2, scheduled: [-5, -1], deferSeconds: 55 },
  ])("$name -> defer $deferSeconds s", ({ limit, scheduled, deferSeconds }) => {
    const result = deferForSendRate(scheduled.map(s), s(0), limit);
    expect(result.deferMs).toBe(deferSeconds * 1000);
    expect(result.sendAt.getTime()).toBe(T + deferSeconds * 1000);
    // And the answer keeps every 60-second window holding the new send within the limit.
    const times = [...scheduled.map((x) => T + x * 1000), result.sendAt.getTime()];
    for (let start = result.sendAt.getTime() - 59_999; start <= result.sendAt.getTime(); start += 250) {
      expect(times.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(limit);
    }
  });

  it("does not care about the order the schedule is given in", () => {
    expect(deferForSendRate([s(40), s(0), s(20)], s(0), 2)).toEqual(deferForSendRate([s(0), s(20), s(40)], s(0), 2));
  });
});
