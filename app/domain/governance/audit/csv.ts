import { type AuditRecord } from "./auditRecord";

/**
 * The audit trail as CSV, for spreadsheets and auditors (RFC 4180):
 *  - a header row, then one row per record, columns in the fixed order of AUDIT_CSV_COLUMNS (new
 *    columns go at the end, so saved spreadsheet formulas keep pointing at the right column);
 *  - rows end with CRLF; a field containing a comma, a double quote, CR or LF is wrapped in double
 *    quotes, with inner double quotes doubled;
 *  - nested fields (inputs, reasoning, checks, history, ...) are one cell each, as JSON, so nothing
 *    is lost and the column count never depends on the data;
 *  - dates are ISO-8601 UTC; null is an empty cell.
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (and some also treat a
 * leading tab or CR as such), and shopper names, copy and rejection reasons are text anyone can
 * type. Every TEXT cell starting with one of those characters gets a leading apostrophe (the OWASP
 * recommendation), which spreadsheets show as text. Cells we format from numbers are left alone:
 * they are data we produced, and "-12" must stay a number. The string is UTF-8 text without a
 * BOM; a download route that targets Excel should prepend "\uFEFF" so emoji and RTL text open right.
 */
type Cell = string | number | null;
type Column = readonly [header: string, value: (record: AuditRecord) => Cell];

const json = (value: unknown): string => JSON.stringify(value);
const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

export const AUDIT_CSV_COLUMNS: readonly Column[] = [
  ["id", (r) => r.id],
  ["shop_id", (r) => r.shopId],
  ["created_at", (r) => iso(r.createdAt)],
  ["status", (r) => r.status],
  ["customer_id", (r) => r.customerId],
  ["agent", (r) => r.agent],
  ["objective_id", (r) => r.objectiveId],
  ["subject", (r) => r.subject],
  ["message_type", (r) => r.messageType],
  ["send_at", (r) => iso(r.sendAt)],
  ["route", (r) => r.routing.route],
  ["autonomy_level", (r) => r.routing.level],
  ["autonomy_level_source", (r) => r.routing.levelSource],
  ["routing_reasons", (r) => json(r.routing.reasons)],
  ["action", (r) => r.action],
  ["reasoning", (r) => json(r.reasoning)],
  ["inputs", (r) => json(r.inputs)],
  ["expected_impact", (r) => r.expectedImpact.summary],
  ["expected_revenue_minor", (r) => r.expectedImpact.incrementalRevenueMinor],
  ["currency", (r) => r.expectedImpact.currencyCode],
  ["estimate_method", (r) => r.expectedImpact.method],
  ["probability_uplift", (r) => r.expectedImpact.probabilityUplift],
  ["discount", (r) => r.expectedImpact.discount],
  ["discount_cost_minor", (r) => r.expectedImpact.discountCostMinor],
  ["policies_checked", (r) => json([...new Set(r.checks.flatMap((c) => c.checked))])],
  ["violation_count", (r) => r.checks.reduce((n, c) => n + c.violations.length, 0)],
  ["checks", (r) => json(r.checks)],
  ["copy_engine", (r) => r.copy.engine],
  ["model", (r) => r.copy.model],
  ["model_version", (r) => r.copy.modelVersion],
  ["prompt_sha256", (r) => r.copy.promptSha256],
  ["approval", (r) => r.approval?.decision ?? null],
  ["approved_by", (r) => r.approval?.by.userId ?? null],
  ["approved_by_email", (r) => r.approval?.by.email ?? null],
  ["approved_at", (r) => iso(r.approval?.at)],
  ["rejection_reason", (r) => r.approval?.reason ?? null],
  ["history", (r) => json(r.history)],
];

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, guarded and quoted (exported for the tests and for other CSV exports). */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(records: readonly AuditRecord[]): string {
  const rows = [AUDIT_CSV_COLUMNS.map(([header]) => header), ...records.map((record) => AUDIT_CSV_COLUMNS.map(([, value]) => value(record)))];
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
