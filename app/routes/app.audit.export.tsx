import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { AUDIT_EXPORT_FORMATS, AUDIT_EXPORT_TYPES, auditExportStream } from "~/services/governance/auditTrail.server";
import { parseAuditParams } from "~/services/governance/auditSearchParams";

const Format = z.enum(AUDIT_EXPORT_FORMATS).catch("csv");

/** Downloads the audit records matching the Audit page's filters as CSV, JSON or JSON Lines, streamed. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const format = Format.parse(params.get("format") ?? "csv");
  const { query } = parseAuditParams(params);
  const stamp = new Date().toISOString().slice(0, 10);
  const name = `audit-${shop.replace(/[^A-Za-z0-9.-]/g, "_")}-${stamp}.${format}`;
  return new Response(auditExportStream(await db(), shop, query, format), {
    headers: {
      "Content-Type": AUDIT_EXPORT_TYPES[format],
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
};
