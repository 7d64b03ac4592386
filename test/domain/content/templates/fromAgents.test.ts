import { describe, expect, it } from "vitest";
import { bestsellerNewsletterAgent } from "~/domain/agents/bestsellerNewsletterAgent";
import { cartIntentAgent } from "~/domain/agents/cartIntentAgent";
import type { Proposal, ShopperSnapshot } from "~/domain/agents/contract";
import { loyaltyAgent } from "~/domain/agents/loyaltyAgent";
import { postPurchaseAgent } from "~/domain/agents/postPurchaseAgent";
import { replenishmentAgent } from "~/domain/agents/replenishmentAgent";
import { MessageDraft } from "~/domain/content/messageDraft";
import { DEFAULT_BRAND_VOICE, listTemplates, writeFromTemplate } from "~/domain/content/templates";
import { basket, bestsellers, catalog, category, CLEANSERS, context, daysAgo, intent, shopper, TOOLS } from "../../agents/fixtures";

/** The contract end to end: what the real agents propose, the templates can write. */
const member = (loyalty: ShopperSnapshot["loyalty"]) =>
  shopper({
    loyalty,
    categories: [category(CLEANSERS, [100, 70, 40], { lastProductId: "p-cleanser" }), category(TOOLS, [90], { lastProductId: "p-brush" })],
    orders: { count: 4, lastAt: daysAgo(40), ownedProductIds: new Set(["p-cleanser", "p-brush"]), averageOrderMinor: 3000 },
  });
const BRONZE = { name: "Bronze reward", points: 250, rewardMinor: 500 };

const SCENARIOS: Array<{ name: string; proposals: () => Proposal[] }> = [
  { name: "replenishment reminder", proposals: () => replenishmentAgent(shopper({ categories: [category(CLEANSERS, [160, 130, 100, 70, 40], { lastProductId: "p-cleanser" })] }), context()) },
  { name: "replenishment win-back", proposals: () => replenishmentAgent(shopper({ categories: [category(CLEANSERS, [190, 160, 130, 100, 70], { lastProductId: "p-cleanser" })] }), context()) },
  { name: "post-purchase usage tip", proposals: () => postPurchaseAgent(shopper({ categories: [category(CLEANSERS, [7], { lastProductId: "p-cleanser" })] }), context()) },
  { name: "post-purchase restock", proposals: () => postPurchaseAgent(shopper({ categories: [category(CLEANSERS, [26], { lastProductId: "p-cleanser" })] }), context()) },
  { name: "loyalty tier gap", proposals: () => loyaltyAgent(member({ balance: 220, nextTier: BRONZE, nextExpiry: { points: 40, at: daysAgo(-10) } }), context()) },
  { name: "loyalty points expiry", proposals: () => loyaltyAgent(member({ balance: 100, nextTier: BRONZE, nextExpiry: { points: 100, at: daysAgo(-3) } }), context()) },
  { name: "cart, high intent", proposals: () => cartIntentAgent(shopper({ baskets: [basket({ utmCampaign: "durability" })], intent: intent(0.72) }), context()) },
  { name: "cart, browser", proposals: () => cartIntentAgent(shopper({ baskets: [basket()], intent: intent(0.3) }), context()) },
  { name: "bestseller newsletter", proposals: () => bestsellerNewsletterAgent(shopper({ bestsellers: bestsellers(["p-serum", "p-candle", "p-guasha"]) }), context({ settings: { newsletterDue: true } })) },
];

const SHOP = { name: "Glow & Co", currencyCode: "USD", primaryDomain: "glow.example.com", locale: "en" };

describe("writing what the agents propose", () => {
  it("the scenarios produce every message type the templates cover", () => {
    const types = SCENARIOS.flatMap((s) => s.proposals().map((p) => p.action.messageType));
    expect(new Set(types)).toEqual(new Set(listTemplates().map((t) => t.messageType)));
  });

  it.each(SCENARIOS)("$name", ({ proposals }) => {
    const [proposal] = proposals();
    if (!proposal) throw new Error("the scenario proposes nothing");
    for (const locale of ["en-GB", "de-DE"]) {
      for (const variant of ["a", "b"]) {
        const { draft, templateId } = writeFromTemplate({
          agent: proposal.agent,
          messageType: proposal.action.messageType,
          brief: proposal.brief,
          shopper: { firstName: "Ada", locale, timeZone: "Europe/London" },
          shop: SHOP,
          products: catalog().products,
          voice: DEFAULT_BRAND_VOICE,
          variant,
        });
        expect(MessageDraft.parse(draft)).toEqual(draft);
        expect(templateId).toBe(`${proposal.agent}/${proposal.action.messageType}/${variant}@v1`);
        expect(draft.productIds).toEqual(proposal.brief.products.map((p) => p.productId));
        const body = draft.paragraphs.join("\n");
        for (const product of proposal.brief.products) expect(body).toContain(product.title);
        expect(body.includes("%")).toBe(proposal.brief.discount !== null);
        expect(draft.callToAction.url.startsWith("https://glow.example.com/")).toBe(true);
      }
    }
  });
});
