import { describe, expect, it } from "vitest";
import { loyaltyEntriesForOrder, type LoyaltyOrderFacts } from "~/domain/loyalty/orderLoyalty";
import { LoyaltyRule } from "~/domain/loyalty/loyaltyRule";

const rule = LoyaltyRule.parse({ pointsPerCurrencyUnit: 2, expiryDays: 30 });
const processedAt = new Date("2026-03-01T10:00:00Z");
const order = (overrides: Partial<LoyaltyOrderFacts>): LoyaltyOrderFacts => ({
  id: "5001",
  customerId: "7001",
  processedAt,
  cancelledAt: null,
  currencyCode: "USD",
  subtotalMinor: 4_275,
  discountCodes: [],
  ...overrides,
});

describe("loyaltyEntriesForOrder", () => {
  it.each([
    { name: "earns on the subtotal, rounded down, expiring after expiryDays", input: {}, expected: [["earn", 85, "2026-03-31T10:00:00.000Z"]] },
    { name: "nothing for a guest order", input: { customerId: null }, expected: [] },
    { name: "nothing for a cancelled order", input: { cancelledAt: processedAt, discountCodes: ["LOYALTY-250"] }, expected: [] },
    { name: "nothing for a zero subtotal", input: { subtotalMinor: 0 }, expected: [] },
    { name: "a tier code redeems its points", input: { discountCodes: ["LOYALTY-250"] }, expected: [["redeem", -250, null], ["earn", 85, "2026-03-31T10:00:00.000Z"]] },
    { name: "a code for no tier redeems nothing", input: { discountCodes: ["LOYALTY-300", "WELCOME10"] }, expected: [["earn", 85, "2026-03-31T10:00:00.000Z"]] },
    { name: "JPY has no minor units", input: { currencyCode: "JPY", subtotalMinor: 1_234 }, expected: [["earn", 2_468, "2026-03-31T10:00:00.000Z"]] },
  ])("$name", ({ input, expected }) => {
    const entries = loyaltyEntriesForOrder(rule, order(input));
    expect(entries.map((e) => [e.kind, e.points, e.expiresAt?.toISOString() ?? null])).toEqual(expected);
    for (const entry of entries) expect(entry).toMatchObject({ orderId: "5001", customerId: "7001", occurredAt: processedAt, id: `5001:${entry.kind}` });
  });

  it("never expires when the rule says so", () => {
    const [entry] = loyaltyEntriesForOrder(LoyaltyRule.parse({ expiryDays: null }), order({}));
    expect(entry?.expiresAt).toBeNull();
  });
});
