import { applyApprovalAction, type Actor, type ApprovalAction, type ApprovalItem, type ApprovalResult } from "./approval";

/**
 * One action over many selected messages. Each item gets its own result; a message from another
 * shop, already sent, or otherwise refused does not stop the rest (the admin sees which ones did
 * not go through and why). Items are taken in the order given; if the same message is selected
 * twice, the second sees the status the first produced, so it becomes a no-op rather than a
 * second audit entry.
 */
export type BulkItemResult = { messageId: string; result: ApprovalResult };

export type BulkResult = {
  results: BulkItemResult[];
  /** Counts for the banner: "12 approved, 1 could not be". Unchanged repeats are counted as succeeded. */
  succeeded: number;
  failed: number;
};

export function applyBulk(items: readonly ApprovalItem[], action: ApprovalAction, actor: Actor, now: Date): BulkResult {
  const latest = new Map<string, ApprovalItem>();
  const results: BulkItemResult[] = [];
  for (const item of items) {
    // Only the same message in the same shop can carry state forward; a forged duplicate id from
    // another shop is judged on its own (and refused by the tenancy check).
    const key = `${item.shopId}\u0000${item.messageId}`;
    const current = latest.get(key) ?? item;
    const result = applyApprovalAction(current, action, actor, now);
    if (result.ok) latest.set(key, { ...current, status: result.status, draft: result.draft });
    results.push({ messageId: item.messageId, result });
  }
  const succeeded = results.filter((r) => r.result.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}
