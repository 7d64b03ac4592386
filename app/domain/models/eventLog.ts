import { DAY_MS } from "../shared/time";

/**
 * An event log: one purchase per CSV row, with a header naming at least `customer_id` and `date`
 * (ISO 8601: `2006-01-31`, or a date-time such as `2006-01-31T14:05:00Z`; without an offset it is
 * read as UTC), and optionally `amount` (a non-negative number) and `category`. Header names are
 * case-insensitive; `cust`/`customer` are accepted for `customer_id` and `sales` for `amount`.
 *
 * Bad input is an expected failure, so it comes back as a value naming the line (1 = the header).
 */

export type PurchaseEvent = {
  customerId: string;
  /** The moment of the purchase, UTC. */
  date: Date;
  amount: number | null;
  category: string | null;
  /** 1-based line in the file (the header is line 1). */
  line: number;
};

export type EventLogError = { line: number; message: string };
export type EventLogResult = { ok: true; events: PurchaseEvent[]; hasAmount: boolean; hasCategory: boolean } | { ok: false; error: EventLogError };

const COLUMN_ALIASES = {
  customer_id: ["customer_id", "customerid", "customer", "cust"],
  date: ["date"],
  amount: ["amount", "sales"],
  category: ["category"],
} as const;

export function formatEventLogError(error: EventLogError): string {
  return `line ${error.line}: ${error.message}`;
}

export function parseEventLog(text: string): EventLogResult {
  const rows = splitCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!rows.ok) return rows;
  const lines = rows.rows.filter((row) => !(row.fields.length === 1 && row.fields[0]?.trim() === ""));
  const header = lines[0];
  if (!header) return fail(1, "the file is empty; expected a header with customer_id and date");

  const names = header.fields.map((field) => field.trim().toLowerCase());
  const find = (aliases: readonly string[]) => names.findIndex((name) => aliases.includes(name));
  const customerColumn = find(COLUMN_ALIASES.customer_id);
  const dateColumn = find(COLUMN_ALIASES.date);
  const amountColumn = find(COLUMN_ALIASES.amount);
  const categoryColumn = find(COLUMN_ALIASES.category);
  const missing = [customerColumn < 0 ? "customer_id" : null, dateColumn < 0 ? "date" : null].filter((name) => name !== null);
  if (missing.length > 0) {
    return fail(header.line, `missing column${missing.length > 1 ? "s" : ""} ${missing.join(" and ")} in the header (found: ${names.join(", ") || "nothing"})`);
  }
  if (lines.length === 1) return fail(header.line + 1, "no events after the header");

  const events: PurchaseEvent[] = [];
  for (const row of lines.slice(1)) {
    if (row.fields.length !== names.length) {
      return fail(row.line, `expected ${names.length} fields as in the header, found ${row.fields.length}`);
    }
    const customerId = (row.fields[customerColumn] ?? "").trim();
    if (customerId === "") return fail(row.line, "customer_id is empty");
    const rawDate = (row.fields[dateColumn] ?? "").trim();
    const date = parseIsoDate(rawDate);
    if (!date) return fail(row.line, `cannot read the date "${rawDate}"; expected ISO 8601 such as 2024-03-31 or 2024-03-31T14:05:00Z`);
    let amount: number | null = null;
    if (amountColumn >= 0) {
      const rawAmount = (row.fields[amountColumn] ?? "").trim();
      if (rawAmount !== "") {
        amount = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(rawAmount) ? Number(rawAmount) : Number.NaN;
        if (!Number.isFinite(amount)) return fail(row.line, `cannot read the amount "${rawAmount}" as a number`);
        if (amount < 0) return fail(row.line, `the amount ${rawAmount} is negative; refunds and returns do not belong in a purchase log`);
      }
    }
    const category = categoryColumn >= 0 ? (row.fields[categoryColumn] ?? "").trim() || null : null;
    events.push({ customerId, date, amount, category, line: row.line });
  }

  const first = events[0];
  if (first && events.every((event) => event.customerId === first.customerId)) {
    const last = events[events.length - 1] ?? first;
    return fail(last.line, `every event (lines ${first.line}-${last.line}) belongs to one customer ("${first.customerId}"); the models need at least two customers`);
  }
  return { ok: true, events, hasAmount: amountColumn >= 0, hasCategory: categoryColumn >= 0 };
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A calendar date or date-time in ISO 8601, checked field by field (no 2024-02-30); null when unreadable. */
export function parseIsoDate(value: string): Date | null {
  const match = DATE_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0)) as [number, number, number, number, number, number];
  const fraction = match[7] ? Number(`0.${match[7]}`) * 1000 : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) + fraction;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  const zone = match[8];
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== "Z") {
    const digits = zone.replace(":", "");
    offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return new Date(utc - offsetMinutes * 60_000);
}

