import type { AgentName } from "../../agents/contract";
import type { MessageStatus } from "../autonomy/status";
import type { AuditRecord } from "./auditRecord";

/**
 * The audit trail's search, as a pure predicate (the service narrows by shop and time in SQL, then
 * filters with this, so the page and the export agree on what matched). Every filter given must
 * match (AND); an empty or whitespace-only text is no filter.
 *  - text: case-insensitive substring (after Unicode NFKC, so full-width and composed forms match)
 *    over what a merchant would search for: ids, customer, subject, action, reasoning, impact,
 *    routing reasons, violation rules and messages, notes (rejection reasons), approver's email.
 *  - from / to: on createdAt (decision time); from inclusive, to exclusive, so consecutive ranges
 *    never count a record twice.
 *  - rule: a violation with that exact rule in any round of checks, or a rule in that family
 *    ("margin" matches "margin.pclv-discount-cap").
 */
export type AuditQuery = {
  text?: string;
  agent?: AgentName;
  status?: MessageStatus | readonly MessageStatus[];
  customerId?: string;
  from?: Date;
  to?: Date;
  rule?: string;
};

export function matchesAuditQuery(record: AuditRecord, query: AuditQuery): boolean {
  if (query.agent !== undefined && record.agent !== query.agent) return false;
  if (query.status !== undefined) {
    const statuses: readonly MessageStatus[] = typeof query.status === "string" ? [query.status] : query.status;
    if (!statuses.includes(record.status)) return false;
  }
  if (query.customerId !== undefined && record.customerId !== query.customerId) return false;
  if (query.from !== undefined && record.createdAt.getTime() < query.from.getTime()) return false;
  if (query.to !== undefined && record.createdAt.getTime() >= query.to.getTime()) return false;
  if (query.rule !== undefined && !hasRule(record, query.rule.trim())) return false;
  const text = normalize(query.text ?? "").trim();
  if (text !== "" && !searchableText(record).includes(text)) return false;
  return true;
}

function hasRule(record: AuditRecord, rule: string): boolean {
  return record.checks.some((check) => check.violations.some((v) => v.rule === rule || v.rule.startsWith(`${rule}.`)));
}

function searchableText(record: AuditRecord): string {
  const parts = [
    record.id,
    record.customerId,
    record.subject,
    record.messageType,
    record.action,
    ...record.reasoning,
    record.expectedImpact.summary,
    ...record.routing.reasons,
    ...record.checks.flatMap((c) => c.violations.flatMap((v) => [v.rule, v.message, v.evidence ?? ""])),
    ...record.history.map((h) => h.note ?? ""),
    record.approval?.by.email ?? "",
  ];
  // A separator no one types keeps a match from spanning two fields.
  return normalize(parts.join("\u0000"));
}

function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}
