import { describe, expect, it } from "vitest";
import { chooseVariant } from "~/domain/content/templates";
import { fnv1a } from "~/domain/content/templates/chooseVariant";

describe("chooseVariant: a pure hash of the decision id", () => {
  it.each([
    { text: "", hash: 0x811c9dc5 },
    { text: "a", hash: 0xe40c292c },
    { text: "foobar", hash: 0xbf9cf968 },
  ])("FNV-1a of $text is the published value", ({ text, hash }) => {
    expect(fnv1a(text)).toBe(hash);
  });

  it.each([
    { id: "", variants: ["a", "b"], expected: "b" },
    { id: "a", variants: ["a", "b"], expected: "a" },
    { id: "foobar", variants: ["a", "b"], expected: "a" },
    { id: "foobar", variants: ["a", "b", "c"], expected: "b" },
    { id: "anything", variants: ["only"], expected: "only" },
  ])("$id over $variants is $expected", ({ id, variants, expected }) => {
    expect(chooseVariant(id, variants)).toBe(expected);
  });

  it("the same decision always gets the same variant", () => {
    const ids = Array.from({ length: 50 }, (_, i) => `cart-intent:c-${i}:cart-${i * 7}:2026-06-10`);
    expect(ids.map((id) => chooseVariant(id, ["a", "b"]))).toEqual(ids.map((id) => chooseVariant(id, ["a", "b"])));
  });

  it("splits decisions about evenly", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `replenishment:customer-${i}:Skin care > Cleansers:2026-06-${String((i % 28) + 1).padStart(2, "0")}`);
    const bs = ids.filter((id) => chooseVariant(id, ["a", "b"]) === "b").length;
    expect(bs).toBeGreaterThan(900);
    expect(bs).toBeLessThan(1100);
  });

  it("needs at least one variant", () => {
    expect(() => chooseVariant("x", [])).toThrow();
  });
});
