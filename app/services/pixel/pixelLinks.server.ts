import type { DbTransaction } from "~/services/recordInboxEvent.server";

export type PixelLink = { clientId: string; customerId: string | null };

/**
 * Which browser viewed a cart, and its customer if the browser is linked: for the cart projection,
 * when a cart arrives after the pixel's `cart_viewed` was applied (cart webhooks carry neither).
 * The latest viewer wins. Expects an index on BrowseEvent (shopId, cartToken) at scale.
 */
export async function pixelLinkOfCart(tx: DbTransaction, shopId: string, cartToken: string): Promise<PixelLink | null> {
  const viewed = await tx.browseEvent.findFirst({
    where: { shopId, cartToken },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { clientId: true, customerId: true },
  });
  if (!viewed) return null;
  if (viewed.customerId) return viewed;
  const client = await tx.pixelClient.findUnique({ where: { shopId_clientId: { shopId, clientId: viewed.clientId } }, select: { customerId: true } });
  return { clientId: viewed.clientId, customerId: client?.customerId ?? null };
}
