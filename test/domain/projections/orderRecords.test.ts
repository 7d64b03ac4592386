import { describe, expect, it } from "vitest";
import { OrderPayload } from "~/domain/events/webhookPayloads";
import { orderRecords } from "~/domain/projections/shopifyRecords";
import { body, ORDER_JSON } from "../fixtures/shopifyWebhooks";

const raw = body(ORDER_JSON);
const categories: Record<string, string> = { "788032119674292922": "Skin care > Serums" };
const categoryOf = (productId: string): string | null => categories[productId] ?? null;

describe("orderRecords", () => {
  it("maps orders/create to the order row, money in minor units and UTM parsed", () => {
    expect(orderRecords(OrderPayload.parse(raw), categoryOf).order).toEqual({
      id: "820982911946154508",
      name: "#9999",
      customerId: "706405506930370084",
      email: "jon@example.com",
      processedAt: new Date("2025-03-01T15:14:58Z"),
      shopifyCreatedAt: new Date("2025-03-01T15:15:00Z"),
      sourceUpdatedAt: new Date("2025-03-01T15:16:00Z"),
      cancelledAt: null,
      financialStatus: "paid",
      currencyCode: "USD",
      totalMinor: 9498,
      subtotalMinor: 8499,
      discountMinor: 1000,
      discountCodes: '["WELCOME10"]',
      landingSite: "/products/vitamin-c-serum?utm_source=Google&utm_medium=cpc&utm_campaign=Spring%20Glow&utm_term=vitamin+c",
      referringSite: "https://www.google.com/",
      sourceName: "web",
      utmSource: "google",
      utmMedium: "cpc",
      utmCampaign: "spring glow",
      utmContent: null,
      utmTerm: "vitamin c",
      cartToken: "hWN2zW9ZpVDMFk1qUQEMD4w1",
      checkoutToken: "bd5a8aa1ecd019dd3520ff791ee3a24c",
      customerLocale: "en-US",
    });
  });

  it("maps each line item, with the category of known products only", () => {
    expect(orderRecords(OrderPayload.parse(raw), categoryOf).lineItems).toEqual([
      {
        id: "466157049", orderId: "820982911946154508", productId: "788032119674292922", variantId: "642667041472713922",
        title: "Vitamin C Serum", quantity: 2, priceMinor: 2999, discountMinor: 600, categoryPath: "Skin care > Serums",
      },
      { id: "518995019", orderId: "820982911946154508", productId: null, variantId: null, title: "Gift wrap", quantity: 1, priceMinor: 3501, discountMinor: 400, categoryPath: null },
    ]);
  });

  it("asks for categories only of lines that name a product", () => {
    const asked: string[] = [];
    orderRecords(OrderPayload.parse(raw), (id) => {
      asked.push(id);
      return null;
    });
    expect(asked).toEqual(["788032119674292922"]);
  });

  it.each([
    { case: "no subtotal: the total stands in", patch: { subtotal_price: null }, expected: { subtotalMinor: 9498 } },
    { case: "not processed yet: created_at stands in", patch: { processed_at: null }, expected: { processedAt: new Date("2025-03-01T15:15:00Z") } },
    { case: "guest checkout", patch: { customer: null, email: null }, expected: { customerId: null, email: null } },
    { case: "cancelled", patch: { cancelled_at: "2025-03-02T09:00:00-05:00", financial_status: "refunded" }, expected: { cancelledAt: new Date("2025-03-02T14:00:00Z"), financialStatus: "refunded" } },
    { case: "no landing site", patch: { landing_site: null }, expected: { landingSite: null, utmSource: null, utmMedium: null, utmCampaign: null, utmTerm: null } },
    { case: "no discounts", patch: { total_discounts: undefined, discount_codes: undefined }, expected: { discountMinor: 0, discountCodes: "[]" } },
    { case: "two codes", patch: { discount_codes: [{ code: "A", amount: "1.00", type: "fixed_amount" }, { code: "LOYALTY-250", amount: "5.00", type: "fixed_amount" }] }, expected: { discountCodes: '["A","LOYALTY-250"]' } },
    { case: "three-decimal currency", patch: { currency: "KWD", total_price: "94.985", subtotal_price: "84.9", total_discounts: "10" }, expected: { currencyCode: "KWD", totalMinor: 94985, subtotalMinor: 84900, discountMinor: 10000 } },
    { case: "zero-decimal currency", patch: { currency: "JPY", total_price: "9498", subtotal_price: "8499.5", total_discounts: "1000" }, expected: { currencyCode: "JPY", totalMinor: 9498, subtotalMinor: 8500, discountMinor: 1000 } },
    { case: "amounts sent as numbers", patch: { total_price: 94.98, subtotal_price: 84.99, total_discounts: 10 }, expected: { totalMinor: 9498, subtotalMinor: 8499, discountMinor: 1000 } },
  ])("$case", ({ patch, expected }) => {
    const payload = OrderPayload.parse(Object.fromEntries(Object.entries({ ...raw, ...patch }).filter(([, v]) => v !== undefined)));
    expect(orderRecords(payload, categoryOf).order).toMatchObject(expected);
  });

  it("prices line items in the order's currency", () => {
    const payload = OrderPayload.parse({ ...raw, currency: "JPY" });
    expect(orderRecords(payload, categoryOf).lineItems.map((line) => [line.priceMinor, line.discountMinor])).toEqual([[30, 6], [35, 4]]);
  });
});
