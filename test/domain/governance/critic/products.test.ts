import { describe, expect, it } from "vitest";
import { BRIEF, catalogOf, input, PRODUCTS, rulesBroken, saying } from "./fixtures";

describe("facts.product", () => {
  it.each([
    { name: "the brief's products, named by id and title (baseline)", productIds: ["p-cleanser", "p-serum"], text: "Daily Gel Cleanser and Niacinamide Serum 30 ml.", rules: [] },
    { name: "a subset of the brief's products", productIds: ["p-serum"], text: "Niacinamide Serum 30 ml.", rules: [] },
    { name: "an id the brief does not name", productIds: ["p-cleanser", "p-brush"], text: "Restock.", rules: ["facts.product"] },
    { name: "an id not in the catalog", productIds: ["p-ghost"], text: "Restock.", rules: ["facts.product"] },
    { name: "a catalog title the brief does not name", productIds: ["p-cleanser"], text: "Add a Silicone Cleansing Brush too.", rules: ["facts.product"] },
    { name: "a catalog title in another case", productIds: ["p-cleanser"], text: "add a silicone cleansing brush too.", rules: ["facts.product"] },
    { name: "words that only contain a title are not a mention", productIds: ["p-cleanser"], text: "Our Silicone Cleansing Brushes range.", rules: [] },
  ])("$name", ({ productIds, text, rules }) => {
    expect(rulesBroken(saying(text, { draft: { productIds } }))).toEqual(rules);
  });

  it.each([
    { name: "a brief product that sold out since planning", change: { inStock: false } },
    { name: "a brief product the merchant deactivated", change: { active: false } },
  ])("$name", ({ change }) => {
    const catalog = catalogOf(PRODUCTS.map((p) => (p.id === "p-serum" ? { ...p, ...change } : p)));
    expect(rulesBroken(input({ catalog }))).toEqual(["facts.product"]);
    // Mentioned by title only, it is caught too.
    expect(rulesBroken(saying("Niacinamide Serum 30 ml.", { catalog, draft: { productIds: ["p-cleanser"] } }))).toEqual(["facts.product"]);
  });

  it("a title inside a brief title is not another product ('Gel Cleanser' inside 'Daily Gel Cleanser')", () => {
    const catalog = catalogOf([...PRODUCTS, { ...PRODUCTS[0]!, id: "p-gel", title: "Gel Cleanser" }]);
    expect(rulesBroken(saying("Your Daily Gel Cleanser.", { catalog }))).toEqual([]);
    expect(rulesBroken(saying("Try the Gel Cleanser.", { catalog }))).toEqual(["facts.product"]);
  });

  it("out-of-stock and inactive catalog products named in copy are reported", () => {
    expect(rulesBroken(saying("Also try the Sold-out Toner or the Vintage Clay Mask.", { brief: BRIEF }))).toEqual(["facts.product"]);
  });
});
