import { addDays } from "../../domain/shared/time";
import * as ids from "./ids";
import type { PlannedOrder } from "./orderPlanning";
import { addressJson, documentationIp, money, moneySet } from "./payloadParts";
import type { CustomerWebhookJson, OrderLineItemJson, OrderWebhookJson } from "./payloadTypes";
import type { Persona } from "./personas";
import type { Random } from "./random";
import { DEMO_SHOP } from "./shop";
import { formatInZone } from "./timestamps";

/**
 * A planned order as Shopify's orders/* webhook body. Order-level discount codes are spread over
 * the lines in `discount_allocations` (line `total_discount` stays "0.00", as Shopify reports it for
 * code discounts); tax is allocated the same way.
 */
export type OrderTokens = { cartToken: string | null; checkoutToken: string | null };

const APP_IDS = { web: 580111, pos: 129785, shopify_draft_order: 1354745 } as const;
const POS_LOCATION_ID = 71_234_567_890;

export function orderJson(
  rng: Random,
  persona: Persona,
  order: PlannedOrder,
  tokens: OrderTokens,
  customer: CustomerWebhookJson,
  now: Date,
  nextLineItemId: () => number,
): OrderWebhookJson {
  const zone = DEMO_SHOP.ianaTimezone;
  const id = ids.orderId(persona.index, order.sequence);
  const number = ids.orderNumber(persona.index, order.sequence);
  const token = ids.orderToken(rng);
  const fulfilledAt = order.cancellation ? null : addDays(order.at, rng.between(1, 4));
  const fulfilled = fulfilledAt !== null && fulfilledAt.getTime() <= now.getTime();
  const updatedAt = order.cancellation?.at ?? (fulfilled && fulfilledAt ? fulfilledAt : new Date(order.at.getTime() + 60_000));
  const discountShares = allocate(order.discountMinor, order.lines.map((line) => line.variant.priceMinor * line.quantity));
  const taxShares = allocate(order.taxMinor, order.lines.map((line, i) => line.variant.priceMinor * line.quantity - (discountShares[i] ?? 0)));
  const lineItems = order.lines.map((line, i): OrderLineItemJson => {
    const lineId = nextLineItemId();
    const discount = discountShares[i] ?? 0;
    return {
      id: lineId,
      admin_graphql_api_id: ids.gid("LineItem", lineId),
      product_id: line.product.id,
      variant_id: line.variant.id,
      title: line.product.title,
      variant_title: line.variant.title,
      name: `${line.product.title} - ${line.variant.title}`,
      sku: line.variant.sku,
      vendor: line.product.vendor,
      quantity: line.quantity,
      current_quantity: order.cancellation ? 0 : line.quantity,
      fulfillable_quantity: fulfilled || order.cancellation ? 0 : line.quantity,
      fulfillment_status: fulfilled ? "fulfilled" : null,
      fulfillment_service: "manual",
      price: money(line.variant.priceMinor),
      price_set: moneySet(line.variant.priceMinor),
      total_discount: money(0),
      total_discount_set: moneySet(0),
      discount_allocations: discount > 0 ? [{ amount: money(discount), amount_set: moneySet(discount), discount_application_index: 0 }] : [],
      gift_card: false,
      grams: line.variant.grams,
      requires_shipping: true,
      taxable: true,
      product_exists: true,
      properties: [],
      tax_lines: order.taxRate > 0 ? [{ title: "Sales Tax", price: money(taxShares[i] ?? 0), rate: order.taxRate }] : [],
    };
  });
  const web = order.sourceName === "web";
  const cancelledAt = order.cancellation ? formatInZone(order.cancellation.at, zone) : null;
  return {
    id,
    admin_graphql_api_id: ids.gid("Order", id),
    name: `#${number}`,
    order_number: number,
    number: number - 1000,
    token,
    confirmation_number: ids.confirmationNumber(rng),
    confirmed: true,
    app_id: APP_IDS[order.sourceName],
    email: persona.email,
    contact_email: persona.email,
    phone: persona.phone,
    created_at: formatInZone(order.at, zone),
    updated_at: formatInZone(updatedAt, zone),
    processed_at: formatInZone(order.at, zone),
    closed_at: fulfilled && fulfilledAt ? formatInZone(fulfilledAt, zone) : null,
    cancelled_at: cancelledAt,
    cancel_reason: order.cancellation?.reason ?? null,
    financial_status: order.cancellation?.financialStatus ?? "paid",
    fulfillment_status: fulfilled ? "fulfilled" : null,
    currency: DEMO_SHOP.currencyCode,
    presentment_currency: DEMO_SHOP.currencyCode,
    total_line_items_price: money(order.lineItemsMinor),
    subtotal_price: money(order.subtotalMinor),
    total_tax: money(order.taxMinor),
    total_discounts: money(order.discountMinor),
    total_price: money(order.totalMinor),
    total_outstanding: money(0),
    current_total_price: money(order.cancellation ? 0 : order.totalMinor),
    total_line_items_price_set: moneySet(order.lineItemsMinor),
    subtotal_price_set: moneySet(order.subtotalMinor),
    total_tax_set: moneySet(order.taxMinor),
    total_discounts_set: moneySet(order.discountMinor),
    total_price_set: moneySet(order.totalMinor),
    total_shipping_price_set: moneySet(order.shippingMinor),
    taxes_included: false,
    tax_exempt: false,
    discount_codes: order.discount ? [{ code: order.discount.code, amount: money(order.discount.amountMinor), type: order.discount.type }] : [],
    discount_applications: order.discount
      ? [{ type: "discount_code", code: order.discount.code, value: order.discount.value, value_type: order.discount.type, allocation_method: "across", target_selection: "all", target_type: "line_item" }]
      : [],
    landing_site: order.visit?.landingPath ?? null,
    landing_site_ref: null,
    referring_site: order.visit?.referringSite ?? null,
    source_name: order.sourceName,
    source_identifier: order.sourceName === "pos" ? `${POS_LOCATION_ID}-1-${number}` : null,
    location_id: order.sourceName === "pos" ? POS_LOCATION_ID : null,
    cart_token: web ? tokens.cartToken : null,
    checkout_token: order.sourceName === "pos" ? null : tokens.checkoutToken,
    checkout_id: web ? 36_000_000_000_000 + persona.index * ids.MAX_ORDERS_PER_CUSTOMER + order.sequence : null,
    customer_locale: order.sourceName === "pos" ? null : persona.locale,
    buyer_accepts_marketing: order.acceptsMarketing,
    browser_ip: web ? documentationIp(persona.index + order.sequence) : null,
    tags: order.discount?.loyaltyPoints ? "loyalty-redemption" : "",
    note: null,
    note_attributes: [],
    payment_gateway_names: order.sourceName === "shopify_draft_order" ? ["manual"] : ["shopify_payments"],
    order_status_url: `https://${DEMO_SHOP.primaryDomain}/${DEMO_SHOP.id}/orders/${token}/authenticate?key=${rng.hex(32)}`,
    test: false,
    customer,
    billing_address: addressJson(persona),
    shipping_address: order.sourceName === "pos" ? null : addressJson(persona),
    line_items: lineItems,
    shipping_lines:
      order.sourceName === "pos"
        ? []
        : [{ id: ids.shippingLineId(persona.index, order.sequence), code: "Standard", title: "Standard", source: "shopify", price: money(order.shippingMinor), discounted_price: money(order.shippingMinor), price_set: moneySet(order.shippingMinor) }],
    refunds:
      order.cancellation?.financialStatus === "refunded" && cancelledAt
        ? [{ id: 9_100_000_000_000 + persona.index * ids.MAX_ORDERS_PER_CUSTOMER + order.sequence, created_at: cancelledAt, note: "Order cancelled" }]
        : [],
  };
}

/** Splits `total` across `weights` in whole minor units; the rounding remainder goes to the largest weight. */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || sum === 0) return weights.map(() => 0);
  const shares = weights.map((weight) => Math.floor((total * weight) / sum));
  const largest = weights.indexOf(Math.max(...weights));
  shares[largest] = (shares[largest] ?? 0) + total - shares.reduce((a, b) => a + b, 0);
  return shares;
}
