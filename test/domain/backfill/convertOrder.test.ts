import { describe, expect, it } from "vitest";
import { GqlLineItem, GqlOrder } from "~/domain/backfill/bulkObjects";
import { convertBulkObject } from "~/domain/backfill/convertBulkObject";
import { restOrder } from "~/domain/backfill/convertOrder";
import { OrderPayload } from "~/domain/events/webhookPayloads";
import { orderRecords } from "~/domain/projections/shopifyRecords";
import { codeAllocation, gid, gqlLineItem, gqlOrder, gqlVisit } from "../../support/fakeShopifyData";

type Json = Record<string, unknown>;

/** GraphQL order + line items -> REST payload, validated with the webhook schema the projection uses. */
function convert(order: Json, items: Json[] = [gqlLineItem(1)]) {
  const rest = restOrder(GqlOrder.parse(order), items.map((item) => GqlLineItem.parse(item)));
  const parsed = OrderPayload.safeParse(rest);
  expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues)).toBe(true);
  return { rest, parsed: OrderPayload.parse(rest) };
}

describe("orders: GraphQL bulk object -> orders/updated payload", () => {
  it("maps the order's own fields as REST sends them (ids as digits, money as decimal strings, lower-case status)", () => {
    const { rest, parsed } = convert(gqlOrder("820982911946154508"));
    expect(rest).toMatchObject({
      id: "820982911946154508",
      admin_graphql_api_id: "gid://shopify/Order/820982911946154508",
      email: "ada@example.com",
      created_at: "2025-03-01T15:15:00Z",
      processed_at: "2025-03-01T15:14:58Z",
      cancelled_at: null,
      financial_status: "paid",
      currency: "USD",
      total_price: "94.98",
      subtotal_price: "84.99",
      total_discounts: "10.00",
      source_name: "web",
      customer_locale: "en-US",
      cart_token: null,
      checkout_token: null,
      test: false,
    });
    // 64-bit ids survive: they are never numbers.
    expect(parsed.id).toBe("820982911946154508");
    expect(parsed.customer?.id).toBe("706405506930370084");
    expect(parsed.customer).toMatchObject({ email: "ada706405506930370084@example.com", state: "enabled", tags: ["vip", "newsletter"] });
    expect(parsed.customer?.default_address).toEqual({ country_code: "GB", province_code: "ENG", city: "London", zip: "NW1 6XE" });
  });

  const journeys: Array<[string, Json | null, string | null, string | null, Partial<Record<"utmSource" | "utmMedium" | "utmCampaign" | "utmContent", string | null>>]> = [
    [
      "UTM in the landing URL: kept as a path with its query",
      { firstVisit: gqlVisit({ landingPage: "https://shop.example.com/?utm_source=newsletter", utmParameters: { source: "newsletter" } }), lastVisit: gqlVisit() },
      "/products/serum?utm_source=google&utm_medium=cpc&utm_campaign=spring",
      "https://www.google.com/",
      { utmSource: "google", utmMedium: "cpc", utmCampaign: "spring" },
    ],
    [
      "no last visit: the first visit",
      { firstVisit: gqlVisit({ landingPage: "https://shop.example.com/?utm_source=newsletter&utm_medium=email", referrerUrl: null, utmParameters: null }), lastVisit: null },
      "/?utm_source=newsletter&utm_medium=email",
      null,
      { utmSource: "newsletter", utmMedium: "email", utmCampaign: null },
    ],
    [
      "landing URL without UTM but attributed UTM parameters: appended",
      { firstVisit: null, lastVisit: gqlVisit({ landingPage: "https://shop.example.com/collections/serums", utmParameters: { source: "Instagram", medium: "social", campaign: "Spring Glow", content: null, term: null } }) },
      "/collections/serums?utm_source=Instagram&utm_medium=social&utm_campaign=Spring%20Glow",
      "https://www.google.com/",
      { utmSource: "instagram", utmMedium: "social", utmCampaign: "spring glow" },
    ],
    [
      "UTM partly in the URL: only the missing ones appended, before the fragment",
      { lastVisit: gqlVisit({ landingPage: "https://shop.example.com/p?ref=x&utm_source=tiktok#reviews", utmParameters: { source: "tiktok", medium: "paid", campaign: null, content: "video-2", term: null } }) },
      "/p?ref=x&utm_source=tiktok&utm_medium=paid&utm_content=video-2#reviews",
      "https://www.google.com/",
      { utmSource: "tiktok", utmMedium: "paid", utmContent: "video-2" },
    ],
    [
      "attributed UTM but no landing page: kept on the shop's root",
      { lastVisit: gqlVisit({ landingPage: null, referrerUrl: "https://l.facebook.com/", utmParameters: { source: "facebook", medium: null, campaign: null, content: null, term: null } }) },
      "/?utm_source=facebook",
      "https://l.facebook.com/",
      { utmSource: "facebook", utmMedium: null },
    ],
    ["no journey at all (POS, draft orders, old orders)", null, null, null, { utmSource: null, utmMedium: null, utmCampaign: null }],
    ["a journey with no visits", { firstVisit: null, lastVisit: null }, null, null, { utmSource: null }],
  ];

  it.each(journeys)("landing_site from customerJourneySummary: %s", (_name, journey, landing, referrer, utm) => {
    const { rest, parsed } = convert(gqlOrder(1, { customerJourneySummary: journey }));
    expect(rest.landing_site).toBe(landing);
    expect(rest.referring_site).toBe(referrer);
    const { order } = orderRecords(parsed, () => null);
    expect(order).toMatchObject(utm);
  });

  it("a cancelled, refunded order", () => {
    const { parsed } = convert(gqlOrder(2, { cancelledAt: "2025-03-02T08:00:00Z", displayFinancialStatus: "REFUNDED" }));
    expect(parsed.cancelled_at?.toISOString()).toBe("2025-03-02T08:00:00.000Z");
    expect(parsed.financial_status).toBe("refunded");
  });

  it("a partially refunded order keeps REST's snake-case status", () => {
    expect(convert(gqlOrder(3, { displayFinancialStatus: "PARTIALLY_REFUNDED" })).rest.financial_status).toBe("partially_refunded");
  });

  it("discount codes get their amount from the line items' allocations and their type from the discount's value", () => {
    const items = [
      gqlLineItem(10, { discountAllocations: [codeAllocation("WELCOME10", "3.00"), codeAllocation("LOYALTY-500", "5.00", { __typename: "MoneyV2", amount: "5.0" })] }),
      gqlLineItem(11, { discountAllocations: [codeAllocation("welcome10", "2.00")] }),
      // An automatic discount is not a code.
      gqlLineItem(12, { discountAllocations: [{ allocatedAmountSet: { shopMoney: { amount: "1.00" } }, discountApplication: { __typename: "AutomaticDiscountApplication", value: { __typename: "MoneyV2", amount: "1.0" } } }] }),
    ];
    const { rest, parsed } = convert(gqlOrder(4, { discountCodes: ["WELCOME10", "LOYALTY-500", "FREESHIP"] }), items);
    expect(rest.discount_codes).toEqual([
      { code: "WELCOME10", amount: "5.00", type: "percentage" },
      { code: "LOYALTY-500", amount: "5.00", type: "fixed_amount" },
      // Took nothing off any line item: a shipping discount.
      { code: "FREESHIP", amount: "0.00", type: "shipping" },
    ]);
    expect(JSON.parse(orderRecords(parsed, () => null).order.discountCodes)).toEqual(["WELCOME10", "LOYALTY-500", "FREESHIP"]);
  });

  it("amounts follow the currency's exponent (JPY has no minor unit)", () => {
    const items = [gqlLineItem(20, { originalUnitPriceSet: { shopMoney: { amount: "1500.0" } }, discountAllocations: [codeAllocation("SALE", "150.0")] })];
    const order = gqlOrder(5, { currencyCode: "JPY", totalPriceSet: { shopMoney: { amount: "2850.0" } }, discountCodes: ["SALE"] });
    const { rest, parsed } = convert(order, items);
    expect(rest.discount_codes).toEqual([{ code: "SALE", amount: "150", type: "percentage" }]);
    expect(orderRecords(parsed, () => null).order.totalMinor).toBe(2850);
  });

  it("line items: prices before discounts, their discount, and null product/variant ids for deleted products", () => {
    const items = [
      gqlLineItem("466157049", { quantity: 3, originalUnitPriceSet: { shopMoney: { amount: "19.99" } }, totalDiscountSet: { shopMoney: { amount: "6.00" } } }),
      gqlLineItem("518995019", { title: "Discontinued balm", variantTitle: null, sku: null, product: null, variant: null }),
    ];
    const { rest, parsed } = convert(gqlOrder(6), items);
    expect(rest.line_items).toEqual([
      {
        id: "466157049",
        admin_graphql_api_id: "gid://shopify/LineItem/466157049",
        product_id: "788032119674292922",
        variant_id: "642667041472713922",
        title: "Vitamin C Serum",
        variant_title: "30 ml",
        sku: "VCS-30",
        quantity: 3,
        price: "19.99",
        total_discount: "6.00",
      },
      expect.objectContaining({ id: "518995019", product_id: null, variant_id: null, title: "Discontinued balm", sku: null }),
    ]);
    const { lineItems } = orderRecords(parsed, (productId) => (productId === "788032119674292922" ? "Skin care > Serums" : null));
    expect(lineItems.map((item) => [item.productId, item.priceMinor, item.discountMinor, item.categoryPath])).toEqual([
      ["788032119674292922", 1999, 600, "Skin care > Serums"],
      [null, 2999, 0, null],
    ]);
  });

  it("an order without a customer (guest or point of sale) and a test order", () => {
    const { parsed } = convert(gqlOrder(7, { customer: null, email: null, sourceName: "pos", customerLocale: null, test: true }));
    expect(parsed).toMatchObject({ customer: null, email: null, source_name: "pos", customer_locale: null, test: true });
  });

  it("an order whose processedAt is missing falls back on created_at in the record", () => {
    const { parsed } = convert(gqlOrder(8, { processedAt: null }));
    expect(orderRecords(parsed, () => null).order.processedAt.toISOString()).toBe("2025-03-01T15:15:00.000Z");
  });
});

