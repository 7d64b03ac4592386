import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { customerCadences, shopCadences } from "~/services/models/cadence.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { installShop } from "./support/inboxScenario";

const DAY = 86_400_000;
const START = Date.parse("2026-01-05T10:00:00Z");
const NOW = new Date(START + 200 * DAY);

type Buy = { customerId: string | null; day: number; lines: [category: string | null, quantity: number][]; cancelled?: boolean };

describe.each(DATABASE_KINDS)("purchase cadence per customer and category on %s", (kind) => {
  let t: TestDatabase;
  let shop: string;
  let counter = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());
  beforeEach(async () => {
    shop = `cadence-${++counter}.myshopify.com`;
    await installShop(t.db, shop);
  });

  async function buy(...buys: Buy[]) {
    let line = 0;
    for (const [i, purchase] of buys.entries()) {
      const at = new Date(START + purchase.day * DAY);
      const id = `${counter}-${i}`;
      await t.db.order.create({
        data: { shopId: shop, id, name: `#${id}`, customerId: purchase.customerId, processedAt: at, shopifyCreatedAt: at, sourceUpdatedAt: at, cancelledAt: purchase.cancelled ? at : null, currencyCode: "USD", totalMinor: 1000, subtotalMinor: 1000, discountMinor: 0 },
      });
      await t.db.orderLineItem.createMany({
        data: purchase.lines.map(([categoryPath, quantity]) => ({ shopId: shop, id: `${id}-${line++}`, orderId: id, title: "x", quantity, priceMinor: 500, discountMinor: 0, categoryPath })),
      });
    }
  }
  const every = (customerId: string, category: string, days: number, times: number, from = 0): Buy[] =>
    Array.from({ length: times }, (_, i) => ({ customerId, day: from + i * days, lines: [[category, 1]] }));

  it("times each customer in each category from their own orders, leaving out cancelled ones and orders after now", async () => {
    await buy(
      ...every("ana", "Coffee", 14, 10),
      ...every("ana", "Filters", 60, 3),
      { customerId: "ana", day: 131, lines: [["Coffee", 1]], cancelled: true },
      { customerId: "ana", day: 260, lines: [["Coffee", 1]] },
      { customerId: null, day: 5, lines: [["Coffee", 1]] },
    );
    const results = await customerCadences(t.db, shop, "ana", NOW);
    expect(results.map((r) => [r.categoryPath, r.cadence.kind])).toEqual([
      ["Coffee", "estimate"],
      ["Filters", "estimate"],
    ]);
    const coffee = results[0]?.cadence;
    if (coffee?.kind !== "estimate") throw new Error("expected an estimate");
    expect(coffee).toMatchObject({ dueInDays: 14, inputs: { intervals: 9, prior: null } });
    expect(coffee.lastPurchaseAt).toEqual(new Date(START + 126 * DAY));
    expect(coffee.deviation).toMatchObject({ daysSinceLastPurchase: 74, deviating: true });
  });

  it("leans on the merchant's timeline, else the suggestion, else the category's pooled repeat buyers", async () => {
    await t.db.category.createMany({
      data: [
        { shopId: shop, path: "Coffee", name: "Coffee", depletionDays: 21, suggestedDepletionDays: 10 },
        { shopId: shop, path: "Filters", name: "Filters", suggestedDepletionDays: 45 },
      ],
    });
    await buy(
      ...every("ana", "Coffee", 14, 3),
      ...every("ana", "Filters", 60, 2),
      ...every("ana", "Tea", 20, 2),
      ...["b", "c", "d", "e", "f"].flatMap((id, i) => every(id, "Tea", 30 + i, 3)),
    );
    const priors = Object.fromEntries((await customerCadences(t.db, shop, "ana", NOW)).map((r) => [r.categoryPath, r.cadence.inputs.prior]));
    expect(priors).toMatchObject({ Coffee: { source: "merchant", days: 21 }, Filters: { source: "suggested", days: 45 }, Tea: { source: "pooled", days: 31.5 } }); // median of 20, 30, 31, 32, 33, 34
  });

  it("scores the whole shop, one row per customer and category, abstaining where it cannot time", async () => {
    await buy(...every("ana", "Coffee", 14, 6), ...every("bo", "Coffee", 30, 2), { customerId: "cy", day: 3, lines: [["Coffee", 1], ["Tea", 2], [null, 1]] });
    const rows = await shopCadences(t.db, shop, NOW);
    expect(rows.map((r) => [r.customerId, r.categoryPath, r.cadence.kind === "abstain" ? r.cadence.reason : r.cadence.kind])).toEqual([
      ["ana", "Coffee", "estimate"],
      ["bo", "Coffee", "estimate"],
      ["cy", "Coffee", "too-little-data"],
      ["cy", "Tea", "too-little-data"],
    ]);
    expect(await customerCadences(t.db, `other-${shop}`, "ana", NOW)).toEqual([]);
  });
});
