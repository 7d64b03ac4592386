import type { CatalogProduct, CatalogVariant } from "./catalog";
import type { OpenCart, OpenCheckout } from "./carts";
import type { Device } from "./devices";
import { pixelCartId } from "./ids";
import type { PlannedOrder } from "./orderPlanning";
import type { PixelCartLineJson, PixelCheckoutJson, PixelContextJson, PixelEventJson, PixelMoney, PixelVariantJson } from "./pixelTypes";
import type { Random } from "./random";
import { DEMO_SHOP } from "./shop";

/**
 * Writes the Web Pixels standard events of one browsing session, in the order and shape the
 * storefront emits them: every page load fires page_viewed, and product, collection, cart and
 * checkout pages fire their own event a few milliseconds later. Events are only written when the
 * browser allows tracking; the caller still drives carts and checkouts either way.
 */
const ORIGIN = `https://${DEMO_SHOP.primaryDomain}`;

export class SessionRecorder {
  readonly events: PixelEventJson[] = [];
  private seq = 0;
  private referrer: string;
  private context: PixelContextJson | null = null;

  constructor(
    private readonly rng: Random,
    private readonly device: Device,
    private readonly language: string,
    firstReferrer: string | null,
  ) {
    this.referrer = firstReferrer ?? "";
  }

  page(at: Date, pathWithQuery: string, title: string): void {
    const url = new URL(pathWithQuery, ORIGIN);
    this.context = {
      document: {
        location: { href: url.href, hash: "", host: url.host, hostname: url.hostname, origin: url.origin, pathname: url.pathname, search: url.search },
        referrer: this.referrer,
        title: `${title} – ${DEMO_SHOP.name}`,
        characterSet: "UTF-8",
      },
      navigator: { language: this.language, cookieEnabled: true, languages: [this.language, this.language.split("-")[0] ?? this.language], userAgent: this.device.userAgent },
      window: { innerWidth: this.device.viewport.width, innerHeight: this.device.viewport.height, screenX: 0, screenY: 0, scrollX: 0, scrollY: 0 },
    };
    this.referrer = url.href;
    this.push(at, "page_viewed", {});
  }

  productViewed(at: Date, product: CatalogProduct, variant: CatalogVariant): void {
    this.push(at, "product_viewed", { productVariant: pixelVariant(product, variant) });
  }

  collectionViewed(at: Date, collection: { id: number; title: string }, products: readonly CatalogProduct[]): void {
    this.push(at, "collection_viewed", {
      collection: { id: String(collection.id), title: collection.title, productVariants: products.slice(0, 8).map(firstVariant) },
    });
  }

  searchSubmitted(at: Date, query: string, results: readonly CatalogProduct[]): void {
    this.push(at, "search_submitted", { searchResult: { query, productVariants: results.slice(0, 8).map(firstVariant) } });
  }

  addedToCart(at: Date, product: CatalogProduct, variant: CatalogVariant, quantity: number): void {
    this.push(at, "product_added_to_cart", { cartLine: pixelCartLine(product, variant, quantity) });
  }

  cartViewed(at: Date, cart: OpenCart): void {
    const lines = cart.lines.map((line) => pixelCartLine(line.product, line.variant, line.quantity));
    this.push(at, "cart_viewed", {
      cart: {
        id: pixelCartId(cart.token, cart.pixelKey),
        cost: { totalAmount: usd(lines.reduce((sum, line) => sum + line.cost.totalAmount.amount * 100, 0)) },
        lines,
        totalQuantity: cart.lines.reduce((sum, line) => sum + line.quantity, 0),
      },
    });
  }

  checkout(at: Date, name: "checkout_started" | "checkout_completed", checkout: OpenCheckout, email: string | null, order: PlannedOrder | null, orderId: number | null, customerId: number | null): void {
    this.push(at, name, { checkout: pixelCheckout(checkout, email, order, orderId, customerId) });
  }

  private push<Name extends PixelEventJson["name"]>(at: Date, name: Name, data: Extract<PixelEventJson, { name: Name }>["data"]): void {
    if (!this.device.trackingAllowed) return;
    if (!this.context) throw new Error(`${name} before any page was viewed`);
    const event = { id: `sh-${this.rng.uuid()}`, name, type: "standard", clientId: this.device.clientId, timestamp: at.toISOString(), seq: this.seq++, context: this.context, data };
    this.events.push(event as PixelEventJson);
  }
}

function usd(minor: number): PixelMoney {
  return { amount: Math.round(minor) / 100, currencyCode: DEMO_SHOP.currencyCode };
}

export function pixelVariant(product: CatalogProduct, variant: CatalogVariant): PixelVariantJson {
  return {
    id: String(variant.id),
    title: variant.title,
    untranslatedTitle: variant.title,
    sku: variant.sku,
    price: usd(variant.priceMinor),
    image: { src: product.imageSrc },
    product: { id: String(product.id), title: product.title, untranslatedTitle: product.title, type: product.category.productType, vendor: product.vendor, url: `/products/${product.handle}` },
  };
}

function firstVariant(product: CatalogProduct): PixelVariantJson {
  const variant = product.variants[0];
  if (!variant) throw new Error(`${product.title} has no variants`);
  return pixelVariant(product, variant);
}

function pixelCartLine(product: CatalogProduct, variant: CatalogVariant, quantity: number): PixelCartLineJson {
  return { quantity, cost: { totalAmount: usd(variant.priceMinor * quantity) }, merchandise: pixelVariant(product, variant) };
}

function pixelCheckout(checkout: OpenCheckout, email: string | null, order: PlannedOrder | null, orderId: number | null, customerId: number | null): PixelCheckoutJson {
  const linesMinor = checkout.cart.lines.reduce((sum, line) => sum + line.variant.priceMinor * line.quantity, 0);
  return {
    token: checkout.token,
    email,
    phone: null,
    currencyCode: DEMO_SHOP.currencyCode,
    totalPrice: usd(order?.totalMinor ?? linesMinor),
    subtotalPrice: usd(order?.subtotalMinor ?? linesMinor),
    totalTax: usd(order?.taxMinor ?? 0),
    discountApplications: order?.discount
      ? [{ type: "DISCOUNT_CODE", title: order.discount.code, value: order.discount.type === "percentage" ? { percentage: Number(order.discount.value) } : usd(order.discount.amountMinor) }]
      : [],
    order: order && orderId !== null ? { id: String(orderId), customer: customerId === null ? null : { id: String(customerId) } } : null,
    lineItems: checkout.cart.lines.map((line) => ({ id: line.key, quantity: line.quantity, title: line.product.title, variant: pixelVariant(line.product, line.variant) })),
  };
}
