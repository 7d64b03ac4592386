/**
 * Objects shaped as the backfill's bulk queries return them (app/domain/backfill/bulkQueries.ts,
 * Admin GraphQL 2026-07), and their JSONL lines with `__parentId`, as Shopify writes them with
 * groupObjects: true (each parent followed by its children).
 */

type Json = Record<string, unknown>;

export const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`;
const money = (amount: string) => ({ shopMoney: { amount } });

export function gqlCustomer(id: number | string, overrides: Json = {}): Json {
  return {
    id: gid("Customer", id),
    firstName: "Ada",
    lastName: "Lovelace",
    state: "ENABLED",
    tags: ["vip", "newsletter"],
    locale: "en-GB",
    createdAt: "2024-02-01T09:00:00Z",
    updatedAt: "2025-05-01T10:00:00Z",
    defaultEmailAddress: { emailAddress: `ada${id}@example.com` },
    defaultPhoneNumber: { phoneNumber: "+442071234567" },
    defaultAddress: { countryCodeV2: "GB", provinceCode: "ENG", city: "London", zip: "NW1 6XE" },
    emailMarketingConsent: { marketingState: "SUBSCRIBED", marketingOptInLevel: "CONFIRMED_OPT_IN", consentUpdatedAt: "2024-02-01T09:05:00Z" },
    ...overrides,
  };
}

/** The customer as embedded in an order (the orders query selects no consent). */
export function gqlOrderCustomer(id: number | string, overrides: Json = {}): Json {
  const { emailMarketingConsent: _omit, ...customer } = gqlCustomer(id, overrides);
  return customer;
}

export function gqlVisit(overrides: Json = {}): Json {
  return {
    landingPage: "https://shop.example.com/products/serum?utm_source=google&utm_medium=cpc&utm_campaign=spring",
    referrerUrl: "https://www.google.com/",
    source: "google",
    utmParameters: { source: "google", medium: "cpc", campaign: "spring", content: null, term: null },
    ...overrides,
  };
}

export function gqlOrder(id: number | string, overrides: Json = {}): Json {
  return {
    id: gid("Order", id),
    name: `#${1000 + Number(String(id).slice(-4))}`,
    email: "ada@example.com",
    createdAt: "2025-03-01T15:15:00Z",
    updatedAt: "2025-03-01T15:16:00Z",
    processedAt: "2025-03-01T15:14:58Z",
    cancelledAt: null,
    displayFinancialStatus: "PAID",
    currencyCode: "USD",
    totalPriceSet: money("94.98"),
    subtotalPriceSet: money("84.99"),
    totalDiscountsSet: money("10.00"),
    discountCodes: [],
    sourceName: "web",
    customerLocale: "en-US",
    test: false,
    customer: gqlOrderCustomer(706405506930370084n.toString()),
    customerJourneySummary: { firstVisit: gqlVisit(), lastVisit: gqlVisit() },
    ...overrides,
  };
}

export function gqlLineItem(id: number | string, overrides: Json = {}): Json {
  return {
    id: gid("LineItem", id),
    title: "Vitamin C Serum",
    variantTitle: "30 ml",
    sku: "VCS-30",
    quantity: 2,
    originalUnitPriceSet: money("29.99"),
    totalDiscountSet: money("0.00"),
    product: { id: gid("Product", 788032119674292922n.toString()) },
    variant: { id: gid("ProductVariant", 642667041472713922n.toString()) },
    discountAllocations: [],
    ...overrides,
  };
}

export function codeAllocation(code: string, amount: string, value: Json = { __typename: "PricingPercentageValue", percentage: 10 }): Json {
  return { allocatedAmountSet: money(amount), discountApplication: { __typename: "DiscountCodeApplication", code, value } };
}

export function gqlProduct(id: number | string, overrides: Json = {}): Json {
  return {
    id: gid("Product", id),
    title: "Vitamin C Serum",
    handle: `vitamin-c-serum-${id}`,
    descriptionHtml: "<p>A serum.</p>",
    productType: "Serum",
    vendor: "Demo Botanics",
    status: "ACTIVE",
    tags: ["bestseller", "ingredient:vitamin c", "season:fall"],
    createdAt: "2024-01-10T14:00:00Z",
    updatedAt: "2024-06-01T16:00:00Z",
    publishedAt: "2024-01-11T14:00:00Z",
    featuredMedia: { preview: { image: { url: "https://cdn.shopify.com/s/files/1/serum.jpg" } } },
    category: { id: "gid://shopify/TaxonomyCategory/hb-3-2-7", name: "Serums", fullName: "Health & Beauty > Personal Care > Cosmetics > Skin Care > Serums" },
    ...overrides,
  };
}

export function gqlVariant(id: number | string, overrides: Json = {}): Json {
  return {
    id: gid("ProductVariant", id),
    title: "30 ml",
    sku: "VCS-30",
    price: "29.99",
    compareAtPrice: "34.00",
    inventoryQuantity: 42,
    inventoryPolicy: "DENY",
    ...overrides,
  };
}

export function gqlCollection(id: number | string, handle: string): Json {
  return { id: gid("Collection", id), handle };
}

/** A parent and its children as JSONL lines (children carry `__parentId`). */
export function jsonlLines(parent: Json, children: Json[] = []): string[] {
  const parentId = String(parent.id);
  return [JSON.stringify(parent), ...children.map((child) => JSON.stringify({ ...child, __parentId: parentId }))];
}

/** An order export of `count` orders with `itemsPerOrder` line items each, generated lazily. */
export function* orderExport(count: number, itemsPerOrder: number, firstId = 5_000_000): Generator<string> {
  for (let n = 0; n < count; n++) {
    const orderId = firstId + n;
    const items = Array.from({ length: itemsPerOrder }, (_, i) =>
      gqlLineItem(orderId * 10 + i, { title: `Item ${i} of order ${orderId}`, quantity: 1 + (i % 3) }),
    );
    yield* jsonlLines(gqlOrder(orderId, { customer: gqlOrderCustomer(900_000 + (n % 5_000)) }), items);
  }
}
