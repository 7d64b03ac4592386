import { applyCart, applyCheckout } from "./basketProjection.server";
import { applyConsent, applyCustomer, applyCustomerDelete } from "./customerProjection.server";
import { applyOrder } from "./orderProjection.server";
import { applyProduct, applyProductDelete } from "./productProjection.server";
import type { Projection } from "./projection.server";

/**
 * Projections of the store's own records. Webhooks and the history backfill land through the same
 * functions: a backfilled object is converted to the webhook's payload shape first.
 */
export const STORE_PROJECTIONS: Record<string, Projection> = {
  "webhook:customers/create": applyCustomer,
  "webhook:customers/update": applyCustomer,
  "webhook:customers/delete": applyCustomerDelete,
  "webhook:customers_email_marketing_consent/update": applyConsent,
  "webhook:products/create": applyProduct,
  "webhook:products/update": applyProduct,
  "webhook:products/delete": applyProductDelete,
  "webhook:orders/create": applyOrder,
  "webhook:orders/updated": applyOrder,
  "webhook:orders/paid": applyOrder,
  "webhook:orders/cancelled": applyOrder,
  "webhook:carts/create": applyCart,
  "webhook:carts/update": applyCart,
  "webhook:checkouts/create": applyCheckout,
  "webhook:checkouts/update": applyCheckout,
  // The route deactivates the shop in the same transaction that records the event; nothing is left to do.
  "webhook:app/uninstalled": async () => undefined,
  // The route starts the import of the finished bulk operation; the event is kept as its record.
  "webhook:bulk_operations/finish": async () => undefined,
  "backfill:customers": applyCustomer,
  "backfill:customer_consent": applyConsent,
  "backfill:products": applyProduct,
  "backfill:orders": applyOrder,
};
