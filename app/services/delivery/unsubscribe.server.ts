import type { Db } from "~/db.server";
import type { MessageStatus } from "~/domain/governance/autonomy";
import { withdrawMessages } from "~/services/governance/reviewMessages.server";
import { verifyUnsubscribeToken } from "./decisionToken.server";

/**
 * One-click unsubscribe (RFC 8058): the shopper's mail client POSTs the signed link from the
 * List-Unsubscribe header, or the shopper confirms on the page the link opens.
 *
 * Effects, in one transaction, before anything else can send:
 *   - the customer's emailMarketingState becomes UNSUBSCRIBED locally (consentUpdatedAt = the
 *     click, so an older consent webhook cannot undo it; the projection orders consent by it);
 *   - a Suppression row (reason "unsubscribed") that holds whatever Shopify or a later webhook
 *     says, until a person lifts it (the sender and the planner both read it);
 *   - every pending message for them (awaiting approval, approved, edited, ready, or a failed one
 *     that could be retried) is blocked, with the reason in its audit history.
 * Then Shopify's own consent is withdrawn (customerEmailMarketingConsentUpdate with the shop's
 * offline session) so the merchant's other tools stop too. Its outcome is recorded in the
 * suppression's detail; if Shopify cannot be reached it stays "pending"/"failed" and
 * `retryConsentSyncs` tries again later. In demo mode there is no Shopify store: "skipped".
 *
 * Idempotent: a second click changes nothing and answers the same; a validly signed link for a
 * customer the app never stored still suppresses that id (harmless, and it holds if they arrive
 * later); a link for a shop that is gone writes nothing. An invalid or tampered token writes nothing.
 */
export type ConsentSyncOutcome = { status: "updated" } | { status: "failed"; retryable: boolean; error: string } | { status: "skipped"; reason: string };

/** Withdraws consent in Shopify for one customer (the route binds it to the shop's offline session). */
export type ConsentSync = (shopId: string, customerId: string, consentUpdatedAt: Date) => Promise<ConsentSyncOutcome>;

export type ShopifySyncRecord = {
  status: "pending" | "updated" | "failed" | "skipped";
  attempts: number;
  lastAttemptAt: string | null;
  error: string | null;
};

export type UnsubscribeDetail = { source: "one-click" | "admin"; requestedAt: string; shopify: ShopifySyncRecord };

export type UnsubscribeResult = {
  shopId: string;
  customerId: string;
  /** The shop no longer exists (uninstalled and redacted): nothing was written. */
  unknownShop: boolean;
  alreadyUnsubscribed: boolean;
  blockedMessages: number;
  shopify: ShopifySyncRecord | null;
};

/**
 * The key email links are signed with (decision and unsubscribe tokens): the app's
 * SHOPIFY_API_SECRET, as the delivery worker passes it to the sender. The tokens' MAC covers a
 * kind-tagged string ("am-unsubscribe-v1.<payload>"), never a webhook body, so a token and a
 * webhook signature cannot stand in for each other. Rotating the secret invalidates the links in
 * emails already sent. The sender and every route that verifies a token must use this function.
 */
export function emailLinkSecret(shopifyApiSecret: string): string {
  return shopifyApiSecret;
}

const PENDING: readonly MessageStatus[] = ["awaiting-approval", "approved", "edited-approved", "ready", "failed"];
const REASON = "unsubscribed";

/** Verifies the token and unsubscribes; null for an invalid or tampered token (nothing written). */
export async function unsubscribeWithToken(
  store: Db,
  token: string,
  options: { secret: string; now: Date; syncConsent: ConsentSync; source?: UnsubscribeDetail["source"] },
): Promise<UnsubscribeResult | null> {
  const subject = verifyUnsubscribeToken(token, options.secret);
  if (!subject) return null;
  return unsubscribeCustomer(store, subject.shopId, subject.customerId, options.now, options);
}

