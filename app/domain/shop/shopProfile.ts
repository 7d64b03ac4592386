/** What the app keeps about the store itself. */
export type ShopProfile = {
  name: string;
  currencyCode: string;
  ianaTimezone: string;
  /** The storefront's primary host; links in messages may only point here or to the myshopify domain. */
  primaryDomain: string | null;
};

/** A myshopify domain, the tenant key: lower case letters, digits and hyphens, then .myshopify.com. */
export const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function isShopDomain(value: string): boolean {
  return SHOP_DOMAIN.test(value);
}
