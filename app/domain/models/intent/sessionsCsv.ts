/**
 * A sessions table for checking the intent model on any data: CSV with a header, one session per
 * row, one column holding the outcome (default `Revenue`: TRUE/FALSE, true/false, 1/0, yes/no) and
 * every other column a feature. Numeric columns are used as they are; TRUE/FALSE columns become
 * 1/0; month names (Jan ... Dec, June/July spelled out too) become 1-12; any other text column
 * becomes codes in sorted order of its distinct values (trees split codes like numbers).
 *
 * Plain comma-separated fields only (no quoting): the UCI export and typical analytics exports
 * are. Bad input is an expected failure, returned as a value naming the line (1 = the header).
 */
export type SessionsTable = {
  featureNames: string[];
  /** How each feature column was read. */
  encodings: Record<string, "number" | "boolean" | "month" | "category">;
  rows: number[][];
  labels: boolean[];
};

export type SessionsCsvResult = { ok: true; table: SessionsTable } | { ok: false; error: { line: number; message: string } };

const TRUE_VALUES = new Set(["true", "1", "yes"]);
const FALSE_VALUES = new Set(["false", "0", "no"]);
const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
/** Month spellings to month number: full names, three-letter abbreviations, and "sept". */
const MONTHS = new Map<string, number>([
  ...MONTH_NAMES.map((name, i): [string, number] => [name, i + 1]),
  ...MONTH_NAMES.map((name, i): [string, number] => [name.slice(0, 3), i + 1]),
  ["sept", 9],
]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseSessionsCsv(text: string, labelColumn = "Revenue"): SessionsCsvResult {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  const numbered = lines.map((line, i) => ({ line: i + 1, text: line })).filter((row) => row.text.trim() !== "");
  const header = numbered[0];
  if (!header) return fail(1, `the file is empty; expected a header naming the features and ${labelColumn}`);
  if (header.text.includes('"')) return fail(header.line, "quoted fields are not supported; export plain comma-separated values");
  const names = header.text.split(",").map((name) => name.trim());
  const labelIndex = names.findIndex((name) => name.toLowerCase() === labelColumn.toLowerCase());
  if (labelIndex < 0) return fail(header.line, `missing the outcome column ${labelColumn} in the header (found: ${names.join(", ")})`);
  if (names.length < 2) return fail(header.line, "expected at least one feature column beside the outcome");
  const body = numbered.slice(1);
  if (body.length === 0) return fail(header.line + 1, "no sessions after the header");

  const cells: string[][] = [];
  const labels: boolean[] = [];
  for (const row of body) {
    if (row.text.includes('"')) return fail(row.line, "quoted fields are not supported; export plain comma-separated values");
    const fields = row.text.split(",").map((field) => field.trim());
    if (fields.length !== names.length) return fail(row.line, `expected ${names.length} fields as in the header, found ${fields.length}`);
    const label = (fields[labelIndex] ?? "").toLowerCase();
    if (!TRUE_VALUES.has(label) && !FALSE_VALUES.has(label)) return fail(row.line, `cannot read the outcome ${labelColumn} "${fields[labelIndex]}"; expected TRUE or FALSE`);
    const empty = fields.findIndex((field) => field === "");
    if (empty >= 0) return fail(row.line, `the value of ${names[empty]} is empty`);
    labels.push(TRUE_VALUES.has(label));
    cells.push(fields);
  }
  const positives = labels.filter(Boolean).length;
  if (positives === 0 || positives === labels.length) {
    return fail((body.at(-1) as { line: number }).line, `every session has the same outcome (${positives === 0 ? "FALSE" : "TRUE"}); the model needs both`);
  }

  const featureIndexes = names.map((_, i) => i).filter((i) => i !== labelIndex);
  const encodings: SessionsTable["encodings"] = {};
  const columns = featureIndexes.map((index) => {
    const name = names[index] as string;
    const values = cells.map((fields) => fields[index] as string);
    const encoded = encodeColumn(values);
    encodings[name] = encoded.encoding;
    return encoded.values;
  });
  const rows = cells.map((_, r) => columns.map((column) => column[r] as number));
  return { ok: true, table: { featureNames: featureIndexes.map((i) => names[i] as string), encodings, rows, labels } };
}

function encodeColumn(values: readonly string[]): { encoding: SessionsTable["encodings"][string]; values: number[] } {
  if (values.every((value) => NUMBER.test(value))) return { encoding: "number", values: values.map(Number) };
  const lower = values.map((value) => value.toLowerCase());
  if (lower.every((value) => value === "true" || value === "false")) return { encoding: "boolean", values: lower.map((value) => (value === "true" ? 1 : 0)) };
  if (lower.every((value) => MONTHS.has(value))) return { encoding: "month", values: lower.map((value) => MONTHS.get(value) as number) };
  const codes = new Map([...new Set(values)].sort().map((value, i) => [value, i]));
  return { encoding: "category", values: values.map((value) => codes.get(value) as number) };
}

function fail(line: number, message: string): { ok: false; error: { line: number; message: string } } {
  return { ok: false, error: { line, message } };
}
