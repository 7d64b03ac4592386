import { z } from "zod";
import type { ShopProfile } from "~/domain/shop/shopProfile";

/** The slice of the Admin GraphQL client this adapter needs (what `authenticate.admin` returns). */
export type GraphqlClient = {
  graphql: (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;
};

const SHOP_PROFILE_QUERY = `#graphql
  query ShopProfile {
    shop {
      name
      currencyCode
      ianaTimezone
      primaryDomain { host }
    }
  }`;

const ShopProfileResponse = z.object({
  data: z.object({
    shop: z.object({
      name: z.string(),
      currencyCode: z.string().length(3),
      ianaTimezone: z.string().min(1),
      primaryDomain: z.object({ host: z.string() }).nullable(),
    }),
  }),
});

/** Reads the shop's name, currency, time zone and storefront domain. */
export async function fetchShopProfile(admin: GraphqlClient): Promise<ShopProfile> {
  const response = await admin.graphql(SHOP_PROFILE_QUERY);
  const body = ShopProfileResponse.parse(await response.json());
  const shop = body.data.shop;
  return {
    name: shop.name,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    primaryDomain: shop.primaryDomain?.host ?? null,
  };
}
