import type { z } from "zod";
import type { DiscountCode, OrderLineItemPayload, OrderPayload } from "../events/webhookPayloads";
import { fromMinorUnits, toMinorUnits } from "../money/money";
import { legacyId, type GqlLineItem, type GqlOrder } from "./bulkObjects";
import { restCustomer } from "./convertCustomer";
import { landingFromJourney } from "./landingSite";

export type RestLineItem = z.input<typeof OrderLineItemPayload> & { admin_graphql_api_id: string };
export type RestDiscountCode = z.input<typeof DiscountCode>;
export type RestOrder = z.input<typeof OrderPayload> & { admin_graphql_api_id: string };

/**
 * A GraphQL order with its line items as the `orders/updated` webhook would send it. Money is the
 * shop-currency side of each MoneyBag (REST's `total_price` and friends are in shop currency).
 *
 * What GraphQL does not have: `cart_token` and `checkout_token` (null: backfilled orders do not
 * link to carts, which are live data anyway).
 */
export function restOrder(order: GqlOrder, lineItems: readonly GqlLineItem[]): RestOrder {
  const currency = order.currencyCode;
  const { landingSite, referringSite } = landingFromJourney(order.customerJourneySummary);
  return {
    id: legacyId(order.id),
    admin_graphql_api_id: order.id,
    name: order.name,
    email: order.email,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt ?? null,
    cancelled_at: order.cancelledAt ?? null,
    // OrderDisplayFinancialStatus PAID, PARTIALLY_REFUNDED, ... is REST's financial_status upper-cased.
    financial_status: order.displayFinancialStatus ? order.displayFinancialStatus.toLowerCase() : null,
    currency,
    total_price: order.totalPriceSet.shopMoney.amount,
    subtotal_price: order.subtotalPriceSet?.shopMoney.amount ?? null,
    total_discounts: order.totalDiscountsSet?.shopMoney.amount ?? "0.00",
    discount_codes: discountCodes(order.discountCodes, lineItems, currency),
    landing_site: landingSite,
    referring_site: referringSite,
    source_name: order.sourceName,
    cart_token: null,
    checkout_token: null,
    customer_locale: order.customerLocale,
    customer: order.customer ? restCustomer(order.customer) : null,
    line_items: lineItems.map(restLineItem),
    test: order.test ?? false,
  };
}

export function restLineItem(item: GqlLineItem): RestLineItem {
  return {
    id: legacyId(item.id),
    admin_graphql_api_id: item.id,
    // Deleted products and variants are null in GraphQL, as they are in REST.
    product_id: item.product ? legacyId(item.product.id) : null,
    variant_id: item.variant ? legacyId(item.variant.id) : null,
    title: item.title,
    variant_title: item.variantTitle,
    sku: item.sku,
    quantity: item.quantity,
    price: item.originalUnitPriceSet.shopMoney.amount,
    total_discount: item.totalDiscountSet?.shopMoney.amount ?? "0.00",
  };
}

/**
 * REST's `discount_codes` ({code, amount, type}) from GraphQL's `discountCodes` (the codes used)
 * and the line items' discount allocations (how much each code took off, and whether it is a
 * percentage or a fixed amount). A code that took nothing off any line item discounted shipping,
 * the only other thing a code can target: it gets amount 0 and type "shipping".
 */
export function discountCodes(codes: readonly string[], lineItems: readonly GqlLineItem[], currency: string): RestDiscountCode[] {
  const byCode = new Map<string, { minor: number; type: string }>();
  for (const item of lineItems) {
    for (const allocation of item.discountAllocations) {
      const application = allocation.discountApplication;
      if (application.__typename !== "DiscountCodeApplication" || !application.code) continue;
      const key = application.code.toLowerCase();
      const entry = byCode.get(key) ?? { minor: 0, type: discountType(application.value?.__typename) };
      entry.minor += toMinorUnits(allocation.allocatedAmountSet.shopMoney.amount, currency);
      byCode.set(key, entry);
    }
  }
  return codes.map((code) => {
    const entry = byCode.get(code.toLowerCase());
    return entry
      ? { code, amount: fromMinorUnits(entry.minor, currency), type: entry.type }
      : { code, amount: fromMinorUnits(0, currency), type: "shipping" };
  });
}

function discountType(valueType: string | undefined): string {
  return valueType === "PricingPercentageValue" ? "percentage" : "fixed_amount";
}
