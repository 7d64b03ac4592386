import { describe, expect, it } from "vitest";
import { replenishmentAgent } from "~/domain/agents/replenishmentAgent";
import { catalog, category, CLEANSERS, context, daysAgo, NOW, shopper, type SettingsChanges } from "./fixtures";

const MONTHLY = [160, 130, 100, 70, 40];
const cleansers = (days: number[], options: Parameters<typeof category>[2] = {}) => category(CLEANSERS, days, { lastProductId: "p-cleanser", ...options });

describe("replenishment: a nudge when the customer begins to deviate from their own rhythm", () => {
  it.each([
    {
      name: "a monthly buyer 40 days on (past their own 36-day upper limit) is nudged with the product they buy",
      history: cleansers(MONTHLY),
      expected: { messageType: "replenishment-reminder", productId: "p-cleanser", usualDaysBetween: 30, usualRepurchaseAt: daysAgo(10), discount: null },
    },
    {
      name: "their usual product is sold out: the category's best seller in stock is named instead",
      history: cleansers(MONTHLY),
      outOfStock: ["p-cleanser"],
      expected: { messageType: "replenishment-reminder", productId: "p-cleanser-2", usualDaysBetween: 30, usualRepurchaseAt: daysAgo(10), discount: null },
    },
    {
      name: "70 days on, more than a band width overdue: a win-back with the standard discount",
      history: cleansers([190, 160, 130, 100, 70]),
      expected: { messageType: "replenishment-winback", productId: "p-cleanser", usualDaysBetween: 30, usualRepurchaseAt: daysAgo(40), discount: 0.1 },
    },
    {
      name: "a win-back offers no discount when the shop allows none",
      history: cleansers([190, 160, 130, 100, 70]),
      settings: { maxDiscount: 0 },
      expected: { messageType: "replenishment-winback", productId: "p-cleanser", usualDaysBetween: 30, usualRepurchaseAt: daysAgo(40), discount: null },
    },
  ])("$name", ({ history, outOfStock, settings, expected }: { history: ReturnType<typeof category>; outOfStock?: string[]; settings?: SettingsChanges; expected: Record<string, unknown> }) => {
    const proposals = replenishmentAgent(shopper({ categories: [history], pAlive: 0.8 }), context({ catalog: catalog({ outOfStock }), settings }));
    expect(proposals).toHaveLength(1);
    const [proposal] = proposals;
    expect(proposal?.action.messageType).toBe(expected.messageType);
    expect(proposal?.subject).toBe(CLEANSERS);
    expect(proposal?.brief.products.map((p) => p.productId)).toEqual([expected.productId]);
    expect(proposal?.brief.numbers.usualDaysBetween).toBe(expected.usualDaysBetween);
    expect(proposal?.brief.deadlines.usualRepurchaseAt).toEqual(expected.usualRepurchaseAt);
    expect(proposal?.brief.discount).toBe(expected.discount);
    expect(proposal?.action.earliestSendAt).toEqual(NOW);
  });

  it.each([
    { name: "30 days on, still inside their usual band", history: cleansers([150, 120, 90, 60, 30]) },
    { name: "a customer who repurchased yesterday", history: cleansers([151, 121, 91, 61, 31, 1]) },
    { name: "a repurchase recorded after the cadence was computed (stale cadence)", history: cleansers([160, 130, 100, 70, 40, 1], { cadenceAsOf: daysAgo(2) }) },
    { name: "an irregular buyer (untimeable: the cadence abstains)", history: cleansers([290, 285, 245, 230, 140, 115, 55, 0].map((d) => d + 110), { depletionDays: 30 }) },
    { name: "a single purchase (too little data to time)", history: cleansers([80]) },
  ])("nothing for $name", ({ history }) => {
    expect(replenishmentAgent(shopper({ categories: [history] }), context())).toEqual([]);
  });

  it("the irregular buyer really is past any fixed window: the abstention, not the timing, stops the nudge", () => {
    const irregular = cleansers([290, 285, 245, 230, 140, 115, 55, 0].map((d) => d + 110), { depletionDays: 30 });
    expect(irregular.cadence).toMatchObject({ kind: "abstain", reason: "too-irregular" });
  });

  it("nothing when neither their product nor any best seller of the category is in stock", () => {
    expect(replenishmentAgent(shopper({ categories: [cleansers(MONTHLY)] }), context({ catalog: catalog({ outOfStock: ["p-cleanser", "p-cleanser-2"] }) }))).toEqual([]);
  });

  it("values the nudge as prior uplift x P(alive) x their usual basket, and says so", () => {
    const [proposal] = replenishmentAgent(shopper({ categories: [cleansers(MONTHLY, { lastQuantity: 2 })], pAlive: 0.8 }), context());
    // 6% x 0.8 = 4.8% of 2 x $24.00 = $2.30
    expect(proposal?.expectedValue).toMatchObject({ probabilityUplift: 0.048, orderValueMinor: 4800, incrementalRevenueMinor: 230 });
    expect(proposal?.expectedValue.method).toContain("6% (prior uplift of a replenishment reminder) × 0.8 (chance the customer is still active)");
    expect(proposal?.trace.reasoning.join(" ")).toContain("begun to deviate");
    expect(proposal?.trace.expectedImpact).toContain("$2.30");
  });

  it("the id is stable for the same purchase cycle, night after night, and changes with a new cycle", () => {
    const history = cleansers(MONTHLY);
    const tonight = replenishmentAgent(shopper({ categories: [history] }), context())[0];
    const tomorrow = replenishmentAgent(shopper({ categories: [history] }), context({ now: new Date(NOW.getTime() + 86_400_000) }))[0];
    expect(tonight?.id).toBe(`replenishment:c-1:${CLEANSERS}:${daysAgo(40).toISOString().slice(0, 10)}`);
    expect(tomorrow?.id).toBe(tonight?.id);
  });
});
