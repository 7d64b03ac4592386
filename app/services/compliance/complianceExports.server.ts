import type { Db } from "~/db.server";

export type ComplianceExportRow = { id: string; customerId: string; requestedAt: Date; createdAt: Date };

export const EXPORT_PAGE_SIZE = 25;

/** A shop's data-request exports, newest first (optionally of one customer). */
export async function listComplianceExports(
  store: Db,
  shopId: string,
  options: { customerId?: string; page?: number } = {},
): Promise<{ rows: ComplianceExportRow[]; total: number; page: number; pageCount: number }> {
  const where = { shopId, ...(options.customerId ? { customerId: options.customerId } : {}) };
  const total = await store.complianceExport.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / EXPORT_PAGE_SIZE));
  const page = Math.min(pageCount, Math.max(1, Math.floor(options.page ?? 1)));
  const rows = await store.complianceExport.findMany({
    where,
    orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * EXPORT_PAGE_SIZE,
    take: EXPORT_PAGE_SIZE,
    select: { id: true, customerId: true, requestedAt: true, createdAt: true },
  });
  return {
    rows,
    total,
    page,
    pageCount,
  };
}

/** One export's document, only if it belongs to the shop. */
export async function getComplianceExport(store: Db, shopId: string, id: string): Promise<{ id: string; customerId: string; document: string } | null> {
  return store.complianceExport.findUnique({ where: { shopId_id: { shopId, id } }, select: { id: true, customerId: true, document: true } });
}
