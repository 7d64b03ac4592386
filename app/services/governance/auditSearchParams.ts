import { z } from "zod";
import { AGENT_NAMES } from "~/domain/agents/contract";
import type { AuditQuery } from "~/domain/governance/audit";
import { MESSAGE_STATUSES } from "~/domain/governance/autonomy";

/**
 * The audit search as URL parameters, shared by the Audit page and its export route so a download
 * exports exactly what the page shows. Dates are days (YYYY-MM-DD, UTC): "from" is inclusive from
 * the start of its day, "to" inclusive to the end of its day (the query's `to` is exclusive, so it
 * becomes the next midnight). Anything unreadable is dropped rather than refused: a filter that
 * cannot be read is no filter, and the form shows what was applied.
 */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => !Number.isNaN(new Date(`${day}T00:00:00Z`).getTime()));

const Params = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  agent: z.enum(AGENT_NAMES).optional().catch(undefined),
  status: z.enum(MESSAGE_STATUSES).optional().catch(undefined),
  customer: z.string().trim().max(100).optional().catch(undefined),
  from: Day.optional().catch(undefined),
  to: Day.optional().catch(undefined),
  rule: z.string().trim().max(100).optional().catch(undefined),
});
export type AuditFilterFields = { q: string; agent: string; status: string; customer: string; from: string; to: string; rule: string };

const FIELDS = ["q", "agent", "status", "customer", "from", "to", "rule"] as const;

export function parseAuditParams(params: URLSearchParams): { query: AuditQuery; fields: AuditFilterFields } {
  const raw = Object.fromEntries(FIELDS.map((name) => [name, params.get(name) || undefined]));
  const parsed = Params.parse(raw);
  const query: AuditQuery = {
    ...(parsed.q ? { text: parsed.q } : {}),
    ...(parsed.agent ? { agent: parsed.agent } : {}),
    ...(parsed.status ? { status: parsed.status } : {}),
    ...(parsed.customer ? { customerId: parsed.customer } : {}),
    ...(parsed.from ? { from: new Date(`${parsed.from}T00:00:00Z`) } : {}),
    ...(parsed.to ? { to: new Date(new Date(`${parsed.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    ...(parsed.rule ? { rule: parsed.rule } : {}),
  };
  const fields = Object.fromEntries(FIELDS.map((name) => [name, parsed[name] ?? ""])) as AuditFilterFields;
  return { query, fields };
}

/** The filters as a query string (empty ones left out), for links. */
export function auditParams(fields: AuditFilterFields, extra: Record<string, string | null> = {}): string {
  const entries = [...Object.entries(fields), ...Object.entries(extra)].filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "");
  return new URLSearchParams(entries).toString();
}