type CsvRow = { line: number; fields: string[] };

/** RFC 4180 CSV: commas, double-quoted fields with "" escapes and embedded newlines, LF or CRLF. */
function splitCsv(text: string): { ok: true; rows: CsvRow[] } | { ok: false; error: EventLogError } {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === "\n") line++;
        field += char;
      }
    } else if (char === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = "";
      line++;
      rowLine = line;
    } else field += char;
  }
  if (quoted) return fail(rowLine, "a quoted field is not closed");
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return { ok: true, rows };
}

function fail(line: number, message: string): { ok: false; error: EventLogError } {
  return { ok: false, error: { line, message } };
}

/** What the summary needs of a purchase: an event-log row or an order from the database. */
export type Purchase = Pick<PurchaseEvent, "customerId" | "date" | "amount">;

/** One customer's calibration summary for the BTYD models; times in weeks (days / 7). */
export type BtydCustomer = {
  customerId: string;
  /** Repeat purchases in the calibration period (purchase days after the first). */
  x: number;
  /** Weeks from the first purchase to the last one in the calibration period. */
  tx: number;
  /** Weeks from the first purchase to the end of the calibration period. */
  T: number;
  /** Mean spend of the repeat purchases in calibration (a day's purchases summed); null without amounts or repeats. */
  meanRepeatSpend: number | null;
  /** Purchase days after the calibration end up to the holdout end; null without a holdout. */
  holdoutPurchases: number | null;
};

export type BtydSummary = {
  customers: BtydCustomer[];
  /** Length of the holdout period in weeks; null without a holdout end. */
  holdoutWeeks: number | null;
};

/**
 * Summarises an event log for BG/NBD, Pareto/NBD and gamma-gamma. Purchases on the same UTC day are
 * one transaction (amounts summed). Days up to and including `calibrationEnd`'s day are
 * calibration; customers whose first purchase is later are left out. With `holdoutEnd`, purchase
 * days after the calibration end up to and including the holdout end's day are counted per customer.
 */
export function summariseForBtyd(events: ReadonlyArray<Purchase>, calibrationEnd: Date, holdoutEnd?: Date): BtydSummary {
  const calibrationDay = utcDay(calibrationEnd);
  const holdoutDay = holdoutEnd ? utcDay(holdoutEnd) : null;
  if (holdoutDay !== null && holdoutDay <= calibrationDay) throw new RangeError("the holdout end must fall after the calibration end");

  const byCustomer = new Map<string, Map<number, number | null>>();
  for (const event of events) {
    const day = utcDay(event.date);
    let days = byCustomer.get(event.customerId);
    if (!days) byCustomer.set(event.customerId, (days = new Map()));
    const previous = days.get(day);
    days.set(day, previous === undefined ? event.amount : addAmounts(previous, event.amount));
  }

  const customers: BtydCustomer[] = [];
  for (const [customerId, days] of byCustomer) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const firstDay = sorted[0];
    if (firstDay === undefined || firstDay > calibrationDay) continue;
    let x = 0;
    let lastDay = firstDay;
    let spend = 0;
    let spendCount = 0;
    let holdout = 0;
    for (const day of sorted) {
      if (day === firstDay) continue;
      if (day <= calibrationDay) {
        x++;
        lastDay = day;
        const amount = days.get(day);
        if (amount !== null && amount !== undefined) {
          spend += amount;
          spendCount++;
        }
      } else if (holdoutDay !== null && day <= holdoutDay) holdout++;
    }
    customers.push({
      customerId,
      x,
      tx: (lastDay - firstDay) / 7,
      T: (calibrationDay - firstDay) / 7,
      meanRepeatSpend: spendCount > 0 ? spend / spendCount : null,
      holdoutPurchases: holdoutDay === null ? null : holdout,
    });
  }
  return { customers, holdoutWeeks: holdoutDay === null ? null : (holdoutDay - calibrationDay) / 7 };
}

function addAmounts(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b;
}

/** Whole days since the epoch of a moment's UTC date. */
function utcDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}
