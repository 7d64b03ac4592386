import { describe, expect, it } from "vitest";
import { cartIntentAgent } from "~/domain/agents/cartIntentAgent";
import type { BasketSnapshot, ShopperSnapshot } from "~/domain/agents/contract";
import { attributeMatches, stem } from "~/domain/agents/leadAttribute";
import { basket, context, daysAgo, hoursAgo, intent, NOW, shopper } from "./fixtures";

const candleLine = { productId: "p-candle", variantId: "v-p-candle", title: "Cedar & Sage Soy Candle", quantity: 1, priceMinor: 3800 };
const cleanserLine = { productId: "p-cleanser", variantId: "v-p-cleanser", title: "Daily Gel Cleanser", quantity: 2, priceMinor: 2400 };

function run(baskets: BasketSnapshot[], changes: Partial<ShopperSnapshot> = {}, maxDiscount = 0.15) {
  return cartIntentAgent(shopper({ baskets, ...changes }), context({ settings: { maxDiscount } }));
}

describe("cart intent: routing by intent score", () => {
  it.each([
    { name: "high intent (0.72): a direct 'complete your order' within the day, no discount", score: 0.72, type: "cart-complete-order", earliest: NOW, latest: hoursAgo(2 - 24), discount: null },
    { name: "exactly at the threshold counts as high intent", score: 0.6, type: "cart-complete-order", earliest: NOW, latest: hoursAgo(2 - 24), discount: null },
    { name: "a browser (0.3): a softer reminder from a day after abandonment, with the standard discount", score: 0.3, type: "cart-soft-reminder", earliest: hoursAgo(2 - 24), latest: hoursAgo(2 - 72), discount: 0.1 },
    { name: "no intent score: treated as a browser", score: null, type: "cart-soft-reminder", earliest: hoursAgo(2 - 24), latest: hoursAgo(2 - 72), discount: 0.1 },
  ])("$name", ({ score, type, earliest, latest, discount }) => {
    const [proposal, ...rest] = run([basket()], { intent: score === null ? null : intent(score) });
    expect(rest).toEqual([]);
    expect(proposal?.action).toMatchObject({ messageType: type, earliestSendAt: earliest, latestSendAt: latest });
    expect(proposal?.brief.discount).toBe(discount);
  });
});

describe("cart intent: the attribute the message leads with", () => {
  it.each([
    { name: "the 'durability' campaign leads with the brush's 'durable'", basket: basket({ utmCampaign: "durability" }), lead: "durable", source: "campaign" },
    { name: "the 'sustainability' campaign leads with the candle's 'sustainable', not its cart's first attribute", basket: basket({ utmCampaign: "sustainability", lines: [cleanserLine, candleLine], totalMinor: 8600 }), lead: "sustainable", source: "campaign" },
    { name: "the ad content wins over the campaign", basket: basket({ utmCampaign: "gift-guide", utmContent: "vegan-formula" }), lead: "vegan", source: "ad-content" },
    { name: "UTM read from the landing URL when the fields are empty", basket: basket({ landingSite: "/products/brush?utm_source=meta&utm_campaign=spring&utm_content=durability" }), lead: "durable", source: "ad-content" },
    { name: "a campaign no product carries falls back to the strongest attribute of the most valuable item", basket: basket({ utmCampaign: "better-sleep", lines: [candleLine, cleanserLine], totalMinor: 8600 }), lead: "vegan", source: "product" },
    { name: "no UTM at all: the strongest attribute of the most valuable item", basket: basket({ lines: [candleLine] , totalMinor: 3800 }), lead: "sustainable", source: "product" },
    { name: "a line the catalog does not know: nothing to lead with", basket: basket({ lines: [{ productId: null, variantId: null, title: "Gift card", quantity: 1, priceMinor: 5000 }], totalMinor: 5000 }), lead: null, source: null },
  ])("$name", ({ basket: cart, lead, source }) => {
    const [proposal] = run([cart], { intent: intent(0.7) });
    expect(proposal?.brief.leadAttribute).toBe(lead);
    expect(proposal?.trace.inputs.leadSource).toBe(source);
  });

  it.each([
    ["durable", "durability", true],
    ["sustainable", "sustainability", true],
    ["clean-ingredients", "clean-ingredients", true],
    ["refillable", "refill-campaign", true],
    ["durable", "duration", false],
    ["clean-ingredients", "clean", false],
  ] as const)("attribute %s matches %s: %s", (attribute, text, matches) => {
    expect(attributeMatches(attribute, text)).toBe(matches);
  });

  it("stems keep short words whole", () => expect(stem("ss")).toBe("ss"));
});

