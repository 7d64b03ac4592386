/**
 * The shop's send-rate limit: at most `maxPerMinute` sends in any 60 seconds (a sliding window,
 * so a burst cannot straddle a minute boundary and send twice the limit). Given the sends already
 * scheduled near the desired moment, the answer is the earliest moment at or after it that keeps
 * every 60-second window within the limit, and how long that is after the desired moment.
 *
 * Why only two kinds of candidate: moving later, a window around the send loses an old send only
 * when that send falls 60 seconds behind, so the earliest moment that fits is either the desired
 * moment itself or exactly 60 seconds after some scheduled send.
 */
export const MINUTE_MS = 60_000;

export type RateDeferral = { sendAt: Date; deferMs: number };

export function deferForSendRate(scheduled: readonly Date[], desired: Date, maxPerMinute: number): RateDeferral {
  const start = desired.getTime();
  const times = scheduled.map((d) => d.getTime()).filter((t) => t > start - MINUTE_MS).sort((a, b) => a - b);
  const candidates = [start, ...times.map((t) => t + MINUTE_MS).filter((t) => t > start)].sort((a, b) => a - b);
  for (const at of candidates) {
    if (fits(times, at, maxPerMinute)) return { sendAt: new Date(at), deferMs: at - start };
  }
  // Unreachable (after the last scheduled send plus a minute the window is empty), kept for the type checker.
  const last = (times.at(-1) ?? start) + MINUTE_MS;
  return { sendAt: new Date(last), deferMs: last - start };
}

/** Whether one more send at `at` keeps every 60-second window [a, a + 60s) that holds it within the limit. */
function fits(times: readonly number[], at: number, limit: number): boolean {
  const near = times.filter((t) => Math.abs(t - at) < MINUTE_MS);
  if (near.length + 1 <= limit) return true;
  // Windows holding `at` start in (at - 60s, at]. Sliding the start right, a window only gains a
  // send at start = send - 60s + 1 ms, so the fullest starts there or at the earliest start.
  const starts = [at - MINUTE_MS + 1, ...near.map((t) => t - MINUTE_MS + 1)].filter((a) => a > at - MINUTE_MS && a <= at);
  return starts.every((a) => near.filter((t) => t >= a && t < a + MINUTE_MS).length + 1 <= limit);
}
