import { describe, expect, it } from "vitest";
import { parseDemoArguments } from "~/demo/demoArguments";

const today = new Date("2026-11-25T19:34:00Z");

describe("parseDemoArguments", () => {
  it("defaults to 1,000 customers, seed 1, the start of the current hour, through the endpoints, serving", () => {
    expect(parseDemoArguments({}, today)).toEqual({ customers: 1000, seed: "1", now: new Date("2026-11-25T19:00:00Z"), once: false, direct: false });
  });

  it.each([
    [{ customers: "100000" }, { customers: 100_000 }],
    [{ customers: "100_000" }, { customers: 100_000 }],
    [{ seed: "spring", once: true }, { seed: "spring", once: true }],
    [{ direct: true }, { direct: true }],
    [{ now: "2025-06-15T12:00:00Z" }, { now: new Date("2025-06-15T12:00:00Z") }],
  ])("%o", (values, expected) => {
    expect(parseDemoArguments(values, today)).toMatchObject(expected);
  });

  it.each([
    [{ customers: "0" }, /--customers/],
    [{ customers: "2.5" }, /--customers/],
    [{ customers: "lots" }, /--customers/],
    [{ now: "yesterday" }, /--now/],
  ])("rejects %o", (values, message) => {
    expect(() => parseDemoArguments(values, today)).toThrow(message);
  });
});
