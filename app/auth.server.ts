import { authenticate } from "./shopify.server";
import { env } from "./env.server";

import { DEMO_ADMIN, DEMO_SHOP } from "./demoAccount";

export { DEMO_ADMIN, DEMO_SHOP };

/**
 * Who is acting, when the session says: the online session's associated user (id and email).
 * Null with an offline session (this app's default), which only names the shop; callers that
 * record an actor fall back to a shop-level one.
 */
export type AdminUser = { id: string; email: string | null };

export type AdminContext =
  | { mode: "shopify"; shop: string; user: AdminUser | null; admin: Awaited<ReturnType<typeof authenticate.admin>>["admin"] }
  | { mode: "demo"; shop: string; user: AdminUser; admin: null };

/**
 * Every admin loader and action starts here. In Shopify mode this is `authenticate.admin`
 * (session token, token exchange, redirects); in demo mode, which the environment refuses to
 * enable in production or off loopback (env.server.ts), it signs in as the demo shop.
 */
export async function requireAdmin(request: Request): Promise<AdminContext> {
  if (env().DEMO_MODE) return { mode: "demo", shop: DEMO_SHOP, user: { ...DEMO_ADMIN }, admin: null };
  const { admin, session } = await authenticate.admin(request);
  const associated = session.onlineAccessInfo?.associated_user;
  const user = associated ? { id: String(associated.id), email: associated.email || null } : null;
  return { mode: "shopify", shop: session.shop, user, admin };
}
