/**
 * The raw JSON the demo store emits, before the app's zod schemas parse it: the REST webhook bodies
 * of Admin API 2025-10 and the Web Pixels standard events. Field names and value forms follow
 * Shopify (ids as JSON numbers, money as decimal strings, REST times with offsets). These types list
 * more fields than app/domain/events/webhookPayloads.ts reads, on purpose: the app must cope with
 * the full payloads it will really receive. This file holds customers and orders; products are in
 * catalogPayloadTypes.ts, carts and checkouts in basketPayloadTypes.ts, pixel events in pixelTypes.ts.
 */
export type Money = string;
export type MoneySet = {
  shop_money: { amount: Money; currency_code: string };
  presentment_money: { amount: Money; currency_code: string };
};

export type AddressJson = {
  first_name: string | null;
  last_name: string | null;
  address1: string | null;
  city: string | null;
  province: string | null;
  province_code: string | null;
  country: string | null;
  country_code: string | null;
  zip: string | null;
  phone: string | null;
};

export type CustomerAddressJson = AddressJson & { id: number; customer_id: number; default: boolean };

export type EmailConsentJson = { state: string; opt_in_level: string | null; consent_updated_at: string | null };

/** customers/create, customers/update; also embedded (trimmed) in orders and checkouts. */
export type CustomerWebhookJson = {
  id: number;
  admin_graphql_api_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  state: "enabled" | "disabled" | "invited" | "declined";
  verified_email: boolean;
  tags: string;
  currency: string;
  note: string | null;
  tax_exempt: boolean;
  created_at: string;
  updated_at: string;
  email_marketing_consent: EmailConsentJson | null;
  default_address: CustomerAddressJson | null;
};

/** customers_email_marketing_consent/update. */
export type ConsentWebhookJson = {
  customer_id: number;
  email_address: string | null;
  email_marketing_consent: EmailConsentJson;
};

export type DiscountCodeJson = { code: string; amount: Money; type: "percentage" | "fixed_amount" | "shipping" };

export type DiscountApplicationJson = {
  type: "discount_code";
  code: string;
  value: string;
  value_type: "percentage" | "fixed_amount";
  allocation_method: "across";
  target_selection: "all";
  target_type: "line_item";
};

export type OrderLineItemJson = {
  id: number;
  admin_graphql_api_id: string;
  product_id: number;
  variant_id: number;
  title: string;
  variant_title: string;
  name: string;
  sku: string;
  vendor: string;
  quantity: number;
  current_quantity: number;
  fulfillable_quantity: number;
  fulfillment_status: "fulfilled" | null;
  fulfillment_service: "manual";
  price: Money;
  price_set: MoneySet;
  total_discount: Money;
  total_discount_set: MoneySet;
  discount_allocations: { amount: Money; amount_set: MoneySet; discount_application_index: number }[];
  gift_card: boolean;
  grams: number;
  requires_shipping: boolean;
  taxable: boolean;
  product_exists: boolean;
  properties: { name: string; value: string }[];
  tax_lines: { title: string; price: Money; rate: number }[];
};

export type ShippingLineJson = {
  id: number;
  code: string;
  title: string;
  source: "shopify";
  price: Money;
  discounted_price: Money;
  price_set: MoneySet;
};

/** orders/create, orders/updated, orders/paid, orders/cancelled. */
export type OrderWebhookJson = {
  id: number;
  admin_graphql_api_id: string;
  name: string;
  order_number: number;
  number: number;
  token: string;
  confirmation_number: string;
  confirmed: boolean;
  app_id: number;
  email: string | null;
  contact_email: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
  processed_at: string;
  closed_at: string | null;
  cancelled_at: string | null;
  cancel_reason: "customer" | "inventory" | "declined" | "fraud" | "other" | null;
  financial_status: "paid" | "pending" | "refunded" | "voided" | "partially_refunded";
  fulfillment_status: "fulfilled" | null;
  currency: string;
  presentment_currency: string;
  total_line_items_price: Money;
  subtotal_price: Money;
  total_tax: Money;
  total_discounts: Money;
  total_price: Money;
  total_outstanding: Money;
  current_total_price: Money;
  total_line_items_price_set: MoneySet;
  subtotal_price_set: MoneySet;
  total_tax_set: MoneySet;
  total_discounts_set: MoneySet;
  total_price_set: MoneySet;
  total_shipping_price_set: MoneySet;
  taxes_included: boolean;
  tax_exempt: boolean;
  discount_codes: DiscountCodeJson[];
  discount_applications: DiscountApplicationJson[];
  landing_site: string | null;
  landing_site_ref: string | null;
  referring_site: string | null;
  source_name: "web" | "pos" | "shopify_draft_order";
  source_identifier: string | null;
  location_id: number | null;
  cart_token: string | null;
  checkout_token: string | null;
  checkout_id: number | null;
  customer_locale: string | null;
  buyer_accepts_marketing: boolean;
  browser_ip: string | null;
  tags: string;
  note: string | null;
  note_attributes: { name: string; value: string }[];
  payment_gateway_names: string[];
  order_status_url: string;
  test: boolean;
  customer: CustomerWebhookJson;
  billing_address: AddressJson | null;
  shipping_address: AddressJson | null;
  line_items: OrderLineItemJson[];
  shipping_lines: ShippingLineJson[];
  refunds: { id: number; created_at: string; note: string | null }[];
};
