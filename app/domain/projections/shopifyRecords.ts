import type { PixelEvent } from "../events/pixelEvents";
import { cartTokenFromPixelCartId } from "../events/cartToken";
import { parseUtm } from "../events/utm";
import type {
  CartLineItemPayload,
  CartPayload,
  CheckoutLineItemPayload,
  CheckoutPayload,
  CustomerConsentPayload,
  CustomerPayload,
  OrderPayload,
  ProductPayload,
} from "../events/webhookPayloads";
import { productAttributesFromTags } from "../catalog/productAttributes";
import { toMinorUnits } from "../money/money";
import { timeZoneFromAddress } from "../profiles/timeZoneFromAddress";

/**
 * Shopify payloads turned into the rows the app stores (without `shopId`, which the caller adds).
 * Pure functions: the projections decide when to write them, these decide what.
 */

export type CustomerRecord = {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  locale: string | null;
  timeZone: string | null;
  countryCode: string | null;
  provinceCode: string | null;
  tags: string;
  state: string | null;
  shopifyCreatedAt: Date | null;
  sourceUpdatedAt: Date | null;
};

export function customerRecord(payload: CustomerPayload): CustomerRecord {
  const address = payload.default_address;
  return {
    id: payload.id,
    email: payload.email,
    firstName: payload.first_name,
    lastName: payload.last_name,
    phone: payload.phone,
    locale: payload.locale,
    timeZone: timeZoneFromAddress(address?.country_code ?? null, address?.province_code ?? null),
    countryCode: address?.country_code ?? null,
    provinceCode: address?.province_code ?? null,
    tags: JSON.stringify(payload.tags),
    state: payload.state,
    shopifyCreatedAt: payload.created_at,
    sourceUpdatedAt: payload.updated_at,
  };
}

export type ConsentRecord = {
  customerId: string;
  emailMarketingState: string;
  emailMarketingOptInLevel: string | null;
  emailConsentUpdatedAt: Date | null;
};

export function consentRecord(payload: CustomerConsentPayload): ConsentRecord {
  return {
    customerId: payload.customer_id,
    emailMarketingState: payload.email_marketing_consent.state,
    emailMarketingOptInLevel: payload.email_marketing_consent.opt_in_level,
    emailConsentUpdatedAt: payload.email_marketing_consent.consent_updated_at,
  };
}

export type ProductRecord = {
  id: string;
  title: string;
  handle: string;
  productType: string | null;
  vendor: string | null;
  status: string;
  tags: string;
  taxonomyCategoryId: string | null;
  taxonomyCategoryName: string | null;
  categoryPath: string | null;
  collections: string;
  attributes: string;
  seasons: string;
  imageUrl: string | null;
  publishedAt: Date | null;
  shopifyCreatedAt: Date | null;
  sourceUpdatedAt: Date;
};

export type VariantRecord = {
  id: string;
  productId: string;
  title: string;
  sku: string | null;
  priceMinor: number;
  compareAtPriceMinor: number | null;
  currencyCode: string;
  inventoryQuantity: number | null;
  inventoryPolicy: string | null;
};

export function productRecords(
  payload: ProductPayload,
  context: { currencyCode: string; categoryPath: string | null; collections: readonly string[] },
): { product: ProductRecord; variants: VariantRecord[] } {
  const { tags, attributes, seasons } = productAttributesFromTags(payload.tags);
  return {
    product: {
      id: payload.id,
      title: payload.title,
      handle: payload.handle,
      productType: payload.product_type,
      vendor: payload.vendor,
      status: payload.status,
      tags: JSON.stringify(tags),
      taxonomyCategoryId: payload.category?.admin_graphql_api_id ?? null,
      taxonomyCategoryName: payload.category?.full_name ?? null,
      categoryPath: context.categoryPath,
      collections: JSON.stringify(context.collections),
      attributes: JSON.stringify(attributes),
      seasons: JSON.stringify(seasons),
      imageUrl: payload.image?.src ?? null,
      publishedAt: payload.published_at,
      shopifyCreatedAt: payload.created_at,
      sourceUpdatedAt: payload.updated_at,
    },
    variants: payload.variants.map((variant) => ({
      id: variant.id,
      productId: payload.id,
      title: variant.title,
      sku: variant.sku,
      priceMinor: toMinorUnits(variant.price, context.currencyCode),
      compareAtPriceMinor: variant.compare_at_price == null ? null : toMinorUnits(variant.compare_at_price, context.currencyCode),
      currencyCode: context.currencyCode,
      inventoryQuantity: variant.inventory_quantity ?? null,
      inventoryPolicy: variant.inventory_policy,
    })),
  };
}

