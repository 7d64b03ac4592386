import { describe, expect, it } from "vitest";
import { categoryHistories, type PurchasedLine } from "~/domain/profiles/categoryHistory";

const d = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const NOW = d(200);
const line = (orderId: string, day: number, categoryPath: string | null, quantity = 1, priceMinor = 1000, discountMinor = 0): PurchasedLine => ({
  orderId,
  orderedAt: d(day),
  categoryPath,
  productId: "p",
  title: "Item",
  quantity,
  priceMinor,
  discountMinor,
});
const timelines: Record<string, number> = { "Skin care > Cleansers": 30, "Wellness > Sleep": 25 };
const depletionOf = (path: string) => timelines[path] ?? null;

describe("categoryHistories", () => {
  it.each([
    {
      name: "one purchase: run-out from the category's timeline",
      lines: [line("o1", 180, "Skin care > Cleansers")],
      expected: { orders: 1, quantity: 1, intervalsDays: [], medianIntervalDays: null, daysPerUnit: null, runOutBasis: "category-timeline", runOutAt: d(210), daysUntilRunOut: 10 },
    },
    {
      name: "two units last twice the timeline",
      lines: [line("o1", 180, "Skin care > Cleansers", 2)],
      expected: { orders: 1, quantity: 2, intervalsDays: [], medianIntervalDays: null, daysPerUnit: null, runOutBasis: "category-timeline", runOutAt: d(240), daysUntilRunOut: 40 },
    },
    {
      name: "one interval is not yet a cadence",
      lines: [line("o1", 100, "Skin care > Cleansers"), line("o2", 140, "Skin care > Cleansers")],
      expected: { orders: 2, quantity: 2, intervalsDays: [40], medianIntervalDays: 40, daysPerUnit: 40, runOutBasis: "category-timeline", runOutAt: d(170), daysUntilRunOut: -30 },
    },
    {
      name: "two intervals: the shopper's own cadence wins",
      lines: [line("o1", 100, "Skin care > Cleansers"), line("o2", 140, "Skin care > Cleansers"), line("o3", 184, "Skin care > Cleansers")],
      expected: { orders: 3, quantity: 3, intervalsDays: [40, 44], medianIntervalDays: 42, daysPerUnit: 42, runOutBasis: "own-cadence", runOutAt: d(226), daysUntilRunOut: 26 },
    },
    {
      name: "a category without a timeline has no run-out",
      lines: [line("o1", 100, "Home > Candles")],
      expected: { orders: 1, quantity: 1, intervalsDays: [], medianIntervalDays: null, daysPerUnit: null, runOutBasis: null, runOutAt: null, daysUntilRunOut: null },
    },
  ])("$name", ({ lines, expected }) => {
    const [history] = categoryHistories(lines, depletionOf, NOW);
    expect(history).toMatchObject(expected);
  });

  it("groups by category, uncategorised lines included, most recently bought first, with spend after discounts", () => {
    const histories = categoryHistories(
      [line("o1", 10, "Wellness > Sleep", 1, 2000, 500), line("o1", 10, null, 3, 100), line("o2", 50, "Skin care > Cleansers"), line("o2", 50, "Wellness > Sleep", 2, 2000)],
      depletionOf,
      NOW,
    );
    expect(histories.map((h) => [h.categoryPath, h.orders, h.quantity, h.spentMinor])).toEqual([
      ["Skin care > Cleansers", 1, 1, 1000],
      ["Wellness > Sleep", 2, 3, 5500],
      [null, 1, 3, 300],
    ]);
    expect(histories[1]?.purchases).toEqual([{ at: d(10), quantity: 1 }, { at: d(50), quantity: 2 }]);
  });
});
