import { describe, expect, it } from "vitest";
import { mayReplace, newestVersions } from "~/domain/projections/freshness";

const t = (iso: string) => new Date(iso);

describe("mayReplace", () => {
  it.each([
    ["nothing stored", undefined, t("2026-01-01T00:00:00Z"), true],
    ["stored without a version", null, t("2026-01-01T00:00:00Z"), true],
    ["newer replaces", t("2026-01-01T00:00:00Z"), t("2026-01-01T00:00:01Z"), true],
    ["the same version is re-applied", t("2026-01-01T00:00:00Z"), t("2026-01-01T00:00:00Z"), true],
    ["older never overwrites", t("2026-01-01T00:00:01Z"), t("2026-01-01T00:00:00Z"), false],
    ["an unversioned payload never overwrites a versioned row", t("2026-01-01T00:00:00Z"), null, false],
  ])("%s", (_name, stored, incoming, expected) => {
    expect(mayReplace(stored, incoming)).toBe(expected);
  });
});

describe("newestVersions", () => {
  type V = { id: string; v: string | null; tag: string };
  const item = (id: string, v: string | null, tag: string): V => ({ id, v, tag });
  const run = (items: V[], stored: Array<[string, string | null]>) =>
    newestVersions(items, (i) => i.id, (i) => (i.v ? new Date(i.v) : null), new Map(stored.map(([id, v]) => [id, v ? new Date(v) : null]))).map((i) => i.tag);

  it.each<[string, V[], Array<[string, string | null]>, string[]]>([
    ["the newest of several versions wins, whatever the arrival order", [item("a", "2026-01-02T00:00:00Z", "new"), item("a", "2026-01-01T00:00:00Z", "old")], [], ["new"]],
    ["a later arrival wins a tie", [item("a", "2026-01-01T00:00:00Z", "first"), item("a", "2026-01-01T00:00:00Z", "second")], [], ["second"]],
    ["the stored version is not rewritten", [item("a", "2026-01-01T00:00:00Z", "same")], [["a", "2026-01-01T00:00:00Z"]], []],
    ["an older version than stored is dropped", [item("a", "2025-12-31T00:00:00Z", "old")], [["a", "2026-01-01T00:00:00Z"]], []],
    ["a newer version than stored is written", [item("a", "2026-01-02T00:00:00Z", "new")], [["a", "2026-01-01T00:00:00Z"]], ["new"]],
    ["an unversioned row yields to any version", [item("a", "2026-01-02T00:00:00Z", "new")], [["a", null]], ["new"]],
    ["an unversioned payload only creates", [item("a", null, "x"), item("b", null, "y")], [["a", "2026-01-01T00:00:00Z"]], ["y"]],
  ])("%s", (_name, items, stored, expected) => {
    expect(run(items, stored)).toEqual(expected);
  });
});
