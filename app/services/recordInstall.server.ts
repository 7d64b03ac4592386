import type { Db } from "~/db.server";
import type { DbTransaction } from "./recordInboxEvent.server";
import type { ShopProfile } from "~/domain/shop/shopProfile";
import { isShopDomain } from "~/domain/shop/shopProfile";

/**
 * Marks a shop installed (again) with its current profile. Idempotent: re-authentication and
 * reinstalls update the same row; an uninstall's timestamp is cleared on reinstall.
 */
export async function recordInstall(store: Db, input: { shopId: string; profile: ShopProfile; now?: Date }): Promise<void> {
  if (!isShopDomain(input.shopId)) throw new Error(`not a myshopify domain: ${input.shopId}`);
  const now = input.now ?? new Date();
  const fields = {
    name: input.profile.name,
    currencyCode: input.profile.currencyCode,
    ianaTimezone: input.profile.ianaTimezone,
    primaryDomain: input.profile.primaryDomain,
    status: "installed",
    uninstalledAt: null,
  };
  await store.shop.upsert({
    where: { id: input.shopId },
    create: { id: input.shopId, installedAt: now, ...fields },
    update: fields,
  });
}

/** Marks a shop uninstalled and forgets its sessions, as app/uninstalled requires. Idempotent. */
export async function recordUninstall(store: Db, input: { shopId: string; now?: Date }): Promise<void> {
  await store.$transaction((tx) => uninstallShop(tx, input));
}

/** recordUninstall's work inside a caller's transaction (the webhook commits it with its inbox row). */
export async function uninstallShop(tx: DbTransaction, input: { shopId: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await tx.shop.updateMany({ where: { id: input.shopId, status: "installed" }, data: { status: "uninstalled", uninstalledAt: now } });
  await tx.session.deleteMany({ where: { shop: input.shopId } });
}
