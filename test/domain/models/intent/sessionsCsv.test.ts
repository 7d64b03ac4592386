import { describe, expect, it } from "vitest";
import { parseSessionsCsv } from "~/domain/models/intent/sessionsCsv";

describe("parseSessionsCsv", () => {
  it("reads numbers, booleans, month names and text categories; the outcome becomes the label", () => {
    const result = parseSessionsCsv("Pages,Duration,Month,Visitor,Weekend,Revenue\r\n3,12.5,Feb,Returning_Visitor,FALSE,FALSE\r\n7,80,June,New_Visitor,TRUE,TRUE\r\n1,0,Sep,Other,FALSE,FALSE\r\n");
    expect(result).toEqual({
      ok: true,
      table: {
        featureNames: ["Pages", "Duration", "Month", "Visitor", "Weekend"],
        encodings: { Pages: "number", Duration: "number", Month: "month", Visitor: "category", Weekend: "boolean" },
        rows: [
          [3, 12.5, 2, 2, 0],
          [7, 80, 6, 0, 1],
          [1, 0, 9, 1, 0],
        ],
        labels: [false, true, false],
      },
    });
  });

  it("takes another outcome column by name", () => {
    const result = parseSessionsCsv("bought,pages\nyes,3\nno,1\n", "bought");
    expect(result.ok && result.table).toMatchObject({ featureNames: ["pages"], labels: [true, false] });
  });

  it.each([
    { name: "an empty file", text: "", line: 1, message: "empty" },
    { name: "a header without the outcome", text: "Pages,Month\n1,Feb\n", line: 1, message: "missing the outcome column Revenue" },
    { name: "a header and nothing else", text: "Pages,Revenue\n", line: 2, message: "no sessions" },
    { name: "a short row", text: "Pages,Revenue\n1,TRUE\n2\n", line: 3, message: "expected 2 fields" },
    { name: "an unreadable outcome", text: "Pages,Revenue\n1,TRUE\n2,maybe\n", line: 3, message: 'outcome Revenue "maybe"' },
    { name: "an empty value", text: "Pages,Revenue\n1,TRUE\n,FALSE\n", line: 3, message: "Pages is empty" },
    { name: "quoted fields", text: 'Pages,Revenue\n"1",TRUE\n', line: 2, message: "quoted" },
    { name: "one outcome only", text: "Pages,Revenue\n1,TRUE\n2,TRUE\n", line: 3, message: "same outcome" },
  ])("names the line of $name", ({ text, line, message }) => {
    const result = parseSessionsCsv(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.line).toBe(line);
      expect(result.error.message).toContain(message);
    }
  });
});
