import { describe, expect, it } from "vitest";
import { parseUtm } from "~/domain/events/utm";
import { CAMPAIGNS } from "~/demo/generator/campaigns";
import { DAY, median, NOW, pearson, sampleStore, share } from "./support/demoStore";

const { store, histories } = sampleStore(2000);
const { catalog } = store;
const buyers = histories.filter((h) => h.orders.length > 0);
const pathOf = (productId: number) => catalog.categoryPathOf(productId) ?? "";

/** Days between successive orders that contain `path`, for one customer. */
function intervals(orders: readonly { created_at: string; line_items: readonly { product_id: number }[] }[], path: string): number[] {
  const times = orders.filter((o) => o.line_items.some((l) => pathOf(l.product_id) === path)).map((o) => Date.parse(o.created_at));
  return times.slice(1).map((t, i) => (t - (times[i] as number)) / DAY);
}

describe("purchase behaviour", () => {
  it("spans about 18 months of orders, none after now", () => {
    const times = buyers.flatMap((h) => h.orders.map((o) => Date.parse(o.created_at)));
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    const oldestDays = (NOW.getTime() - Math.min(...times)) / DAY;
    expect(oldestDays).toBeGreaterThan(16 * 30);
    expect(oldestDays).toBeLessThanOrEqual(18 * 30.44 + 1);
    expect(buyers.every((h) => Date.parse(h.orders[0]?.created_at ?? "") >= Date.parse(h.customer.created_at))).toBe(true);
  });

  it("has a realistic share of one-time buyers and a long tail of loyal ones", () => {
    const oneTime = share(buyers, (h) => h.orders.length === 1);
    expect(oneTime).toBeGreaterThan(0.38);
    expect(oneTime).toBeLessThan(0.55);
    expect(share(buyers, (h) => h.orders.length >= 6)).toBeGreaterThan(0.1);
  });

  it("gives customers of one category different true cadences", () => {
    const means = histories.flatMap((h) => h.truth.categories.filter((c) => c.path === "Skin care > Cleansers" && c.meanIntervalDays !== null).map((c) => c.meanIntervalDays as number));
    expect(means.length).toBeGreaterThan(100);
    const sorted = [...means].sort((a, b) => a - b);
    const p10 = sorted[Math.floor(sorted.length * 0.1)] as number;
    const p90 = sorted[Math.floor(sorted.length * 0.9)] as number;
    expect(p90 / p10).toBeGreaterThan(1.6);
    expect(median(means)).toBeGreaterThan(25);
    expect(median(means)).toBeLessThan(36);
  });

  it("lets observed median intervals track each regular customer's true cadence", () => {
    const truth: number[] = [];
    const observed: number[] = [];
    for (const h of histories) {
      for (const habit of h.truth.categories) {
        if (habit.regularity !== "regular" || habit.meanIntervalDays === null || habit.path === "Skin care > Sunscreen") continue;
        const gaps = intervals(h.orders, habit.path);
        if (gaps.length < 3) continue;
        truth.push(Math.log(habit.meanIntervalDays));
        observed.push(Math.log(median(gaps)));
      }
    }
    expect(truth.length).toBeGreaterThan(150);
    expect(pearson(truth, observed)).toBeGreaterThan(0.7);
  });

  it("has a minority of irregular buyers whose intervals scatter far more", () => {
    const habits = histories.flatMap((h) => h.truth.categories.filter((c) => c.regularity !== "durable"));
    const irregular = share(habits, (c) => c.regularity === "irregular");
    expect(irregular).toBeGreaterThan(0.08);
    expect(irregular).toBeLessThan(0.25);
    const spread = (regularity: string) =>
      histories.flatMap((h) =>
        h.truth.categories
          .filter((c) => c.regularity === regularity && c.path !== "Skin care > Sunscreen")
          .map((c) => intervals(h.orders, c.path))
          .filter((gaps) => gaps.length >= 3)
          .map((gaps) => {
            const m = gaps.reduce((a, b) => a + b, 0) / gaps.length;
            return Math.sqrt(gaps.reduce((a, g) => a + (g - m) ** 2, 0) / gaps.length) / m;
          }),
      );
    expect(median(spread("irregular"))).toBeGreaterThan(2 * median(spread("regular")));
  });

  it("has lapsed customers who stopped 2-6 months ago and never bought again", () => {
    const lapsed = histories.filter((h) => h.truth.status === "lapsed");
    expect(lapsed.length / histories.length).toBeGreaterThan(0.04);
    for (const h of lapsed) {
      const lapsedAt = h.truth.lapsedAt?.getTime() ?? NaN;
      expect((NOW.getTime() - lapsedAt) / DAY).toBeGreaterThanOrEqual(60);
      expect((NOW.getTime() - lapsedAt) / DAY).toBeLessThanOrEqual(180);
      expect(h.orders.length).toBeGreaterThan(0);
      expect(h.orders.every((o) => Date.parse(o.created_at) < lapsedAt)).toBe(true);
    }
  });

  it("never repeats a durable accessory for the same customer", () => {
    for (const h of buyers) {
      const accessories = h.orders.flatMap((o) => o.line_items.filter((l) => pathOf(l.product_id).startsWith("Accessories")).map((l) => l.product_id));
      expect(new Set(accessories).size).toBe(accessories.length);
    }
  });

  it("combines items due together into multi-category orders", () => {
    const orders = buyers.flatMap((h) => h.orders);
    expect(share(orders, (o) => new Set(o.line_items.map((l) => pathOf(l.product_id))).size > 1)).toBeGreaterThan(0.1);
    expect(share(orders, (o) => o.line_items.some((l) => l.quantity > 1))).toBeGreaterThan(0.03);
  });

  it("cancels about 2% of orders, as refunded or voided", () => {
    const orders = buyers.flatMap((h) => h.orders);
    const cancelled = orders.filter((o) => o.cancelled_at !== null);
    expect(cancelled.length / orders.length).toBeGreaterThan(0.005);
    expect(cancelled.length / orders.length).toBeLessThan(0.04);
    expect(cancelled.every((o) => ["refunded", "voided"].includes(o.financial_status) && o.cancel_reason !== null)).toBe(true);
  });

  it("records channels: mostly web, some POS and draft orders, UTM campaigns and organic visits", () => {
    const orders = buyers.flatMap((h) => h.orders);
    expect(share(orders, (o) => o.source_name === "web")).toBeGreaterThan(0.85);
    expect(orders.some((o) => o.source_name === "pos")).toBe(true);
    expect(orders.some((o) => o.source_name === "shopify_draft_order")).toBe(true);
    const web = orders.filter((o) => o.source_name === "web");
    const campaigns = new Set(web.map((o) => parseUtm(o.landing_site).campaign));
    for (const campaign of CAMPAIGNS) expect(campaigns).toContain(campaign.name);
    expect(share(web, (o) => parseUtm(o.landing_site).source === null)).toBeGreaterThan(0.2);
    expect(web.every((o) => o.cart_token && o.checkout_token)).toBe(true);
  });

  it.each(CAMPAIGNS.map((campaign) => ({ campaign: campaign.name, categories: campaign.categories })))(
    "first orders from the $campaign campaign buy mostly its categories",
    ({ campaign, categories }) => {
      const firstOrders = buyers.map((h) => h.orders[0]).filter((o) => o !== undefined);
      const lines = (orders: typeof firstOrders) => orders.flatMap((o) => o.line_items.map((l) => pathOf(l.product_id)));
      const fromCampaign = lines(firstOrders.filter((o) => parseUtm(o.landing_site).campaign === campaign));
      const inTheme = share(fromCampaign, (path) => categories.includes(path));
      const baseline = share(lines(firstOrders), (path) => categories.includes(path));
      expect(fromCampaign.length).toBeGreaterThan(10);
      expect(inTheme).toBeGreaterThan(0.5);
      expect(inTheme).toBeGreaterThan(1.8 * baseline);
    },
  );

  it("spreads basket value: big spenders pay more per order", () => {
    const aov = (h: (typeof buyers)[number]) => h.orders.reduce((s, o) => s + Number(o.total_line_items_price), 0) / h.orders.length;
    const bySpend = [...buyers].sort((a, b) => a.truth.spendLevel - b.truth.spendLevel);
    const fifth = Math.floor(bySpend.length / 5);
    const low = median(bySpend.slice(0, fifth).map(aov));
    const high = median(bySpend.slice(-fifth).map(aov));
    expect(high / low).toBeGreaterThan(1.2);
  });
});
