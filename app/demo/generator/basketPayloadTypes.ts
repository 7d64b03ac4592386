import type { AddressJson, CustomerWebhookJson, DiscountCodeJson, Money } from "./payloadTypes";

/**
 * Raw carts/* and checkouts/* JSON as the demo store emits it (see payloadTypes.ts for the
 * conventions).
 */
export type CartLineJson = {
  id: number;
  key: string;
  product_id: number;
  variant_id: number;
  title: string;
  variant_title: string;
  sku: string;
  vendor: string;
  quantity: number;
  price: Money;
  original_price: Money;
  discounted_price: Money;
  line_price: Money;
  original_line_price: Money;
  total_discount: Money;
  discounts: never[];
  gift_card: boolean;
  grams: number;
  taxable: boolean;
  properties: Record<string, string>;
};

/** carts/create, carts/update: `id` equals `token`; there is no customer on a cart. */
export type CartWebhookJson = {
  id: string;
  token: string;
  note: string | null;
  line_items: CartLineJson[];
  created_at: string;
  updated_at: string;
};

export type CheckoutLineJson = {
  key: string;
  product_id: number;
  variant_id: number;
  title: string;
  variant_title: string;
  presentment_title: string;
  presentment_variant_title: string;
  sku: string;
  vendor: string;
  quantity: number;
  price: Money;
  line_price: Money;
  compare_at_price: Money | null;
  grams: number;
  requires_shipping: boolean;
  taxable: boolean;
  gift_card: boolean;
  applied_discounts: never[];
  discount_allocations: never[];
  tax_lines: never[];
  properties: Record<string, string>;
};

/** checkouts/create, checkouts/update (2025-10+: identified by `token`, no numeric `id`). */
export type CheckoutWebhookJson = {
  token: string;
  cart_token: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  gateway: string | null;
  buyer_accepts_marketing: boolean;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  closed_at: string | null;
  currency: string;
  presentment_currency: string;
  customer_locale: string | null;
  landing_site: string | null;
  referring_site: string | null;
  source_name: "web";
  source_url: string | null;
  abandoned_checkout_url: string;
  total_line_items_price: Money;
  subtotal_price: Money;
  total_tax: Money;
  total_discounts: Money;
  total_price: Money;
  taxes_included: boolean;
  discount_codes: DiscountCodeJson[];
  note: string | null;
  note_attributes: { name: string; value: string }[];
  shipping_lines: { code: string; title: string; price: Money }[];
  shipping_address: AddressJson | null;
  billing_address: AddressJson | null;
  customer: CustomerWebhookJson | null;
  line_items: CheckoutLineJson[];
};