export type OrderRecord = {
  id: string;
  name: string;
  customerId: string | null;
  email: string | null;
  processedAt: Date;
  shopifyCreatedAt: Date;
  sourceUpdatedAt: Date;
  cancelledAt: Date | null;
  financialStatus: string | null;
  currencyCode: string;
  totalMinor: number;
  subtotalMinor: number;
  discountMinor: number;
  discountCodes: string;
  landingSite: string | null;
  referringSite: string | null;
  sourceName: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  utmTerm: string | null;
  cartToken: string | null;
  checkoutToken: string | null;
  customerLocale: string | null;
};

export type LineItemRecord = {
  id: string;
  orderId: string;
  productId: string | null;
  variantId: string | null;
  title: string;
  quantity: number;
  priceMinor: number;
  discountMinor: number;
  categoryPath: string | null;
};

export function orderRecords(
  payload: OrderPayload,
  categoryOfProduct: (productId: string) => string | null,
): { order: OrderRecord; lineItems: LineItemRecord[] } {
  const currency = payload.currency;
  const utm = parseUtm(payload.landing_site);
  return {
    order: {
      id: payload.id,
      name: payload.name,
      customerId: payload.customer?.id ?? null,
      email: payload.email,
      processedAt: payload.processed_at ?? payload.created_at,
      shopifyCreatedAt: payload.created_at,
      sourceUpdatedAt: payload.updated_at,
      cancelledAt: payload.cancelled_at,
      financialStatus: payload.financial_status,
      currencyCode: currency,
      totalMinor: toMinorUnits(payload.total_price, currency),
      subtotalMinor: toMinorUnits(payload.subtotal_price ?? payload.total_price, currency),
      discountMinor: toMinorUnits(payload.total_discounts, currency),
      discountCodes: JSON.stringify(payload.discount_codes.map((code) => code.code)),
      landingSite: payload.landing_site,
      referringSite: payload.referring_site,
      sourceName: payload.source_name,
      utmSource: utm.source,
      utmMedium: utm.medium,
      utmCampaign: utm.campaign,
      utmContent: utm.content,
      utmTerm: utm.term,
      cartToken: payload.cart_token,
      checkoutToken: payload.checkout_token,
      customerLocale: payload.customer_locale,
    },
    lineItems: payload.line_items.map((item) => ({
      id: item.id,
      orderId: payload.id,
      productId: item.product_id,
      variantId: item.variant_id,
      title: item.title,
      quantity: item.quantity,
      priceMinor: toMinorUnits(item.price, currency),
      discountMinor: toMinorUnits(item.total_discount, currency),
      categoryPath: item.product_id ? categoryOfProduct(item.product_id) : null,
    })),
  };
}

/** The line items the app keeps for carts and checkouts (as JSON on their rows). */
export type BasketLine = { productId: string | null; variantId: string | null; title: string; quantity: number; priceMinor: number };

/** Cart and checkout line items as stored on their rows. */
function basketLines(items: ReadonlyArray<CartLineItemPayload | CheckoutLineItemPayload>, currencyCode: string): BasketLine[] {
  return items.map((item) => ({
    productId: item.product_id,
    variantId: item.variant_id,
    title: item.title,
    quantity: item.quantity,
    priceMinor: toMinorUnits(item.price, currencyCode),
  }));
}

