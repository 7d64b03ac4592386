import { describe, expect, it } from "vitest";
import { formatEventLogError, parseEventLog, parseIsoDate, summariseForBtyd, type PurchaseEvent } from "~/domain/models/eventLog";
import { CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, cdnowCsv, cdnowSummary } from "./btyd/cdnowFixture";

const ok = (text: string) => {
  const result = parseEventLog(text);
  if (!result.ok) throw new Error(formatEventLogError(result.error));
  return result;
};

describe("parseEventLog", () => {
  it("reads customer_id, date, amount and category in any column order, quoted fields and CRLF included", () => {
    const result = ok('category,amount,date,customer_id\r\n"Coffee, beans",12.50,2024-03-01,c1\r\nTea,3,2024-03-02T10:15:00+02:00,c2\r\n');
    expect(result.hasAmount).toBe(true);
    expect(result.hasCategory).toBe(true);
    expect(result.events).toEqual([
      { customerId: "c1", date: new Date("2024-03-01T00:00:00Z"), amount: 12.5, category: "Coffee, beans", line: 2 },
      { customerId: "c2", date: new Date("2024-03-02T08:15:00Z"), amount: 3, category: "Tea", line: 3 },
    ]);
  });

  it("accepts the grocery log's `cust` header and files without amounts", () => {
    const result = ok("cust,date\n1,2006-01-01\n2,2006-01-01\n2,2006-12-19\n");
    expect(result.hasAmount).toBe(false);
    expect(result.events.map((event) => [event.customerId, event.amount])).toEqual([["1", null], ["2", null], ["2", null]]);
  });

  it.each([
    ["an empty file", "", 1, /empty/],
    ["blank lines only", "\n\n", 1, /empty/],
    ["a header without events", "customer_id,date\n", 2, /no events/],
    ["a missing date column", "customer_id,amount\nc1,3\n", 1, /missing column date/],
    ["missing customer and date columns", "who,when\nc1,2024-01-01\n", 1, /missing columns customer_id and date/],
    ["an unparseable date", "customer_id,date\nc1,2024-01-01\nc2,01/02/2024\n", 3, /cannot read the date "01\/02\/2024"/],
    ["an impossible calendar date", "customer_id,date\nc1,2024-02-30\nc2,2024-01-01\n", 2, /2024-02-30/],
    ["a negative amount", "customer_id,date,amount\nc1,2024-01-01,5\nc2,2024-01-02,-3.10\n", 3, /negative/],
    ["an amount that is not a number", "customer_id,date,amount\nc1,2024-01-01,5 USD\nc2,2024-01-02,1\n", 2, /cannot read the amount "5 USD"/],
    ["one customer only", "customer_id,date\nc1,2024-01-01\nc1,2024-02-01\nc1,2024-03-01\n", 4, /lines 2-4\) belongs to one customer \("c1"\)/],
    ["a short row", "customer_id,date,amount\nc1,2024-01-01,1\nc2,2024-01-02\n", 3, /expected 3 fields/],
    ["an empty customer id", "customer_id,date\n,2024-01-01\nc2,2024-01-02\n", 2, /customer_id is empty/],
    ["an unclosed quote", 'customer_id,date\nc1,2024-01-01\n"c2,2024-01-02\n', 3, /not closed/],
  ])("names the line for %s", (_, text, line, message) => {
    const result = parseEventLog(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(line);
    expect(result.error.message).toMatch(message);
    expect(formatEventLogError(result.error)).toMatch(new RegExp(`^line ${line}: `));
  });

  it.each([
    ["2024-03-31", "2024-03-31T00:00:00.000Z"],
    ["2024-03-31T14:05:00Z", "2024-03-31T14:05:00.000Z"],
    ["2024-03-31T14:05", "2024-03-31T14:05:00.000Z"],
    ["2024-03-31 14:05:09.5-05:00", "2024-03-31T19:05:09.500Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
  ])("reads the ISO date %s", (text, iso) => {
    expect(parseIsoDate(text)?.toISOString()).toBe(iso);
  });

  it.each(["2023-02-29", "2024-13-01", "2024-1-5", "20240105", "2024-01-05T25:00", "yesterday", ""])("refuses %j", (text) => {
    expect(parseIsoDate(text)).toBeNull();
  });
});

describe("summariseForBtyd", () => {
  const event = (customerId: string, iso: string, amount: number | null = null): PurchaseEvent => ({ customerId, date: new Date(iso), amount, category: null, line: 0 });

  it("merges same-day purchases (amounts summed), splits calibration from holdout, and measures weeks as days / 7", () => {
    const events = [
      event("a", "2024-01-01T09:00:00Z", 10),
      event("a", "2024-01-01T18:00:00Z", 5),
      event("a", "2024-01-08T12:00:00Z", 20),
      event("a", "2024-01-15T00:00:00Z", 4),
      event("a", "2024-01-15T23:59:59Z", 6),
      event("a", "2024-01-29T00:00:00Z", 7),
      event("a", "2024-02-20T00:00:00Z", 1),
      event("b", "2024-01-22T00:00:00Z", 8),
      event("c", "2024-02-01T00:00:00Z", 9),
    ];
    const summary = summariseForBtyd(events, new Date("2024-01-29T15:00:00Z"), new Date("2024-02-19T00:00:00Z"));
    expect(summary.holdoutWeeks).toBe(3);
    expect(summary.customers).toEqual([
      { customerId: "a", x: 3, tx: 4, T: 4, meanRepeatSpend: (20 + 10 + 7) / 3, holdoutPurchases: 0 },
      { customerId: "b", x: 0, tx: 0, T: 1, meanRepeatSpend: null, holdoutPurchases: 0 },
    ]);
  });

  it("reproduces lifetimes' CDNOW summary (x, t_x, T, mean repeat spend) from the raw sample", () => {
    const parsed = ok(cdnowCsv());
    expect(parsed.events).toHaveLength(6919);
    const summary = summariseForBtyd(parsed.events, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END);
    const published = cdnowSummary();
    expect(summary.customers).toHaveLength(2357);
    expect(summary.holdoutWeeks).toBe(39);
    summary.customers.forEach((customer, i) => {
      const row = published[i]!;
      expect(customer.x).toBe(row.x);
      expect(Math.abs(customer.tx - row.tx)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(customer.T - row.T)).toBeLessThanOrEqual(0.005);
      expect(Math.abs((customer.meanRepeatSpend ?? 0) - row.zbar)).toBeLessThanOrEqual(0.005 + 1e-9);
    });
    expect(summary.customers.reduce((sum, c) => sum + c.x, 0)).toBe(2457);
    expect(summary.customers.reduce((sum, c) => sum + (c.holdoutPurchases ?? 0), 0)).toBe(1882);
  });

  it("refuses a holdout end that does not follow the calibration end", () => {
    expect(() => summariseForBtyd([event("a", "2024-01-01")], new Date("2024-02-01"), new Date("2024-02-01T12:00:00Z"))).toThrow(/after the calibration end/);
  });
});
