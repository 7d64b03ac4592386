import { describe, expect, it } from "vitest";
import { AGENT_NAMES } from "~/domain/agents/contract";
import { MessageDraft } from "~/domain/content/messageDraft";
import { chooseVariant, listTemplates, TemplateError, writeFromTemplate } from "~/domain/content/templates";
import { caseFor, CASES, CATALOG, input } from "./fixtures";

const TEMPLATES = listTemplates();
const LOCALES = [
  { locale: "en-US", language: "en" },
  { locale: "de-DE", language: "de" },
  { locale: "fr-FR", language: "en" },
  { locale: null, language: "en" },
] as const;
const VOICES = [
  { formality: "casual", tone: "warm" },
  { formality: "formal", tone: "direct" },
  { formality: "casual", tone: "playful" },
] as const;

const MATRIX = TEMPLATES.flatMap(({ agent, messageType, variants }) =>
  variants.flatMap((variant) => LOCALES.flatMap(({ locale, language }) => VOICES.map((voice) => ({ agent, messageType, variant, locale, language, voice })))),
);

describe("every template, locale, variant and voice yields a valid MessageDraft", () => {
  it("has templates for every agent, each with at least two variants, and a fixture for each", () => {
    expect(new Set(TEMPLATES.map((t) => t.agent))).toEqual(new Set(AGENT_NAMES));
    expect(TEMPLATES.map((t) => t.messageType).sort()).toEqual(Object.keys(CASES).sort());
    for (const t of TEMPLATES) expect(t.variants.length).toBeGreaterThanOrEqual(2);
    expect(MATRIX.length).toBe(9 * 2 * 4 * 3);
  });

  it.each(MATRIX)("$agent $messageType $variant $locale $voice.formality/$voice.tone", ({ agent, messageType, variant, locale, language, voice }) => {
    const result = writeFromTemplate(input(messageType, { variant, shopper: { locale }, voice }));
    expect(MessageDraft.parse(result.draft)).toEqual(result.draft);
    expect(result).toMatchObject({ variant, language, templateId: `${agent}/${messageType}/${variant}@v1` });
    expect(result.draft.productIds).toEqual(expectedProductIds(messageType));
  });
});

function expectedProductIds(messageType: string): string[] {
  return caseFor(messageType).brief.products.map((p) => p.productId);
}

describe("variants", () => {
  it("the same input always gives the same draft", () => {
    const once = writeFromTemplate(input("cart-soft-reminder", { decisionId: "cart-intent:c-1:cart-9:2026-06-10" }));
    const twice = writeFromTemplate(input("cart-soft-reminder", { decisionId: "cart-intent:c-1:cart-9:2026-06-10" }));
    expect(twice).toEqual(once);
  });

  it.each(["replenishment:c-1:Skin care:2026-05-01", "loyalty:c-7:tier:Gold:2026-06-08", "cart-intent:c-2:tok:2026-06-10", "x", ""])(
    "without a requested variant, decision %j gets its hashed variant, recorded in the result",
    (decisionId) => {
      const result = writeFromTemplate({ ...input("replenishment-reminder", { decisionId }), variant: undefined });
      expect(result.variant).toBe(chooseVariant(decisionId, ["a", "b"]));
      expect(result.templateId).toBe(`replenishment/replenishment-reminder/${result.variant}@v1`);
    },
  );

  it("a requested variant the template lacks falls back to the hashed one (and says so)", () => {
    const decisionId = "post-purchase:c-1:Serums:usage-tip:2026-05-29";
    const result = writeFromTemplate(input("post-purchase-usage-tip", { variant: "z", decisionId }));
    expect(result.variant).toBe(chooseVariant(decisionId, ["a", "b"]));
  });

  it("with neither a variant nor a decision id, the first variant", () => {
    expect(writeFromTemplate({ ...input("bestseller-newsletter"), variant: undefined }).variant).toBe("a");
  });

  it.each([
    { messageType: "replenishment-reminder", a: "Time to restock Daily Gel Cleanser?", b: "Your 30-day restock: Daily Gel Cleanser" },
    { messageType: "post-purchase-usage-tip", a: "Getting the most out of Niacinamide Serum", b: "12 days with Niacinamide Serum: how’s it going?" },
    { messageType: "loyalty-tier-gap", a: "Daily Gel Cleanser would unlock your next reward", b: "270 points to your next reward" },
    { messageType: "cart-complete-order", a: "Cedar & Sage Soy Candle is still in your cart", b: "Complete your order: $86.00" },
    { messageType: "bestseller-newsletter", a: "Niacinamide Serum and more best sellers for you", b: "2 best sellers picked for you" },
  ])("$messageType: a leads with the product, b with the number", ({ messageType, a, b }) => {
    expect(writeFromTemplate(input(messageType, { variant: "a" })).draft.subject).toBe(a);
    expect(writeFromTemplate(input(messageType, { variant: "b" })).draft.subject).toBe(b);
  });

  it("variant b falls back to the product subject when the brief lacks its number", () => {
    const draft = writeFromTemplate(input("replenishment-reminder", { variant: "b", brief: { numbers: {} } })).draft;
    expect(draft.subject).toBe("Time to restock Daily Gel Cleanser?");
  });
});

