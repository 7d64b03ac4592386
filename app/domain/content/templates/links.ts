/**
 * Where the call to action points: plain storefront URLs on the shop's primary domain (rendering
 * adds UTM parameters and the signed decision token). A cart message goes to /cart (the brief
 * carries no recovery URL); a message about exactly one product to that product's page; anything
 * else to /collections/all.
 */
export type CtaTarget = "cart" | "products";

/** "https://demo-store.myshopify.com" from "demo-store.myshopify.com" (a scheme or trailing slash is tolerated). */
export function shopOrigin(primaryDomain: string): string {
  const host = primaryDomain.trim().replace(/^https?:\/\//i, "").replace(/\/+$/, "");
  let url: URL | null = null;
  try {
    url = new URL(`https://${host}`);
  } catch {
    url = null;
  }
  if (!url || host === "" || url.username || url.password || url.pathname !== "/" || url.search || url.hash || !url.hostname.includes(".")) {
    throw new Error(`not a storefront domain: ${JSON.stringify(primaryDomain)}`);
  }
  return url.origin;
}

export function ctaUrl(origin: string, target: CtaTarget, productHandles: ReadonlyArray<string | null>): string {
  if (target === "cart") return `${origin}/cart`;
  const [only] = productHandles;
  if (productHandles.length === 1 && only) return `${origin}/products/${encodeURIComponent(only)}`;
  return `${origin}/collections/all`;
}