describe("convertBulkObject for orders", () => {
  const object = (node: Json, children: Json[] = []) => ({
    id: String(node.id),
    node,
    children: children.map((child) => ({ ...child, __parentId: String(node.id) })),
    firstLine: 1,
    lastLine: 1 + children.length,
  });

  it("one `orders` event keyed by the order's gid, with its line items", () => {
    const conversion = convertBulkObject(object(gqlOrder(9), [gqlLineItem(90), gqlLineItem(91)]));
    expect(conversion.ok).toBe(true);
    if (!conversion.ok) return;
    expect(conversion.events).toHaveLength(1);
    expect(conversion.events[0]).toMatchObject({ key: gid("Order", 9), topic: "orders" });
    expect(OrderPayload.parse(conversion.events[0]?.payload).line_items.map((item) => item.id)).toEqual(["90", "91"]);
  });

  it.each<[string, Json, Json[], RegExp]>([
    ["a missing required field", { ...gqlOrder(10), name: undefined }, [], /name/],
    ["money that is not a decimal", gqlOrder(11, { totalPriceSet: { shopMoney: { amount: "ninety" } } }), [], /totalPriceSet\.shopMoney\.amount/],
    ["a line item with a negative quantity", gqlOrder(12), [gqlLineItem(120, { quantity: -1 })], /lineItems\.0\.quantity/],
    ["a timestamp REST would not accept", gqlOrder(13, { updatedAt: "yesterday" }), [], /orders schema: updated_at/],
  ])("is a value, not an exception, for %s", (_name, node, children, message) => {
    const conversion = convertBulkObject(object(node, children));
    expect(conversion).toMatchObject({ ok: false, topic: "orders" });
    if (!conversion.ok) expect(conversion.error).toMatch(message);
  });
});
