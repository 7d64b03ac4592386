import { describe, expect, it } from "vitest";
import { lastNightly } from "~/jobs/planningTrigger.server";
import { mootReason, type PendingDecision, type PlacedOrder } from "~/services/planning/mootDecisions";

const ORDER: PlacedOrder = {
  id: "o1",
  name: "#1001",
  processedAt: new Date("2026-11-25T12:00:00Z"),
  cartToken: "cart-a",
  checkoutToken: "checkout-a",
  checkoutCartToken: null,
  categories: new Set(["Skin care > Cleansers"]),
};
const BEFORE = new Date("2026-11-24T02:00:00Z");
const AFTER = new Date("2026-11-26T02:00:00Z");

/** Which pending nudges an order makes moot: a table of decisions and the verdict. */
describe("an order placed cancels the nudges it makes moot", () => {
  const cases: [string, PendingDecision, PlacedOrder, string | null][] = [
    ["the cart it converted", { id: "d", agent: "cart-intent", subject: "cart-a", moment: BEFORE }, ORDER, "order #1001 completed this cart"],
    ["a checkout's cart, named only by the checkout", { id: "d", agent: "cart-intent", subject: "cart-b", moment: BEFORE }, { ...ORDER, cartToken: null, checkoutCartToken: "cart-b" }, "order #1001 completed this cart"],
    ["another cart", { id: "d", agent: "cart-intent", subject: "cart-z", moment: BEFORE }, ORDER, null],
    ["a replenishment in the category bought", { id: "d", agent: "replenishment", subject: "Skin care > Cleansers", moment: BEFORE }, ORDER, "order #1001 bought again in Skin care > Cleansers"],
    ["a replenishment in another category", { id: "d", agent: "replenishment", subject: "Skin care > Serums", moment: BEFORE }, ORDER, null],
    ["a post-purchase step in the category bought", { id: "d", agent: "post-purchase", subject: "Skin care > Cleansers:restock", moment: BEFORE }, ORDER, "order #1001 bought again in Skin care > Cleansers"],
    ["a loyalty message", { id: "d", agent: "loyalty", subject: "tier:Bronze reward", moment: BEFORE }, ORDER, null],
    ["a newsletter", { id: "d", agent: "bestseller-newsletter", subject: "newsletter:2026-11-24", moment: BEFORE }, ORDER, null],
    ["a nudge planned after the order (it already knew)", { id: "d", agent: "replenishment", subject: "Skin care > Cleansers", moment: AFTER }, ORDER, null],
  ];
  it.each(cases)("%s", (_name, decision, order, expected) => {
    expect(mootReason(decision, order)).toBe(expected);
  });
});

describe("the nightly run's moment", () => {
  it.each([
    ["2026-11-25T12:00:00Z", "UTC", "2026-11-25T02:00:00.000Z"],
    ["2026-11-25T01:00:00Z", "UTC", "2026-11-24T02:00:00.000Z"],
    ["2026-11-25T12:00:00Z", "America/New_York", "2026-11-25T07:00:00.000Z"],
    ["2026-07-01T12:00:00Z", "America/New_York", "2026-07-01T06:00:00.000Z"],
    ["2026-11-25T06:00:00Z", "America/New_York", "2026-11-24T07:00:00.000Z"],
    ["2026-11-25T12:00:00Z", "Asia/Tokyo", "2026-11-24T17:00:00.000Z"],
    ["2026-11-25T12:00:00Z", "Not/AZone", "2026-11-25T02:00:00.000Z"],
  ])("at %s in %s it is %s", (now, zone, expected) => {
    expect(lastNightly(new Date(now), zone).toISOString()).toBe(expected);
  });
});
