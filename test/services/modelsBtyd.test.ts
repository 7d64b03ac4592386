import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Random } from "~/demo/generator/random";
import { fitBgNbd } from "~/domain/models/btyd/bgnbd";
import { scoreCustomer } from "~/domain/models/btyd/clv";
import { summariseForBtyd } from "~/domain/models/eventLog";
import { BGNBD_KIND, GAMMA_GAMMA_KIND, ensureShopBtydModel, loadShopPurchases, scoreShopCustomers } from "~/services/models/btydModel.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { installShop } from "./support/inboxScenario";

const DAY = 86_400_000;
const START = Date.parse("2026-01-01T00:00:00Z");
const NOW = new Date("2026-10-01T12:00:00Z");
const SETTINGS = { horizonWeeks: 52, annualDiscountRate: 0.1 };

type OrderRow = { id: string; customerId: string | null; processedAt: Date; subtotalMinor: number; cancelledAt?: Date | null };

/** Orders of `customers` shoppers who buy as a BG/NBD process (first order in the first 60 days). */
function simulatedOrders(seed: string, customers: number, firstId = 0): OrderRow[] {
  const random = new Random(seed);
  const orders: OrderRow[] = [];
  for (let c = 0; c < customers; c++) {
    const rate = -Math.log(random.uniform()) / 30; // purchases per day, exponential across shoppers
    const dropout = 0.1 + 0.5 * random.uniform();
    const basket = 2000 + Math.floor(6000 * random.uniform());
    let day = Math.floor(60 * random.uniform());
    for (;;) {
      orders.push({ id: String(firstId + orders.length), customerId: `cust-${seed}-${c}`, processedAt: new Date(START + day * DAY + 3_600_000 * (9 + (orders.length % 10))), subtotalMinor: basket + Math.floor(1000 * random.uniform()) });
      day += Math.ceil(-Math.log(random.uniform()) / rate);
      if (START + day * DAY > NOW.getTime() || random.uniform() < dropout) break;
    }
  }
  return orders;
}

