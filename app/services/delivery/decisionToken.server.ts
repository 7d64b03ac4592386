import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed tokens the email carries, so the app can trust what comes back without a login:
 * - the decision token (`am_d` on every storefront link): which shop's which message (decision) a
 *   visit or order came from, for attribution;
 * - the unsubscribe token (`t` on the one-click unsubscribe URL): which shop's which customer asked
 *   to stop, so the endpoint can act on a bare POST (RFC 8058).
 *
 * Format: base64url(JSON [kind, shopId, id]) "." base64url(HMAC-SHA256(secret, kind-tagged payload)).
 * The ids travel in the token (the endpoint needs them), the MAC makes any change to them, or to
 * the kind, detectable; a decision token is never accepted as an unsubscribe token or the other way
 * round. Compared in constant time. No expiry: attribution windows are the reader's business, and
 * an unsubscribe link must keep working as long as the email exists.
 */
export type DecisionClaims = { shopId: string; messageId: string };
export type UnsubscribeClaims = { shopId: string; customerId: string };

type Kind = "am-decision-v1" | "am-unsubscribe-v1";

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", secret).update(payload).digest();
}

function requireSecret(secret: string): void {
  if (typeof secret !== "string" || secret.length < 16) throw new Error("a signing secret of at least 16 characters is required");
}

function sign(kind: Kind, shopId: string, id: string, secret: string): string {
  requireSecret(secret);
  if (!shopId || !id) throw new Error(`${kind}: the shop id and the ${kind === "am-decision-v1" ? "message" : "customer"} id are required`);
  const payload = Buffer.from(JSON.stringify([kind, shopId, id]), "utf8").toString("base64url");
  return `${payload}.${mac(secret, `${kind}.${payload}`).toString("base64url")}`;
}

function verify(kind: Kind, token: string, secret: string): [string, string] | null {
  requireSecret(secret);
  if (typeof token !== "string" || token.length > 2048) return null;
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) return null;
  const payload = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return null;
  const expected = mac(secret, `${kind}.${payload}`);
  const given = Buffer.from(signature, "base64url");
  // Only the canonical encoding: a second spelling of the same bytes is not a second valid token.
  if (given.length !== expected.length || given.toString("base64url") !== signature || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(claims) || claims.length !== 3 || claims[0] !== kind) return null;
  const [, shopId, id] = claims as unknown[];
  return typeof shopId === "string" && typeof id === "string" && shopId !== "" && id !== "" ? [shopId, id] : null;
}

/** The attribution token for links in one message's email. */
export function decisionToken(claims: DecisionClaims, secret: string): string {
  return sign("am-decision-v1", claims.shopId, claims.messageId, secret);
}

/** The shop and message a decision token names, or null if it was not signed with `secret` or was changed. */
export function verifyDecisionToken(token: string, secret: string): DecisionClaims | null {
  const claims = verify("am-decision-v1", token, secret);
  return claims && { shopId: claims[0], messageId: claims[1] };
}

/** The token of a customer's one-click unsubscribe link. */
export function unsubscribeToken(claims: UnsubscribeClaims, secret: string): string {
  return sign("am-unsubscribe-v1", claims.shopId, claims.customerId, secret);
}

/** The shop and customer an unsubscribe token names, or null if it was not signed with `secret` or was changed. */
export function verifyUnsubscribeToken(token: string, secret: string): UnsubscribeClaims | null {
  const claims = verify("am-unsubscribe-v1", token, secret);
  return claims && { shopId: claims[0], customerId: claims[1] };
}
