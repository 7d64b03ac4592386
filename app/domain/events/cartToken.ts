/**
 * The pixel names a cart as a global id with its secret key (`gid://shopify/Cart/<token>?key=<key>`)
 * while cart webhooks and checkouts' `cart_token` carry the bare token. Carts are joined on the
 * token, so the pixel's form is reduced to it (the key is never stored).
 */
export function cartTokenFromPixelCartId(pixelId: string): string {
  return pixelId.replace(/^gid:\/\/shopify\/Cart\//, "").replace(/\?.*$/, "");
}
