import { describe, expect, it } from "vitest";
import { postPurchaseAgent, postPurchaseSteps } from "~/domain/agents/postPurchaseAgent";
import { catalog, category, CLEANSERS, context, daysAgo, EXFOLIANTS, NOW, shopper, TOOLS } from "./fixtures";

const PRODUCT_OF: Record<string, string> = { [CLEANSERS]: "p-cleanser", [EXFOLIANTS]: "p-exfoliant", [TOOLS]: "p-brush" };

function run(path: string, purchaseDaysAgo: number[], options: { quantity?: number; outOfStock?: string[] } = {}) {
  const history = category(path, purchaseDaysAgo, { lastProductId: PRODUCT_OF[path] ?? null, lastQuantity: options.quantity ?? 1 });
  return postPurchaseAgent(shopper({ categories: [history] }), context({ catalog: catalog({ outOfStock: options.outOfStock }) }));
}

describe("post-purchase: follow-ups timed by the category's depletion timeline", () => {
  // Cleanser: one unit lasts 30 days -> tip from day 6 to 20, restock from day 25 to 44.
  // Exfoliant: 90 days -> tip from day 14 to 28, restock from day 83.
  it.each([
    { name: "a daily cleanser, 3 days after the first purchase: too early for anything", path: CLEANSERS, ago: 3, step: null },
    { name: "a daily cleanser, a week in: the usage tip", path: CLEANSERS, ago: 7, step: "post-purchase-usage-tip" },
    { name: "a daily cleanser, 22 days in: between the tip and the restock, nothing", path: CLEANSERS, ago: 22, step: null },
    { name: "a daily cleanser, 26 days in: the restock reminder, shortly before it runs out", path: CLEANSERS, ago: 26, step: "post-purchase-restock" },
    { name: "a weekly exfoliant, 26 days in: still the usage tip (it lasts 90 days)", path: EXFOLIANTS, ago: 26, step: "post-purchase-usage-tip" },
    { name: "a weekly exfoliant, 85 days in: the restock reminder", path: EXFOLIANTS, ago: 85, step: "post-purchase-restock" },
    { name: "a daily cleanser, 50 days in: the journey has ended (replenishment takes over)", path: CLEANSERS, ago: 50, step: null },
    { name: "a durable tool, 8 days in: a single usage tip", path: TOOLS, ago: 8, step: "post-purchase-usage-tip" },
    { name: "a durable tool, 30 days in: nothing (no restock for a durable)", path: TOOLS, ago: 30, step: null },
  ])("$name", ({ path, ago, step }) => {
    const proposals = run(path, [ago]);
    expect(proposals.map((p) => p.action.messageType)).toEqual(step ? [step] : []);
  });

  it("two units last twice as long: 26 days after buying two cleansers is still tip time, not restock", () => {
    expect(run(CLEANSERS, [26], { quantity: 2 })).toEqual([]);
    expect(run(CLEANSERS, [15], { quantity: 2 }).map((p) => p.action.messageType)).toEqual(["post-purchase-usage-tip"]);
    expect(run(CLEANSERS, [55], { quantity: 2 }).map((p) => p.action.messageType)).toEqual(["post-purchase-restock"]);
  });

  it.each([
    { name: "a repeat purchase recorded (two purchases)", purchases: [40, 26] },
    { name: "a repeat purchase yesterday, during the restock window", purchases: [27, 1] },
  ])("exits the moment $name", ({ purchases }) => {
    expect(run(CLEANSERS, purchases)).toEqual([]);
  });

  it("the restock reminder names the product bought, with the run-out date and the numbers behind it", () => {
    const [proposal] = run(CLEANSERS, [26]);
    expect(proposal?.subject).toBe(`${CLEANSERS}:restock`);
    expect(proposal?.brief.products).toEqual([{ productId: "p-cleanser", title: "Daily Gel Cleanser", priceMinor: 2400 }]);
    expect(proposal?.brief.numbers).toEqual({ quantity: 1, daysSincePurchase: 26, depletionDaysPerUnit: 30, supplyDays: 30 });
    expect(proposal?.brief.deadlines).toEqual({ purchasedAt: daysAgo(26), expectedRunOutAt: daysAgo(-4) });
    expect(proposal?.action.earliestSendAt).toEqual(NOW);
    expect(proposal?.trace.reasoning.join(" ")).toContain("should run out around 14 June 2026");
  });

  it("a restock reminder for a sold-out product names the category's best seller in stock; a tip still names what they bought", () => {
    expect(run(CLEANSERS, [26], { outOfStock: ["p-cleanser"] })[0]?.brief.products.map((p) => p.productId)).toEqual(["p-cleanser-2"]);
    expect(run(CLEANSERS, [7], { outOfStock: ["p-cleanser"] })[0]?.brief.products.map((p) => p.productId)).toEqual(["p-cleanser"]);
    expect(run(CLEANSERS, [26], { outOfStock: ["p-cleanser", "p-cleanser-2"] })).toEqual([]);
  });

  it("the tip and the restock are different subjects with ids anchored on the first purchase", () => {
    const tip = run(CLEANSERS, [7])[0];
    const restock = run(CLEANSERS, [26])[0];
    expect(tip?.id).toBe(`post-purchase:c-1:${CLEANSERS}:usage-tip:${daysAgo(7).toISOString().slice(0, 10)}`);
    expect(restock?.subject).not.toBe(tip?.subject);
  });

  it("a very short timeline skips the tip and keeps the restock reminder", () => {
    const steps = postPurchaseSteps(daysAgo(0), 3, 1);
    expect(steps.map((s) => s.kind)).toEqual(["restock"]);
  });
});
