import type { ShopProfile } from "../../domain/shop/shopProfile";

/**
 * The demo store: a skin-care and wellness shop in New York selling in US dollars worldwide.
 * The primary domain uses the reserved `.example` top-level domain (RFC 2606) so that links in
 * demo messages can never reach a real site; shopper emails use example.com/.net/.org likewise.
 */
export type DemoShop = ShopProfile & {
  id: number;
  myshopifyDomain: string;
  email: string;
  countryCode: string;
  primaryLocale: string;
};

export const DEMO_SHOP: DemoShop = {
  id: 61_234_567_890,
  name: "Demo Botanics",
  myshopifyDomain: "demo-botanics.myshopify.com",
  primaryDomain: "www.demo-botanics.example",
  email: "hello@demo-botanics.example",
  currencyCode: "USD",
  ianaTimezone: "America/New_York",
  countryCode: "US",
  primaryLocale: "en",
};
