import { describe, expect, it } from "vitest";
import { AUDIT_RECORD_KEYS, AuditRecord } from "~/domain/governance/audit/auditRecord";
import { toJsonArray, toJsonLines } from "~/domain/governance/audit/jsonExport";
import { change, record, SEND } from "./fixtures";

const ONE = record("r-1", SEND, [change(null, "ready", "route", -1)], { proposal: { subject: "line1\nline2 ✨ مرحبا" } });
const TWO = record("r-2", SEND, [change(null, "ready", "route", -2)]);

describe("JSON exports", () => {
  it("JSON Lines: one whole record per line, each parsing back to the same record", () => {
    const text = toJsonLines([ONE, TWO]);
    const lines = text.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(lines.slice(0, 2).map((line) => AuditRecord.parse(JSON.parse(line)))).toEqual([ONE, TWO]);
  });

  it("keys in schema order whatever order the record was built in", () => {
    const shuffled = Object.fromEntries(Object.entries(ONE).reverse()) as AuditRecord;
    expect(toJsonLines([shuffled])).toBe(toJsonLines([ONE]));
    expect(Object.keys(JSON.parse(toJsonLines([shuffled])))).toEqual(AUDIT_RECORD_KEYS);
  });

  it("dates come out as ISO-8601 UTC", () => {
    expect(JSON.parse(toJsonLines([ONE])).createdAt).toBe("2026-06-10T11:00:00.000Z");
  });

  it("array form holds the same records; empty exports are empty", () => {
    expect((JSON.parse(toJsonArray([ONE, TWO])) as unknown[]).map((r) => AuditRecord.parse(r))).toEqual([ONE, TWO]);
    expect(toJsonLines([])).toBe("");
    expect(toJsonArray([])).toBe("[]");
  });
});
