import type { Db } from "~/db.server";
import { abandonedAt } from "~/domain/projections/abandonment";
import { parseShopSettings } from "~/domain/shop/shopSettings";

/**
 * Marks carts and checkouts abandoned once the shop's delay has passed without activity or an
 * order. Run periodically by the worker; idempotent (a marked row is not touched again, and any new
 * activity clears the mark in the projections).
 */
export async function markAbandoned(store: Db, now: Date): Promise<{ carts: number; checkouts: number }> {
  const shops = await store.shop.findMany({ where: { status: "installed" }, select: { id: true, settings: true } });
  let carts = 0;
  let checkouts = 0;
  for (const shop of shops) {
    const delayMinutes = parseShopSettings(shop.settings).abandonmentDelayMinutes;
    const cutoff = new Date(now.getTime() - delayMinutes * 60_000);
    const staleCarts = await store.cart.findMany({
      where: { shopId: shop.id, convertedAt: null, abandonedAt: null, sourceUpdatedAt: { lte: cutoff } },
      select: { token: true, sourceUpdatedAt: true },
    });
    const staleCheckouts = await store.checkout.findMany({
      where: { shopId: shop.id, completedAt: null, abandonedAt: null, sourceUpdatedAt: { lte: cutoff } },
      select: { token: true, sourceUpdatedAt: true },
    });
    // One conditional update per row, no long transaction: SQLite's single writer must stay free for
    // webhook intake. Each update is atomic and marks a row only if it is still at the version read.
    for (const cart of staleCarts) {
      const at = abandonedAt({ lastActivityAt: cart.sourceUpdatedAt, completedAt: null, now, delayMinutes });
      const where = { shopId: shop.id, token: cart.token, sourceUpdatedAt: cart.sourceUpdatedAt, convertedAt: null };
      carts += (await store.cart.updateMany({ where, data: { abandonedAt: at } })).count;
    }
    for (const checkout of staleCheckouts) {
      const at = abandonedAt({ lastActivityAt: checkout.sourceUpdatedAt, completedAt: null, now, delayMinutes });
      const where = { shopId: shop.id, token: checkout.token, sourceUpdatedAt: checkout.sourceUpdatedAt, completedAt: null };
      checkouts += (await store.checkout.updateMany({ where, data: { abandonedAt: at } })).count;
    }
  }
  return { carts, checkouts };
}
