import { z } from "zod";
import { DecimalAmount } from "../money/money";
import { ShopifyId } from "../shared/ids";
import { Timestamp } from "../shared/time";

/**
 * Shopify's REST-shaped webhook payloads (Admin API 2025-10 and later), reduced to the fields the
 * app reads. Unknown fields are stripped, not rejected: Shopify adds fields without notice.
 * Every schema names its type after itself (`export type X = z.infer<typeof X>`).
 */

const nullableString = z.string().nullish().transform((v) => v ?? null);
const nullableTimestamp = Timestamp.nullish().transform((v) => v ?? null);

export const Address = z.object({
  country_code: nullableString,
  province_code: nullableString,
  city: nullableString,
  zip: nullableString,
});
export type Address = z.infer<typeof Address>;

/** The customer object as embedded in orders and checkouts and as sent on customers/* topics. */
export const CustomerPayload = z.object({
  id: ShopifyId,
  email: nullableString,
  first_name: nullableString,
  last_name: nullableString,
  phone: nullableString,
  state: nullableString,
  tags: z.string().nullish().transform((v) => splitTags(v ?? "")),
  locale: nullableString,
  created_at: nullableTimestamp,
  updated_at: nullableTimestamp,
  default_address: Address.nullish().transform((v) => v ?? null),
});
export type CustomerPayload = z.infer<typeof CustomerPayload>;

export const CustomerDeletePayload = z.object({ id: ShopifyId });
export type CustomerDeletePayload = z.infer<typeof CustomerDeletePayload>;

/** REST sends consent states in lower case; GraphQL in upper case. The app keeps GraphQL's form. */
export const EmailMarketingState = z
  .string()
  .transform((v) => v.toUpperCase())
  .pipe(z.enum(["SUBSCRIBED", "NOT_SUBSCRIBED", "UNSUBSCRIBED", "PENDING", "REDACTED", "INVALID"]));
export type EmailMarketingState = z.infer<typeof EmailMarketingState>;

export const EmailMarketingConsent = z.object({
  state: EmailMarketingState,
  opt_in_level: z
    .string()
    .nullish()
    .transform((v) => (v ? v.toUpperCase() : null)),
  consent_updated_at: nullableTimestamp,
});
export type EmailMarketingConsent = z.infer<typeof EmailMarketingConsent>;

export const CustomerConsentPayload = z.object({
  customer_id: ShopifyId,
  email_address: nullableString,
  email_marketing_consent: EmailMarketingConsent,
});
export type CustomerConsentPayload = z.infer<typeof CustomerConsentPayload>;

export const VariantPayload = z.object({
  id: ShopifyId,
  product_id: ShopifyId.nullish(),
  title: z.string(),
  sku: nullableString,
  price: DecimalAmount,
  compare_at_price: DecimalAmount.nullish(),
  inventory_quantity: z.number().int().nullish(),
  inventory_policy: nullableString,
});
export type VariantPayload = z.infer<typeof VariantPayload>;

export const ProductPayload = z.object({
  id: ShopifyId,
  title: z.string(),
  handle: z.string(),
  body_html: nullableString,
  product_type: nullableString,
  vendor: nullableString,
  status: z.enum(["active", "draft", "archived", "unlisted"]).catch("active"),
  tags: z.string().nullish().transform((v) => splitTags(v ?? "")),
  created_at: nullableTimestamp,
  updated_at: Timestamp,
  published_at: nullableTimestamp,
  variants: z.array(VariantPayload).default([]),
  image: z.object({ src: z.string() }).nullish(),
  /** Shopify's standard product taxonomy category (in product webhooks since 2024-10). */
  category: z
    .object({ admin_graphql_api_id: z.string(), name: z.string(), full_name: z.string() })
    .nullish()
    .transform((v) => v ?? null),
});
export type ProductPayload = z.infer<typeof ProductPayload>;

export const ProductDeletePayload = z.object({ id: ShopifyId });
export type ProductDeletePayload = z.infer<typeof ProductDeletePayload>;

export const OrderLineItemPayload = z.object({
  id: ShopifyId,
  product_id: ShopifyId.nullish().transform((v) => v ?? null),
  variant_id: ShopifyId.nullish().transform((v) => v ?? null),
  title: z.string(),
  variant_title: nullableString,
  sku: nullableString,
  quantity: z.number().int().nonnegative(),
  price: DecimalAmount,
  total_discount: DecimalAmount.default("0"),
});
export type OrderLineItemPayload = z.infer<typeof OrderLineItemPayload>;