export type CartRecord = {
  token: string;
  totalMinor: number;
  lineItems: string;
  note: string | null;
  shopifyCreatedAt: Date;
  sourceUpdatedAt: Date;
};

export function cartRecord(payload: CartPayload, currencyCode: string): CartRecord {
  const lines = basketLines(payload.line_items, currencyCode);
  return {
    token: payload.token,
    totalMinor: payload.line_items.reduce((sum, item) => sum + toMinorUnits(item.line_price, currencyCode), 0),
    lineItems: JSON.stringify(lines),
    note: payload.note,
    shopifyCreatedAt: payload.created_at,
    sourceUpdatedAt: payload.updated_at,
  };
}

export type CheckoutRecord = {
  token: string;
  cartToken: string | null;
  customerId: string | null;
  email: string | null;
  currencyCode: string;
  totalMinor: number;
  lineItems: string;
  landingSite: string | null;
  referringSite: string | null;
  sourceName: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  utmTerm: string | null;
  abandonedCheckoutUrl: string | null;
  shopifyCreatedAt: Date;
  sourceUpdatedAt: Date;
  completedAt: Date | null;
};

export function checkoutRecord(payload: CheckoutPayload): CheckoutRecord {
  const currency = payload.currency;
  const utm = parseUtm(payload.landing_site);
  const lines = basketLines(payload.line_items, currency);
  return {
    token: payload.token,
    cartToken: payload.cart_token,
    customerId: payload.customer?.id ?? null,
    email: payload.email,
    currencyCode: currency,
    totalMinor: toMinorUnits(payload.total_price, currency),
    lineItems: JSON.stringify(lines),
    landingSite: payload.landing_site,
    referringSite: payload.referring_site,
    sourceName: payload.source_name,
    utmSource: utm.source,
    utmMedium: utm.medium,
    utmCampaign: utm.campaign,
    utmContent: utm.content,
    utmTerm: utm.term,
    abandonedCheckoutUrl: payload.abandoned_checkout_url,
    shopifyCreatedAt: payload.created_at,
    sourceUpdatedAt: payload.updated_at,
    completedAt: payload.completed_at,
  };
}

export type BrowseEventRecord = {
  id: string;
  clientId: string;
  customerId: string | null;
  name: string;
  occurredAt: Date;
  url: string | null;
  referrer: string | null;
  productId: string | null;
  variantId: string | null;
  collectionId: string | null;
  searchQuery: string | null;
  cartToken: string | null;
  checkoutToken: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
};

export function browseEventRecord(event: PixelEvent, customerId: string | null): BrowseEventRecord {
  const url = event.context?.document?.location.href ?? null;
  const utm = parseUtm(url);
  const base = {
    id: event.id,
    clientId: event.clientId,
    customerId,
    name: event.name,
    occurredAt: event.timestamp,
    url,
    referrer: event.context?.document?.referrer ?? null,
    productId: null as string | null,
    variantId: null as string | null,
    collectionId: null as string | null,
    searchQuery: null as string | null,
    cartToken: null as string | null,
    checkoutToken: null as string | null,
    utmSource: utm.source,
    utmMedium: utm.medium,
    utmCampaign: utm.campaign,
  };
  switch (event.name) {
    case "page_viewed":
      return base;
    case "product_viewed":
      return { ...base, productId: event.data.productVariant.product?.id ?? null, variantId: event.data.productVariant.id ?? null };
    case "collection_viewed":
      return { ...base, collectionId: event.data.collection.id ?? null };
    case "search_submitted":
      return { ...base, searchQuery: event.data.searchResult.query };
    case "product_added_to_cart": {
      const merchandise = event.data.cartLine?.merchandise;
      return { ...base, productId: merchandise?.product?.id ?? null, variantId: merchandise?.id ?? null };
    }
    case "cart_viewed": {
      const cartId = event.data.cart?.id;
      return { ...base, cartToken: cartId ? cartTokenFromPixelCartId(cartId) : null };
    }
    case "checkout_started":
    case "checkout_completed":
      return { ...base, checkoutToken: event.data.checkout.token ?? null };
  }
}
