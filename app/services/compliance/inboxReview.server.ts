import type { Db } from "~/db.server";
import { isReviewStatus, REVIEW_STATUSES, type ReviewStatus } from "./inboxStatuses";

/**
 * Inbox events a person should look at (see inboxStatuses.ts), newest first, with their errors and
 * counts per status. Lives with compliance because it is the merchant's audit view of what the
 * app received and what it could not apply.
 */
export type InboxReviewRow = {
  id: number;
  source: string;
  topic: string;
  status: string;
  error: string | null;
  attempts: number;
  deliveryId: string;
  receivedAt: Date;
  processedAt: Date | null;
};

export const INBOX_PAGE_SIZE = 50;

export async function reviewInbox(
  store: Db,
  shopId: string,
  options: { statuses: readonly ReviewStatus[]; page?: number },
): Promise<{ rows: InboxReviewRow[]; counts: Record<ReviewStatus, number>; total: number; page: number; pageCount: number }> {
  const where = { shopId, status: { in: [...options.statuses] } };
  const [grouped, total] = await Promise.all([
    store.inboxEvent.groupBy({ by: ["status"], where: { shopId, status: { in: [...REVIEW_STATUSES] } }, _count: { _all: true } }),
    store.inboxEvent.count({ where }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const page = Math.min(pageCount, Math.max(1, Math.floor(options.page ?? 1)));
  const rows = await store.inboxEvent.findMany({
    where,
    orderBy: { id: "desc" },
    skip: (page - 1) * INBOX_PAGE_SIZE,
    take: INBOX_PAGE_SIZE,
    select: { id: true, source: true, topic: true, status: true, error: true, attempts: true, deliveryId: true, receivedAt: true, processedAt: true },
  });
  const counts: Record<ReviewStatus, number> = { invalid: 0, failed: 0, ignored: 0, pending: 0 };
  for (const row of grouped) if (isReviewStatus(row.status)) counts[row.status] = row._count._all;
  return {
    rows,
    counts,
    total,
    page,
    pageCount,
  };
}
