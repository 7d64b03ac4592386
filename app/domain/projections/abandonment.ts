/**
 * When an unfinished cart or checkout counts as abandoned: once `delayMinutes` have passed since
 * its last activity without it completing. Returns the moment it became abandoned, or null while
 * it is still live (or completed). A later update makes it live again, so callers recompute this
 * from the newest activity rather than keeping an old verdict.
 */
export function abandonedAt(input: { lastActivityAt: Date; completedAt: Date | null; now: Date; delayMinutes: number }): Date | null {
  if (input.completedAt) return null;
  const threshold = input.lastActivityAt.getTime() + input.delayMinutes * 60_000;
  return input.now.getTime() >= threshold ? new Date(threshold) : null;
}