describe.each(DATABASE_KINDS)("BTYD models per shop on %s", (kind) => {
  let t: TestDatabase;
  let shop: string;
  let counter = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());
  beforeEach(async () => {
    shop = `btyd-${++counter}.myshopify.com`;
    await installShop(t.db, shop);
  });

  const insert = (rows: OrderRow[]) =>
    t.db.order.createMany({
      data: rows.map((row) => ({
        shopId: shop,
        id: row.id,
        name: `#${row.id}`,
        customerId: row.customerId,
        processedAt: row.processedAt,
        shopifyCreatedAt: row.processedAt,
        sourceUpdatedAt: row.processedAt,
        cancelledAt: row.cancelledAt ?? null,
        currencyCode: "USD",
        totalMinor: row.subtotalMinor + 500,
        subtotalMinor: row.subtotalMinor,
        discountMinor: 0,
      })),
    });

  it("fits from the shop's orders (not cancelled, with a customer, processed by now) and caches the fit", async () => {
    const orders = simulatedOrders("fit", 400);
    await insert([
      ...orders,
      { id: "x-cancelled", customerId: "cust-fit-0", processedAt: new Date(START + 5 * DAY), subtotalMinor: 999_999, cancelledAt: new Date(START + 6 * DAY) },
      { id: "x-guest", customerId: null, processedAt: new Date(START + 5 * DAY), subtotalMinor: 999_999 },
      { id: "x-future", customerId: "cust-fit-1", processedAt: new Date(NOW.getTime() + DAY), subtotalMinor: 999_999 },
    ]);
    const eligible = orders.filter((order) => order.processedAt <= NOW);

    const first = await ensureShopBtydModel(t.db, shop, NOW);
    if (!first.ok) throw new Error(first.error);
    expect(first.value.refitted).toBe("no-fit");
    expect(first.value.ordersSeen).toBe(eligible.length);
    const direct = fitBgNbd(summariseForBtyd(eligible.map((o) => ({ customerId: o.customerId!, date: o.processedAt, amount: o.subtotalMinor })), NOW).customers);
    expect(first.value.model.bgNbd).toEqual(direct.parameters);
    expect(first.value.model.gammaGamma?.q).toBeGreaterThan(1);

    const rows = await t.db.modelFit.findMany({ where: { shopId: shop }, orderBy: { kind: "asc" } });
    expect(rows.map((row) => [row.kind, row.ordersSeen, row.fittedAt.toISOString()])).toEqual([
      [BGNBD_KIND, eligible.length, NOW.toISOString()],
      [GAMMA_GAMMA_KIND, eligible.length, NOW.toISOString()],
    ]);
    expect(JSON.parse(rows[0]!.parameters)).toEqual(direct.parameters);
    expect(rows[0]!.logLikelihood).toBeCloseTo(direct.logLikelihood, 6);

    const later = new Date(NOW.getTime() + DAY);
    const second = await ensureShopBtydModel(t.db, shop, later);
    expect(second.ok && second.value).toMatchObject({ refitted: null, fittedAt: NOW, model: first.value.model });
  });

  it("refits when enough new orders arrive (10% or 500) and after a cached row stops parsing", async () => {
    const orders = simulatedOrders("growth", 200);
    await insert(orders);
    const first = await ensureShopBtydModel(t.db, shop, NOW);
    expect(first.ok && first.value.refitted).toBe("no-fit");
    const seen = orders.length;

    const few = simulatedOrders("growth-few", 40, 100_000).slice(0, Math.floor(seen * 0.05));
    await insert(few);
    const cached = await ensureShopBtydModel(t.db, shop, NOW);
    expect(cached.ok && cached.value.refitted).toBeNull();

    const more = simulatedOrders("growth-more", 80, 200_000).slice(0, Math.ceil(seen * 0.06));
    await insert(more);
    const refitted = await ensureShopBtydModel(t.db, shop, NOW);
    expect(refitted.ok && refitted.value).toMatchObject({ refitted: "orders-changed", ordersSeen: seen + few.length + more.length });

    await t.db.modelFit.update({ where: { shopId_kind: { shopId: shop, kind: BGNBD_KIND } }, data: { parameters: '{"r":-1}' } });
    const repaired = await ensureShopBtydModel(t.db, shop, NOW);
    expect(repaired.ok && repaired.value.refitted).toBe("no-fit");
  });

  it("scores every customer, or the ones asked for, with the cached model", async () => {
    await insert(simulatedOrders("score", 300));
    const result = await scoreShopCustomers(t.db, shop, NOW, SETTINGS);
    if (!result.ok) throw new Error(result.error);
    expect(result.scores).toHaveLength(300);
    for (const score of result.scores) {
      expect(score.probabilityAlive).toBeGreaterThan(0);
      expect(score.probabilityAlive).toBeLessThanOrEqual(1);
      expect(score.pclv).toBeGreaterThanOrEqual(0);
    }
    const model = await ensureShopBtydModel(t.db, shop, NOW);
    if (!model.ok) throw new Error(model.error);
    const some = result.scores.filter((score) => score.x >= 2).slice(0, 3);
    const picked = await scoreShopCustomers(t.db, shop, NOW, SETTINGS, { customerIds: some.map((score) => score.customerId) });
    if (!picked.ok) throw new Error(picked.error);
    expect(picked.scores.map((score) => score.customerId).sort()).toEqual(some.map((score) => score.customerId).sort());
    const purchases = await loadShopPurchases(t.db, shop, NOW, [some[0]!.customerId]);
    const history = summariseForBtyd(purchases, NOW).customers[0]!;
    expect(picked.scores.find((score) => score.customerId === some[0]!.customerId)).toEqual({ customerId: history.customerId, x: history.x, tx: history.tx, T: history.T, ...scoreCustomer(model.value.model, history, SETTINGS) });
  });

  it("answers with an error value, not an exception, for a shop without enough customers or bad settings", async () => {
    expect(await ensureShopBtydModel(t.db, shop, NOW)).toEqual({ ok: false, error: "the shop has 0 customer(s) with orders; the models need at least two" });
    expect(await scoreShopCustomers(t.db, shop, NOW, { horizonWeeks: -1, annualDiscountRate: 0.1 })).toMatchObject({ ok: false, error: expect.stringMatching(/horizon/) });
  });
});