describe("cart intent: one journey, one follow-up", () => {
  it("the same cart updated three times gives one proposal for its latest version, subject = the token", () => {
    const versions = [
      basket({ lastActivityAt: hoursAgo(5), abandonedAt: null, totalMinor: 2400, lines: [{ ...cleanserLine, quantity: 1 }] }),
      basket({ lastActivityAt: hoursAgo(4), abandonedAt: null, totalMinor: 4800, lines: [cleanserLine] }),
      basket({ lastActivityAt: hoursAgo(3), abandonedAt: hoursAgo(2), totalMinor: 8600, lines: [cleanserLine, candleLine] }),
    ];
    const proposals = run(versions, { intent: intent(0.7) });
    expect(proposals).toHaveLength(1);
    expect(proposals[0]?.subject).toBe("cart-1");
    expect(proposals[0]?.brief.numbers).toMatchObject({ cartTotalMinor: 8600, itemCount: 3 });
    expect(proposals[0]?.trace.reasoning.join(" ")).toContain("updated 3 times");
    expect(run([...versions].reverse(), { intent: intent(0.7) })).toEqual(proposals);
  });

  it("a checkout started from the cart is the same journey: one proposal, from the checkout", () => {
    const cart = basket({ lastActivityAt: hoursAgo(4), abandonedAt: hoursAgo(3), cartToken: "cart-1" });
    const checkout = basket({ kind: "checkout", token: "chk-9", cartToken: "cart-1", lastActivityAt: hoursAgo(3), abandonedAt: hoursAgo(2) });
    const proposals = run([cart, checkout], { intent: intent(0.7) });
    expect(proposals.map((p) => [p.subject, p.trace.inputs.kind])).toEqual([["cart-1", "checkout"]]);
  });

  it("two different carts give two proposals, in token order", () => {
    const proposals = run([basket({ token: "cart-b" }), basket({ token: "cart-a" })], { intent: intent(0.7) });
    expect(proposals.map((p) => p.subject)).toEqual(["cart-a", "cart-b"]);
  });

  it.each([
    { name: "not abandoned (the shopper came back)", cart: basket({ abandonedAt: null }), changes: {} },
    { name: "completed", cart: basket({ completedAt: hoursAgo(1) }), changes: {} },
    { name: "an order placed after the cart's last activity", cart: basket(), changes: { orders: { count: 1, lastAt: hoursAgo(1), ownedProductIds: new Set<string>() } } },
    { name: "inside the shop's abandonment delay", cart: basket({ lastActivityAt: hoursAgo(0.5) }), changes: {} },
    { name: "abandoned five days ago, past every follow-up window", cart: basket({ lastActivityAt: daysAgo(5), abandonedAt: daysAgo(5) }), changes: {} },
  ])("nothing when $name", ({ cart, changes }) => {
    expect(run([cart], { intent: intent(0.7), ...changes })).toEqual([]);
  });

  it("a cart from a shopper without consent still yields a proposal (the planner drops it)", () => {
    expect(run([basket()], { emailMarketingState: "NOT_SUBSCRIBED", intent: intent(0.7) })).toHaveLength(1);
  });

  it("explains the routing with the intent signals, and values the cart", () => {
    const [proposal] = run([basket({ utmCampaign: "durability" })], { intent: intent(0.72) });
    expect(proposal?.id).toBe(`cart-intent:c-1:cart-1:${hoursAgo(2).toISOString().slice(0, 10)}`);
    expect(proposal?.trace.reasoning.join(" ")).toContain("Intent score 0.72 is at or above 0.6, driven by add-to-carts (2), product views (5)");
    // (4% + 20% x 0.72) x $48.00
    expect(proposal?.expectedValue).toMatchObject({ probabilityUplift: 0.184, orderValueMinor: 4800, incrementalRevenueMinor: 883 });
  });
});
