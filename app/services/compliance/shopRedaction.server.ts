import type { Prisma } from "~/generated/sqlite/client";
import type { DbTransaction } from "~/services/recordInboxEvent.server";

/**
 * shop/redact (48 hours after uninstall): deletes every row the app holds for the shop, in every
 * table. The table list is typed by Prisma's model names, so adding a model without deciding how
 * its rows are deleted here fails type checking.
 *
 * One row is kept: the inbox event being applied (`keepInboxEventId`). The worker marks it applied
 * in the same transaction, and it holds only the shop's id and domain; it is the record that the
 * request was carried out. Inbox rows after it are left to the worker too (they are still pending
 * and the worker updates them; with the shop row gone they are ignored).
 */
type Deleter = (tx: DbTransaction, shopId: string, keepInboxEventId: number | null) => Promise<{ count: number }>;

export const SHOP_TABLE_DELETERS: Record<Prisma.ModelName, Deleter> = {
  Session: (tx, shopId) => tx.session.deleteMany({ where: { shop: shopId } }),
  InboxEvent: (tx, shopId, keep) =>
    tx.inboxEvent.deleteMany({ where: keep === null ? { shopId } : { shopId, OR: [{ id: { lt: keep } }, { id: { gt: keep }, status: { not: "pending" } }] } }),
  Customer: (tx, shopId) => tx.customer.deleteMany({ where: { shopId } }),
  Product: (tx, shopId) => tx.product.deleteMany({ where: { shopId } }),
  ProductVariant: (tx, shopId) => tx.productVariant.deleteMany({ where: { shopId } }),
  Category: (tx, shopId) => tx.category.deleteMany({ where: { shopId } }),
  Order: (tx, shopId) => tx.order.deleteMany({ where: { shopId } }),
  OrderLineItem: (tx, shopId) => tx.orderLineItem.deleteMany({ where: { shopId } }),
  Cart: (tx, shopId) => tx.cart.deleteMany({ where: { shopId } }),
  Checkout: (tx, shopId) => tx.checkout.deleteMany({ where: { shopId } }),
  BrowseEvent: (tx, shopId) => tx.browseEvent.deleteMany({ where: { shopId } }),
  LoyaltyEntry: (tx, shopId) => tx.loyaltyEntry.deleteMany({ where: { shopId } }),
  PixelClient: (tx, shopId) => tx.pixelClient.deleteMany({ where: { shopId } }),
  BackfillRun: (tx, shopId) => tx.backfillRun.deleteMany({ where: { shopId } }),
  ComplianceExport: (tx, shopId) => tx.complianceExport.deleteMany({ where: { shopId } }),
  ModelFit: (tx, shopId) => tx.modelFit.deleteMany({ where: { shopId } }),
  Objective: (tx, shopId) => tx.objective.deleteMany({ where: { shopId } }),
  PlanningRun: (tx, shopId) => tx.planningRun.deleteMany({ where: { shopId } }),
  Decision: (tx, shopId) => tx.decision.deleteMany({ where: { shopId } }),
  PolicyVersion: (tx, shopId) => tx.policyVersion.deleteMany({ where: { shopId } }),
  Message: (tx, shopId) => tx.message.deleteMany({ where: { shopId } }),
  Suppression: (tx, shopId) => tx.suppression.deleteMany({ where: { shopId } }),
  LlmCall: (tx, shopId) => tx.llmCall.deleteMany({ where: { shopId } }),
  Delivery: (tx, shopId) => tx.delivery.deleteMany({ where: { shopId } }),
  ShopSecret: (tx, shopId) => tx.shopSecret.deleteMany({ where: { shopId } }),
  // Last, so that a shop row still present means the redaction has not finished.
  Shop: (tx, shopId) => tx.shop.deleteMany({ where: { id: shopId } }),
};

export async function redactShop(tx: DbTransaction, input: { shopId: string; keepInboxEventId: number | null }): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const [model, deleter] of Object.entries(SHOP_TABLE_DELETERS)) {
    deleted[model] = (await deleter(tx, input.shopId, input.keepInboxEventId)).count;
  }
  return deleted;
}
