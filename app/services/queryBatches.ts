/**
 * Prisma caps the bound parameters of one query (999 on SQLite through the driver adapter, 32,766
 * on PostgreSQL) and fails a query over the cap instead of splitting it, so `IN (...)` lists
 * built from data (a customer's orders, a category's orders) are run in batches under it.
 */
export const ID_BATCH = 900;

export function batches<T>(items: readonly T[], size = ID_BATCH): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Runs `query` once per batch of `ids` and concatenates the rows (no query when there are none). */
export async function findInBatches<T, R>(ids: readonly T[], query: (batch: T[]) => Promise<R[]>, size = ID_BATCH): Promise<R[]> {
  const rows: R[] = [];
  for (const batch of batches(ids, size)) rows.push(...(await query(batch)));
  return rows;
}
