import { describe, expect, it } from "vitest";
import { mayReplace } from "~/domain/projections/freshness";

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
