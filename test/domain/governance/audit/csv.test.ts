import { describe, expect, it } from "vitest";
import { AUDIT_CSV_COLUMNS, csvCell, toCsv } from "~/domain/governance/audit/csv";
import { ANA, change, record, SEND, WAIT } from "./fixtures";

/** A strict RFC 4180 reader, so the tests check what a spreadsheet would see, not our own writer's idea. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
  };
  while (i < text.length) {
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text.startsWith('""', i)) {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          field += text[i];
          i += 1;
        }
      }
    }
    if (i >= text.length) break;
    if (text.startsWith("\r\n", i)) {
      endField();
      rows.push(row);
      row = [];
      i += 2;
    } else if (text[i] === ",") {
      endField();
      i += 1;
    } else if (text[i] === '"' || text[i] === "\n" || text[i] === "\r") {
      throw new Error(`stray ${JSON.stringify(text[i])} at ${i}`);
    } else {
      field += text[i];
      i += 1;
    }
  }
  if (field !== "" || row.length > 0) throw new Error("last row must end with CRLF");
  return rows;
}

describe("one CSV cell", () => {
  it.each([
    ["plain text", "hello", "hello"],
    ["a comma", "a,b", '"a,b"'],
    ["double quotes", 'say "hi"', '"say ""hi"""'],
    ["a newline", "line1\nline2", '"line1\nline2"'],
    ["a CR", "a\rb", '"a\rb"'],
    ["emoji", "Glow ✨🧴", "Glow ✨🧴"],
    ["right-to-left text", "مرحبا، عميلنا", "مرحبا، عميلنا"],
    ["a formula", "=HYPERLINK(\"http://evil\",\"x\")", '"\'=HYPERLINK(""http://evil"",""x"")"'],
    ["a plus", "+1 555 0100", "'+1 555 0100"],
    ["a minus", "-2+3", "'-2+3"],
    ["an at sign", "@SUM(A1)", "'@SUM(A1)"],
    ["a leading tab", "\t=1", "'\t=1"],
    ["a leading CR", "\r=1", "\"'\r=1\""],
    ["a formula char later on", "a=b", "a=b"],
    ["null", null, ""],
    ["a number", 130, "130"],
    ["a negative number stays a number", -12.5, "-12.5"],
    ["a non-finite number", Number.NaN, ""],
    ["an empty string", "", ""],
  ] as const)("%s", (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe("the audit CSV export", () => {
  const tricky = record("r-1", WAIT, [
    change(null, "awaiting-approval", "route", -2),
    change("awaiting-approval", "rejected", "reject", -1, { by: ANA, note: '=cmd|" /C calc"!A0' }),
  ], { proposal: { subject: 'Cleansers, "the good ones"\nand brushes ✨ שלום', customerId: "-c-9" } });
  const plain = record("r-2", SEND, [change(null, "ready", "route", -3)]);
  const csv = toCsv([tricky, plain]);
  const rows = parseCsv(csv);
  const header = rows[0] as string[];
  const col = (row: number, name: string) => rows[row]?.[header.indexOf(name)];

  it("has a header row in the fixed column order, and one row per record", () => {
    expect(header).toEqual(AUDIT_CSV_COLUMNS.map(([name]) => name));
    expect(header.slice(0, 6)).toEqual(["id", "shop_id", "created_at", "status", "customer_id", "agent"]);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("keeps commas, quotes, newlines, emoji and RTL text intact", () => {
    expect(col(1, "subject")).toBe('Cleansers, "the good ones"\nand brushes ✨ שלום');
  });

  it("defuses formula cells with a leading apostrophe", () => {
    expect(col(1, "rejection_reason")).toBe(`'=cmd|" /C calc"!A0`);
    expect(col(1, "customer_id")).toBe("'-c-9");
  });

  it("flattens nested fields to JSON that parses back", () => {
    expect(JSON.parse(col(1, "reasoning") ?? "")).toEqual(["Buys cleanser about every 30 days.", "Last bought 40 days ago."]);
    expect(JSON.parse(col(1, "inputs") ?? "")).toEqual({ lastPurchaseDaysAgo: 40, usualDaysBetween: 30 });
    expect(JSON.parse(col(1, "history") ?? "").map((h: { to: string }) => h.to)).toEqual(["awaiting-approval", "rejected"]);
    expect(JSON.parse(col(1, "policies_checked") ?? "")).toEqual(["margin.discount-cap", "facts.price"]);
  });

  it("writes approvals, dates as ISO and nulls as empty cells", () => {
    expect([col(1, "approval"), col(1, "approved_by"), col(1, "approved_by_email"), col(1, "approved_at")]).toEqual(["rejected", "u-1", "ana@shop-a.example", "2026-06-10T11:00:00.000Z"]);
    expect([col(2, "approval"), col(2, "approved_by"), col(2, "model"), col(2, "prompt_sha256"), col(2, "status")]).toEqual(["", "", "", "", "ready"]);
    expect(col(2, "expected_revenue_minor")).toBe("130");
  });

  it("with no records is just the header", () => {
    expect(toCsv([])).toBe(`${AUDIT_CSV_COLUMNS.map(([name]) => name).join(",")}\r\n`);
  });
});
