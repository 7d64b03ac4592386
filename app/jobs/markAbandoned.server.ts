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
    await store.$transaction(async (tx) => {
      for (const cart of staleCarts) {
        const at = abandonedAt({ lastActivityAt: cart.sourceUpdatedAt, completedAt: null, now, delayMinutes });
        // Conditional on the version read, so a cart updated meanwhile is not marked.
        carts += (await tx.cart.updateMany({ where: { shopId: shop.id, token: cart.token, sourceUpdatedAt: cart.sourceUpdatedAt, convertedAt: null }, data: { abandonedAt: at } })).count;
      }
      for (const checkout of staleCheckouts) {
        const at = abandonedAt({ lastActivityAt: checkout.sourceUpdatedAt, completedAt: null, now, delayMinutes });
        checkouts += (
          await tx.checkout.updateMany({ where: { shopId: shop.id, token: checkout.token, sourceUpdatedAt: checkout.sourceUpdatedAt, completedAt: null }, data: { abandonedAt: at } })
        ).count;
      }
    }, { timeout: 120_000 });
  }
  return { carts, checkouts };
}