export async function unsubscribeCustomer(
  store: Db,
  shopId: string,
  customerId: string,
  now: Date,
  options: { syncConsent: ConsentSync; source?: UnsubscribeDetail["source"] },
): Promise<UnsubscribeResult> {
  const local = await store.$transaction(async (tx) => {
    const shop = await tx.shop.findUnique({ where: { id: shopId }, select: { id: true } });
    if (!shop) return null;
    const existing = await tx.suppression.findUnique({ where: { shopId_customerId_reason: { shopId, customerId, reason: REASON } } });
    if (!existing) {
      const detail: UnsubscribeDetail = { source: options.source ?? "one-click", requestedAt: now.toISOString(), shopify: { status: "pending", attempts: 0, lastAttemptAt: null, error: null } };
      await tx.suppression.create({ data: { shopId, customerId, reason: REASON, detail: JSON.stringify(detail), createdAt: now } });
    }
    // A redacted customer keeps REDACTED; otherwise the local consent follows the click at once.
    await tx.customer.updateMany({
      where: { shopId, id: customerId, redactedAt: null, emailMarketingState: { not: "UNSUBSCRIBED" } },
      data: { emailMarketingState: "UNSUBSCRIBED", emailConsentUpdatedAt: now },
    });
    const pending = await tx.message.findMany({ where: { shopId, customerId, status: { in: [...PENDING] } }, select: { id: true } });
    const blocked = await withdrawMessages(tx, shopId, pending.map((m) => ({ id: m.id, reason: "the shopper unsubscribed with the link in an email" })), now);
    return { alreadyUnsubscribed: existing !== null, blocked };
  });
  if (!local) return { shopId, customerId, unknownShop: true, alreadyUnsubscribed: false, blockedMessages: 0, shopify: null };
  const shopify = await syncConsentToShopify(store, shopId, customerId, now, options.syncConsent);
  return { shopId, customerId, unknownShop: false, alreadyUnsubscribed: local.alreadyUnsubscribed, blockedMessages: local.blocked, shopify };
}

export function parseUnsubscribeDetail(detail: string | null): UnsubscribeDetail | null {
  if (!detail) return null;
  try {
    const parsed = JSON.parse(detail) as Partial<UnsubscribeDetail>;
    if (!parsed.shopify || typeof parsed.shopify.status !== "string") return null;
    return parsed as UnsubscribeDetail;
  } catch {
    return null;
  }
}

/**
 * Withdraws the consent in Shopify unless that is already done (or skipped, in demo mode), and
 * records the outcome on the suppression. Never throws for Shopify's failures.
 */
export async function syncConsentToShopify(store: Db, shopId: string, customerId: string, now: Date, syncConsent: ConsentSync): Promise<ShopifySyncRecord | null> {
  const row = await store.suppression.findUnique({ where: { shopId_customerId_reason: { shopId, customerId, reason: REASON } } });
  if (!row) return null;
  const detail = parseUnsubscribeDetail(row.detail) ?? { source: "one-click" as const, requestedAt: row.createdAt.toISOString(), shopify: { status: "pending" as const, attempts: 0, lastAttemptAt: null, error: null } };
  if (detail.shopify.status === "updated" || detail.shopify.status === "skipped") return detail.shopify;
  let outcome: ConsentSyncOutcome;
  try {
    outcome = await syncConsent(shopId, customerId, new Date(detail.requestedAt));
  } catch (error) {
    outcome = { status: "failed", retryable: true, error: (error as Error).message };
  }
  const shopify: ShopifySyncRecord = {
    status: outcome.status === "updated" ? "updated" : outcome.status === "skipped" ? "skipped" : outcome.retryable ? "pending" : "failed",
    attempts: detail.shopify.attempts + 1,
    lastAttemptAt: now.toISOString(),
    error: outcome.status === "failed" ? outcome.error.slice(0, 500) : outcome.status === "skipped" ? outcome.reason : null,
  };
  await store.suppression.updateMany({ where: { shopId, customerId, reason: REASON, detail: row.detail }, data: { detail: JSON.stringify({ ...detail, shopify }) } });
  return shopify;
}

/** Tries again every unsubscribe Shopify has not confirmed yet (the worker calls this periodically). */
export async function retryConsentSyncs(store: Db, shopId: string, now: Date, syncConsent: ConsentSync, options: { limit?: number; maxAttempts?: number } = {}): Promise<{ tried: number; updated: number }> {
  const rows = await store.suppression.findMany({ where: { shopId, reason: REASON }, orderBy: { createdAt: "asc" }, select: { customerId: true, detail: true } });
  const maxAttempts = options.maxAttempts ?? 20;
  const todo = rows.filter((row) => {
    const detail = parseUnsubscribeDetail(row.detail);
    return detail !== null && detail.shopify.status === "pending" && detail.shopify.attempts < maxAttempts;
  });
  let updated = 0;
  for (const row of todo.slice(0, options.limit ?? 100)) {
    const result = await syncConsentToShopify(store, shopId, row.customerId, now, syncConsent);
    if (result?.status === "updated") updated++;
  }
  return { tried: Math.min(todo.length, options.limit ?? 100), updated };
}
