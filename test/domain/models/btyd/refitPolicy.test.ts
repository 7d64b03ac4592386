import { describe, expect, it } from "vitest";
import { refitReason } from "~/domain/models/btyd/refitPolicy";

const fittedAt = new Date("2026-01-01T00:00:00Z");
const day = (n: number) => new Date(fittedAt.getTime() + n * 86_400_000);

describe("refitReason (default: 10% more orders or 500, whichever first; 30 days at most)", () => {
  it.each([
    ["no fit yet", null, 100, day(0), "no-fit"],
    ["a few new orders", 1000, 1050, day(1), null],
    ["10% more orders", 1000, 1100, day(1), "orders-changed"],
    ["500 new orders on a big shop", 20_000, 20_500, day(1), "orders-changed"],
    ["499 new orders on a big shop", 20_000, 20_499, day(1), null],
    ["orders removed (redaction)", 1000, 880, day(1), "orders-changed"],
    ["a tiny shop's first new order", 5, 6, day(1), "orders-changed"],
    ["30 days without change", 1000, 1000, day(30), "stale"],
  ] as const)("%s", (_, ordersSeen, orders, now, expected) => {
    expect(refitReason(ordersSeen === null ? null : { ordersSeen, fittedAt }, { orders, now })).toBe(expected);
  });

  it("never refits for age when maxAgeDays is null", () => {
    expect(refitReason({ ordersSeen: 10, fittedAt }, { orders: 10, now: day(400) }, { growthShare: 0.1, newOrders: 500, maxAgeDays: null })).toBeNull();
  });
});
