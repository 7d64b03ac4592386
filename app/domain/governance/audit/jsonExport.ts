import { AUDIT_RECORD_KEYS, type AuditRecord } from "./auditRecord";

/**
 * The audit trail as JSON, nested as stored (for tools, and for re-import: each object parses
 * back with AuditRecord). Keys come out in the schema's order whatever order the record was built
 * in, so two exports of the same records are byte-identical; dates are ISO-8601 UTC.
 * JSON Lines: one record per line, "\n" after each; newlines inside strings are escaped by JSON,
 * so a line is always one whole record.
 */
function ordered(record: AuditRecord): Record<string, unknown> {
  return Object.fromEntries(AUDIT_RECORD_KEYS.map((key) => [key, record[key]]));
}

export function toJsonLines(records: readonly AuditRecord[]): string {
  return records.map((record) => `${JSON.stringify(ordered(record))}\n`).join("");
}

export function toJsonArray(records: readonly AuditRecord[]): string {
  return JSON.stringify(records.map(ordered), null, 2);
}
