import { describe, expect, it } from "vitest";
import {
  CategoryDepletionForm,
  DepletionDaysField,
  effectiveDepletionDays,
  occasionIntervals,
  purchaseOccasions,
  suggestDepletionDays,
  type CategoryPurchase,
} from "~/domain/catalog/depletion";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const buys = (customerId: string, ...days: Array<number | [number, number]>): CategoryPurchase[] =>
  days.map((d) => (Array.isArray(d) ? { customerId, at: day(d[0]), quantity: d[1] } : { customerId, at: day(d), quantity: 1 }));

describe("purchaseOccasions and occasionIntervals", () => {
  it.each([
    { name: "one purchase: no interval", purchases: [[0, 1]], occasions: 1, intervals: [] },
    { name: "monthly single units", purchases: [[0, 1], [30, 1], [61, 1]], occasions: 3, intervals: [{ days: 30, daysPerUnit: 30 }, { days: 31, daysPerUnit: 31 }] },
    { name: "two units last twice as long", purchases: [[0, 2], [60, 1]], occasions: 2, intervals: [{ days: 60, daysPerUnit: 30 }] },
    { name: "same-day purchases are one occasion", purchases: [[0, 1], [0.5, 1], [40, 1]], occasions: 2, intervals: [{ days: 40, daysPerUnit: 20 }] },
    { name: "unsorted input is sorted", purchases: [[45, 1], [0, 1], [90, 1]], occasions: 3, intervals: [{ days: 45, daysPerUnit: 45 }, { days: 45, daysPerUnit: 45 }] },
    { name: "zero-quantity lines are ignored", purchases: [[0, 0], [10, 1], [40, 1]], occasions: 2, intervals: [{ days: 30, daysPerUnit: 30 }] },
  ])("$name", ({ purchases, occasions, intervals }) => {
    const merged = purchaseOccasions(purchases.map(([d, quantity]) => ({ at: day(d as number), quantity: quantity as number })));
    expect(merged).toHaveLength(occasions);
    expect(occasionIntervals(merged)).toEqual(intervals);
  });
});

describe("suggestDepletionDays", () => {
  const regulars = [
    ...buys("a", 0, 30, 60, 90),
    ...buys("b", 0, 28, 56),
    ...buys("c", 0, 32, 64),
    ...buys("d", 0, [30, 2], 90),
    ...buys("e", 0, 31),
  ];

  it.each([
    { name: "no purchases", purchases: [], expected: { days: null, buyers: 0, repeatBuyers: 0, intervals: 0 } },
    { name: "one-time buyers only", purchases: [...buys("a", 0), ...buys("b", 5), ...buys("c", 9)], expected: { days: null, buyers: 3, repeatBuyers: 0, intervals: 0 } },
    { name: "four repeat buyers: below the minimum sample", purchases: regulars.filter((p) => p.customerId !== "e"), expected: { days: null, buyers: 4, repeatBuyers: 4, intervals: 9 } },
    { name: "five regular buyers: their median", purchases: regulars, expected: { days: 30, buyers: 5, repeatBuyers: 5, intervals: 10 } },
    {
      name: "five repeat buyers among 25: 20 % re-buy, still a replenished category",
      purchases: [...regulars, ...Array.from({ length: 20 }, (_, i) => buys(`once-${i}`, i)).flat()],
      expected: { days: 30, buyers: 25, repeatBuyers: 5, intervals: 10 },
    },
    {
      name: "five repeat buyers among 26: a durable bought again now and then, no timeline",
      purchases: [...regulars, ...Array.from({ length: 21 }, (_, i) => buys(`once-${i}`, i)).flat()],
      expected: { days: null, buyers: 26, repeatBuyers: 5, intervals: 10 },
    },
    {
      name: "an outlier buyer with a year-long gap barely moves it",
      purchases: [...regulars, ...buys("f", 0, 365)],
      expected: { days: 30.5, buyers: 6, repeatBuyers: 6, intervals: 11 },
    },
    {
      name: "one very frequent buyer counts once, not per interval",
      purchases: [...regulars, ...buys("g", ...Array.from({ length: 40 }, (_, i) => i * 3))],
      expected: { days: 30, buyers: 6, repeatBuyers: 6, intervals: 49 },
    },
  ])("$name", ({ purchases, expected }) => {
    expect(suggestDepletionDays(purchases)).toEqual(expected);
  });

  it("the minimum sample and share are configurable", () => {
    expect(suggestDepletionDays(buys("a", 0, 45), { minRepeatBuyers: 1 })).toEqual({ days: 45, buyers: 1, repeatBuyers: 1, intervals: 1 });
  });
});

describe("the merchant's depletion days", () => {
  it.each([
    { input: "30", expected: 30 },
    { input: " 1 ", expected: 1 },
    { input: "730", expected: 730 },
    { input: "", expected: null },
    { input: "   ", expected: null },
  ])("accepts $input as $expected", ({ input, expected }) => {
    expect(DepletionDaysField.parse(input)).toBe(expected);
  });

  it.each(["0", "731", "-5", "12.5", "1e2", "thirty", "99999"])("rejects %s with a message naming the range", (input) => {
    const result = DepletionDaysField.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("from 1 to 730");
  });

  it("the form needs a category path", () => {
    expect(CategoryDepletionForm.safeParse({ path: " ", depletionDays: "30" }).error?.issues.map((i) => i.path.join("."))).toEqual(["path"]);
    expect(CategoryDepletionForm.parse({ path: "Skin care > Serums", depletionDays: "45" })).toEqual({ path: "Skin care > Serums", depletionDays: 45 });
  });

  it.each([
    { set: 30, suggested: 41.5, expected: 30 },
    { set: null, suggested: 41.5, expected: 41.5 },
    { set: null, suggested: null, expected: null },
  ])("effective timeline: set $set, suggested $suggested -> $expected", ({ set, suggested, expected }) => {
    expect(effectiveDepletionDays({ depletionDays: set, suggestedDepletionDays: suggested })).toBe(expected);
  });
});
