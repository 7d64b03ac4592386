import type { Db } from "~/db.server";
import type { AdminGraphql } from "~/domain/backfill/bulkOperation";
import { policyInForce } from "~/services/governance/policyStore.server";
import { deliverFlowAndMetafields, type ShopifyTarget as DeliveryTarget } from "~/services/delivery/flowAndMetafields.server";
import { sendDueMessages, type SendReport } from "~/services/delivery/sendMessages.server";
import { smtpTransportForShop } from "~/services/delivery/smtpSettings.server";
import { retryConsentSyncs, type ConsentSync } from "~/services/delivery/unsubscribe.server";
import { unsubscribeCustomerInShopify } from "~/adapters/shopify/customerConsent.server";

/**
 * Delivery's tick, after planning and review: for each installed shop with an active objective,
 * the due messages go out by email through the shop's SMTP settings (at most the policy's
 * per-minute send rate per tick; the worker ticks once a minute), and each message sent gets its
 * Flow trigger and customer metafields. A shop without SMTP settings sends nothing and says so.
 */
export type DeliveryDeps = {
  appUrl: string;
  /** Signs unsubscribe and decision tokens. */
  secret: string;
  encryptionKey: string | null | undefined;
  /** Where Flow triggers and metafields go: recorded only (demo), or the shop's Admin API. */
  adminFor: (shopId: string) => Promise<DeliveryTarget>;
  /** Provider lookup for crash recovery (the demo's local SMTP server can answer). */
  lookupAccepted?: (messageIdHeader: string) => Promise<boolean | null>;
};

export type ShopDelivery = { shopId: string; email: SendReport | null; note: string | null; flowAndMetafields: number; consentSyncsRetried: number };

export async function deliverDueForAllShops(store: Db, now: Date, deps: DeliveryDeps): Promise<ShopDelivery[]> {
  const reports: ShopDelivery[] = [];
  const shops = await store.objective.findMany({ where: { active: true }, select: { shopId: true }, distinct: ["shopId"] });
  for (const { shopId } of shops) {
    const shop = await store.shop.findUnique({ where: { id: shopId }, select: { status: true } });
    if (shop?.status !== "installed") continue;
    reports.push(await deliverDueForShop(store, shopId, now, deps));
  }
  return reports;
}

export async function deliverDueForShop(store: Db, shopId: string, now: Date, deps: DeliveryDeps): Promise<ShopDelivery> {
  const transport = await smtpTransportForShop(store, shopId, deps.encryptionKey);
  let email: SendReport | null = null;
  let note: string | null = null;
  if (!transport) note = "no SMTP settings: nothing is emailed until the merchant sets them (Delivery page)";
  else {
    const { policy } = await policyInForce(store, shopId);
    email = await sendDueMessages(store, shopId, now, {
      transport,
      appUrl: deps.appUrl,
      secret: deps.secret,
      limit: policy.suppression.maxSendsPerMinute,
      lookupAccepted: deps.lookupAccepted,
    });
  }
  const flowAndMetafields = await deliverSideChannels(store, shopId, deps);
  // Unsubscribes whose update of Shopify's consent failed are tried again (the local suppression held all along).
  const retried = await retryConsentSyncs(store, shopId, now, consentSync(deps));
  return { shopId, email, note, flowAndMetafields, consentSyncsRetried: retried.tried };
}

/** Flow trigger and metafields for each sent message that has none yet (one Delivery row per channel). */
export async function deliverSideChannels(store: Db, shopId: string, deps: Pick<DeliveryDeps, "adminFor">, limit = 500): Promise<number> {
  // The most recently sent (one IN list under SQLite's bound-parameter cap); older ones were handled by earlier ticks.
  const sent = await store.message.findMany({ where: { shopId, status: "sent" }, orderBy: { sentAt: "desc" }, take: 900, select: { id: true } });
  const done = new Set((await store.delivery.findMany({ where: { shopId, channel: "flow", messageId: { in: sent.map((m) => m.id) } }, select: { messageId: true } })).map((row) => row.messageId));
  const todo = sent.filter((message) => !done.has(message.id)).slice(0, limit);
  if (todo.length === 0) return 0;
  const target = await deps.adminFor(shopId);
  for (const message of todo) await deliverFlowAndMetafields(store, target, { shopId, messageId: message.id });
  return todo.length;
}

/** The Admin API target for a shop, from a function that gives its GraphQL client (production). */
export function shopifyTarget(graphqlFor: (shopId: string) => Promise<AdminGraphql>): (shopId: string) => Promise<DeliveryTarget> {
  return async (shopId) => ({ mode: "shopify", graphql: await graphqlFor(shopId) });
}

/** Shopify's consent update through the same target as Flow and metafields (skipped in demo mode). */
function consentSync(deps: Pick<DeliveryDeps, "adminFor">): ConsentSync {
  return async (shopId, customerId, consentUpdatedAt) => {
    const target = await deps.adminFor(shopId);
    if (target.mode === "demo") return { status: "skipped", reason: "demo mode: there is no Shopify store to update" };
    const outcome = await unsubscribeCustomerInShopify(target.graphql, { customerId, consentUpdatedAt });
    return outcome.ok ? { status: "updated" } : { status: "failed", retryable: outcome.retryable, error: outcome.error };
  };
}
