/**
 * The inbox statuses the admin reviews (shared by the server query and the page, so kept out of
 * the .server module): `invalid` (the payload could not be applied; never retried), `failed`
 * (kept failing for other reasons until the worker gave up), `ignored` (no projection, or the
 * shop was not installed), and `pending` for what still waits.
 */
export const REVIEW_STATUSES = ["invalid", "failed", "ignored", "pending"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const PROBLEM_STATUSES: readonly ReviewStatus[] = ["invalid", "failed", "ignored"];

export function isReviewStatus(value: string): value is ReviewStatus {
  return (REVIEW_STATUSES as readonly string[]).includes(value);
}