describe("what the brief cannot carry", () => {
  it.each([
    { name: "an unknown message type", run: () => writeFromTemplate({ ...input("replenishment-reminder"), messageType: "replenishment-haiku" }) },
    { name: "a message type of another agent", run: () => writeFromTemplate({ ...input("replenishment-reminder"), agent: "loyalty" }) },
    { name: "a product reminder with no product", run: () => writeFromTemplate(input("replenishment-reminder", { brief: { products: [] } })) },
    { name: "a newsletter with no products", run: () => writeFromTemplate(input("bestseller-newsletter", { brief: { products: [] } })) },
    { name: "a points-expiry reminder with no points, date or reward", run: () => writeFromTemplate(input("loyalty-points-expiry", { brief: { numbers: {}, deadlines: {} } })) },
  ])("throws a TemplateError for $name", ({ run }) => {
    expect(run).toThrow(TemplateError);
  });

  it("leaves out a sentence whose fact is missing rather than filling it in", () => {
    const text = writeFromTemplate(input("post-purchase-restock", { brief: { numbers: {}, deadlines: {} } })).draft.paragraphs.join(" ");
    expect(text).not.toMatch(/run out|lasts/);
    expect(text).toContain("Reorder Niacinamide Serum for $32.00.");
  });

  it("claims a product closes the gap only when its points reach the points needed", () => {
    const short = writeFromTemplate(input("loyalty-tier-gap", { brief: { numbers: { ...caseFor("loyalty-tier-gap").brief.numbers, "pointsEarned:p-cleanser": 100 } } })).draft;
    expect(short.subject).toBe("You’re close to your next reward");
    expect(short.paragraphs).toContain("These earn points toward it:");
    expect(short.paragraphs.join(" ")).not.toContain("enough");
  });
});

describe("long baskets and lists", () => {
  it("a cart of five lines lists three, counts the rest, and stays within eight paragraphs", () => {
    const products = ["a", "b", "c", "d", "e"].map((id, i) => ({ productId: `p-${id}`, title: `Item ${id.toUpperCase()}`, priceMinor: 1000 + i }));
    const draft = writeFromTemplate(input("cart-soft-reminder", { brief: { products }, voice: { tone: "warm" } })).draft;
    expect(draft.productIds).toEqual(["p-a", "p-b", "p-c"]);
    expect(draft.paragraphs).toContain("Plus 2 more products.");
    expect(draft.paragraphs).not.toContain("Item D — $10.03");
    expect(draft.paragraphs).toHaveLength(8);
  });

  it("a newsletter lists at most six products", () => {
    const products = Array.from({ length: 12 }, (_, i) => ({ productId: `p-${i}`, title: `Pick ${i}`, priceMinor: 500 }));
    const draft = writeFromTemplate(input("bestseller-newsletter", { brief: { products, numbers: {} }, variant: "b" })).draft;
    expect(draft.productIds).toHaveLength(6);
    expect(draft.subject).toBe("6 best sellers picked for you");
    expect(draft.paragraphs).toContain("Pick 5 — $5.00");
    expect(draft.paragraphs.join(" ")).not.toContain("Pick 6");
  });
});

describe("the call to action", () => {
  it.each([
    { name: "a cart goes to /cart", messageType: "cart-complete-order", changes: {}, url: "https://demo-store.myshopify.com/cart" },
    { name: "one product goes to its page", messageType: "replenishment-reminder", changes: {}, url: "https://demo-store.myshopify.com/products/daily-gel-cleanser" },
    { name: "several products go to the catalogue", messageType: "bestseller-newsletter", changes: {}, url: "https://demo-store.myshopify.com/collections/all" },
    { name: "no product goes to the catalogue", messageType: "loyalty-points-expiry", changes: {}, url: "https://demo-store.myshopify.com/collections/all" },
    { name: "a product the catalog does not know goes to the catalogue", messageType: "post-purchase-restock", changes: { products: new Map() }, url: "https://demo-store.myshopify.com/collections/all" },
    { name: "a custom domain is used as given", messageType: "post-purchase-restock", changes: { shop: { primaryDomain: "https://Shop.Example.co.uk/" } }, url: "https://shop.example.co.uk/products/niacinamide-serum" },
    { name: "a one-product newsletter goes to the product", messageType: "bestseller-newsletter", changes: { brief: { products: [{ productId: "p-candle", title: "Cedar & Sage Soy Candle", priceMinor: 3800 }] } }, url: "https://demo-store.myshopify.com/products/cedar-sage-candle" },
  ])("$name", ({ messageType, changes, url }) => {
    expect(writeFromTemplate(input(messageType, changes)).draft.callToAction.url).toBe(url);
  });

  it("a product's handle comes from the catalog, not from its title", () => {
    const products = new Map([...CATALOG, ["p-serum", { title: "Other", handle: "serum-b5", priceMinor: 1, imageUrl: null }]]);
    const draft = writeFromTemplate(input("post-purchase-restock", { products })).draft;
    expect(draft.callToAction.url).toBe("https://demo-store.myshopify.com/products/serum-b5");
    expect(draft.paragraphs.join(" ")).toContain("Niacinamide Serum for $32.00");
  });

  it.each(["", "not a domain", "evil.com/path", "user@evil.com", "shop.com?x=1"])("rejects the storefront domain %j", (primaryDomain) => {
    expect(() => writeFromTemplate(input("cart-complete-order", { shop: { primaryDomain } }))).toThrow(/storefront domain/);
  });
});
