import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { getComplianceExport } from "~/services/compliance/complianceExports.server";

const ExportId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/** Downloads one data-request export as a JSON file; only the shop's own exports are found. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const id = ExportId.safeParse(params.id);
  const found = id.success ? await getComplianceExport(await db(), shop, id.data) : null;
  if (!found) return new Response("Export not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(found.document, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="customer-${found.customerId}-${found.id}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
};
