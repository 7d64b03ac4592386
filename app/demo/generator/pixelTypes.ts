/**
 * Web Pixels standard events as `analytics.subscribe` delivers them (the raw JSON before
 * app/domain/events/pixelEvents.ts parses it). Ids inside `data` are strings, as the pixel sends
 * them; money is `{ amount: number, currencyCode }`.
 */
export type PixelMoney = { amount: number; currencyCode: string };

export type PixelProductJson = { id: string; title: string; type: string; vendor: string; untranslatedTitle: string; url: string };

export type PixelVariantJson = {
  id: string;
  title: string;
  untranslatedTitle: string;
  sku: string;
  price: PixelMoney;
  image: { src: string } | null;
  product: PixelProductJson;
};

export type PixelCartLineJson = { quantity: number; cost: { totalAmount: PixelMoney }; merchandise: PixelVariantJson };

export type PixelCheckoutJson = {
  token: string;
  email: string | null;
  phone: string | null;
  currencyCode: string;
  totalPrice: PixelMoney;
  subtotalPrice: PixelMoney;
  totalTax: PixelMoney;
  discountApplications: { type: "DISCOUNT_CODE"; title: string; value: PixelMoney | { percentage: number } }[];
  order: { id: string; customer: { id: string } | null } | null;
  lineItems: { id: string; quantity: number; title: string; variant: PixelVariantJson }[];
};

export type PixelContextJson = {
  document: {
    location: { href: string; hash: string; host: string; hostname: string; origin: string; pathname: string; search: string };
    referrer: string;
    title: string;
    characterSet: "UTF-8";
  };
  navigator: { language: string; cookieEnabled: boolean; languages: string[]; userAgent: string };
  window: { innerWidth: number; innerHeight: number; screenX: 0; screenY: 0; scrollX: 0; scrollY: 0 };
};

type EventBase<Name extends string, Data> = {
  id: string;
  name: Name;
  type: "standard";
  clientId: string;
  timestamp: string;
  seq: number;
  context: PixelContextJson;
  data: Data;
};

export type PixelEventJson =
  | EventBase<"page_viewed", Record<string, never>>
  | EventBase<"product_viewed", { productVariant: PixelVariantJson }>
  | EventBase<"collection_viewed", { collection: { id: string; title: string; productVariants: PixelVariantJson[] } }>
  | EventBase<"search_submitted", { searchResult: { query: string; productVariants: PixelVariantJson[] } }>
  | EventBase<"product_added_to_cart", { cartLine: PixelCartLineJson }>
  | EventBase<"cart_viewed", { cart: { id: string; cost: { totalAmount: PixelMoney }; lines: PixelCartLineJson[]; totalQuantity: number } }>
  | EventBase<"checkout_started", { checkout: PixelCheckoutJson }>
  | EventBase<"checkout_completed", { checkout: PixelCheckoutJson }>;

export type PixelEventName = PixelEventJson["name"];

/**
 * One visit from one browser. `customerId` is what the pixel reads from `init.data.customer` when
 * the shopper is logged in; it is not part of any event, so the collector must carry it beside them.
 */
export type PixelSession = { clientId: string; customerId: string | null; timeZone: string; events: PixelEventJson[] };
