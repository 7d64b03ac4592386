import { z } from "zod";
import { ShopifyId } from "../shared/ids";
import { Timestamp } from "../shared/time";

/**
 * Standard events of Shopify's Web Pixels API, as `analytics.subscribe` hands them to a pixel,
 * reduced to the fields the app reads. Ids inside `data` are GraphQL-style strings or numbers.
 */

const Money = z.object({ amount: z.number(), currencyCode: z.string().length(3) });

const PixelProduct = z.object({
  id: ShopifyId.nullish(),
  title: z.string().nullish(),
  type: z.string().nullish(),
  vendor: z.string().nullish(),
});

const PixelVariant = z.object({
  id: ShopifyId.nullish(),
  title: z.string().nullish(),
  sku: z.string().nullish(),
  price: Money.nullish(),
  product: PixelProduct.nullish(),
});

const CartLine = z.object({
  quantity: z.number().int().nonnegative(),
  cost: z.object({ totalAmount: Money }).nullish(),
  merchandise: PixelVariant,
});

const PixelContext = z.object({
  document: z
    .object({
      location: z.object({ href: z.string(), pathname: z.string().nullish(), search: z.string().nullish() }),
      referrer: z.string().nullish(),
      title: z.string().nullish(),
    })
    .nullish(),
  navigator: z.object({ language: z.string().nullish(), userAgent: z.string().nullish() }).nullish(),
});

const base = {
  id: z.string().min(1).max(200),
  clientId: z.string().min(1).max(200),
  timestamp: Timestamp,
  seq: z.number().int().nonnegative().nullish(),
  context: PixelContext.nullish(),
};

export const PixelEvent = z.discriminatedUnion("name", [
  z.object({ ...base, name: z.literal("page_viewed"), data: z.object({}).passthrough().nullish() }),
  z.object({ ...base, name: z.literal("product_viewed"), data: z.object({ productVariant: PixelVariant }) }),
  z.object({
    ...base,
    name: z.literal("collection_viewed"),
    data: z.object({ collection: z.object({ id: ShopifyId.nullish(), title: z.string().nullish() }) }),
  }),
  z.object({
    ...base,
    name: z.literal("search_submitted"),
    data: z.object({ searchResult: z.object({ query: z.string().max(500) }) }),
  }),
  z.object({ ...base, name: z.literal("product_added_to_cart"), data: z.object({ cartLine: CartLine.nullish() }) }),
  z.object({
    ...base,
    name: z.literal("cart_viewed"),
    data: z.object({
      cart: z
        .object({ id: z.string().nullish(), lines: z.array(CartLine).default([]), totalQuantity: z.number().nullish() })
        .nullish(),
    }),
  }),
  z.object({
    ...base,
    name: z.enum(["checkout_started", "checkout_completed"]),
    data: z.object({
      checkout: z.object({
        token: z.string().nullish(),
        email: z.string().nullish(),
        currencyCode: z.string().nullish(),
        totalPrice: Money.nullish(),
        order: z.object({ id: ShopifyId.nullish(), customer: z.object({ id: ShopifyId.nullish() }).nullish() }).nullish(),
        lineItems: z
          .array(z.object({ quantity: z.number().int().nonnegative(), variant: PixelVariant.nullish() }))
          .default([]),
      }),
    }),
  }),
]);
export type PixelEvent = z.infer<typeof PixelEvent>;
export type PixelEventName = PixelEvent["name"];

export const PIXEL_EVENT_NAMES = [
  "page_viewed",
  "product_viewed",
  "collection_viewed",
  "search_submitted",
  "product_added_to_cart",
  "cart_viewed",
  "checkout_started",
  "checkout_completed",
] as const satisfies readonly PixelEventName[];