export const DiscountCode = z.object({ code: z.string(), amount: DecimalAmount, type: z.string() });
export type DiscountCode = z.infer<typeof DiscountCode>;

export const OrderPayload = z.object({
  id: ShopifyId,
  name: z.string(),
  email: nullableString,
  created_at: Timestamp,
  updated_at: Timestamp,
  processed_at: nullableTimestamp,
  cancelled_at: nullableTimestamp,
  financial_status: nullableString,
  currency: z.string().length(3),
  total_price: DecimalAmount,
  subtotal_price: DecimalAmount.nullish(),
  total_discounts: DecimalAmount.default("0"),
  discount_codes: z.array(DiscountCode).default([]),
  landing_site: nullableString,
  referring_site: nullableString,
  source_name: nullableString,
  cart_token: nullableString,
  checkout_token: nullableString,
  customer_locale: nullableString,
  customer: CustomerPayload.nullish().transform((v) => v ?? null),
  line_items: z.array(OrderLineItemPayload),
  test: z.boolean().default(false),
});
export type OrderPayload = z.infer<typeof OrderPayload>;

export const CartLineItemPayload = z.object({
  id: ShopifyId,
  key: z.string(),
  product_id: ShopifyId.nullish().transform((v) => v ?? null),
  variant_id: ShopifyId.nullish().transform((v) => v ?? null),
  title: z.string(),
  quantity: z.number().int().nonnegative(),
  price: DecimalAmount,
  line_price: DecimalAmount,
});
export type CartLineItemPayload = z.infer<typeof CartLineItemPayload>;

/** carts/create, carts/update: no customer on the payload; carts link to shoppers via checkouts' cart_token and the pixel. */
export const CartPayload = z.object({
  id: z.string(),
  token: z.string(),
  line_items: z.array(CartLineItemPayload),
  note: nullableString,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type CartPayload = z.infer<typeof CartPayload>;

export const CheckoutLineItemPayload = z.object({
  key: z.string(),
  product_id: ShopifyId.nullish().transform((v) => v ?? null),
  variant_id: ShopifyId.nullish().transform((v) => v ?? null),
  title: z.string(),
  quantity: z.number().int().nonnegative(),
  price: DecimalAmount,
  line_price: DecimalAmount.nullish(),
});
export type CheckoutLineItemPayload = z.infer<typeof CheckoutLineItemPayload>;

/** checkouts/create, checkouts/update (2025-10+: keyed by `token`; there is no checkout `id`). */
export const CheckoutPayload = z.object({
  token: z.string(),
  cart_token: nullableString,
  email: nullableString,
  created_at: Timestamp,
  updated_at: Timestamp,
  completed_at: nullableTimestamp,
  currency: z.string().length(3),
  total_price: DecimalAmount,
  subtotal_price: DecimalAmount.nullish(),
  landing_site: nullableString,
  referring_site: nullableString,
  source_name: nullableString,
  abandoned_checkout_url: nullableString,
  customer_locale: nullableString,
  customer: CustomerPayload.nullish().transform((v) => v ?? null),
  line_items: z.array(CheckoutLineItemPayload),
});
export type CheckoutPayload = z.infer<typeof CheckoutPayload>;

/** Compliance topics (mandatory for App Store apps). */
export const CustomersDataRequestPayload = z.object({
  shop_id: ShopifyId,
  shop_domain: z.string(),
  customer: z.object({ id: ShopifyId, email: nullableString, phone: nullableString }),
  orders_requested: z.array(ShopifyId).default([]),
  data_request: z.object({ id: ShopifyId }).optional(),
});
export type CustomersDataRequestPayload = z.infer<typeof CustomersDataRequestPayload>;

export const CustomersRedactPayload = z.object({
  shop_id: ShopifyId,
  shop_domain: z.string(),
  customer: z.object({ id: ShopifyId, email: nullableString, phone: nullableString }),
  orders_to_redact: z.array(ShopifyId).default([]),
});
export type CustomersRedactPayload = z.infer<typeof CustomersRedactPayload>;

export const ShopRedactPayload = z.object({ shop_id: ShopifyId, shop_domain: z.string() });
export type ShopRedactPayload = z.infer<typeof ShopRedactPayload>;

export const AppUninstalledPayload = z.object({ id: ShopifyId.optional(), domain: z.string().optional() });
export type AppUninstalledPayload = z.infer<typeof AppUninstalledPayload>;

/** Shopify sends tags as one comma-separated string. */
export function splitTags(tags: string): string[] {
  return tags
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}
