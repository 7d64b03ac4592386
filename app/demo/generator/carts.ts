import type { CatalogProduct, CatalogVariant } from "./catalog";
import type { Device } from "./devices";
import * as ids from "./ids";
import type { PlannedOrder } from "./orderPlanning";
import { money } from "./payloadParts";
import type { CartLineJson, CartWebhookJson, CheckoutLineJson, CheckoutWebhookJson } from "./basketPayloadTypes";
import type { AddressJson, CustomerWebhookJson } from "./payloadTypes";
import type { Random } from "./random";
import { DEMO_SHOP } from "./shop";
import { formatInZone } from "./timestamps";

/**
 * The carts/* and checkouts/* webhook history of one shopper. A browser keeps one open cart: later
 * visits add to it (each change is another carts/update), until a checkout completes it. Every
 * cart and checkout is returned as the list of its successive payloads: the first is what the
 * carts/create (checkouts/create) topic delivers, the rest carts/update (checkouts/update).
 */
export type CartLine = { product: CatalogProduct; variant: CatalogVariant; quantity: number; key: string };

export type OpenCart = { token: string; pixelKey: string; createdAt: Date; lines: CartLine[]; versions: CartWebhookJson[] };

export type CheckoutIdentity = {
  email: string;
  phone: string | null;
  locale: string;
  address: AddressJson;
  customerAsOf: (at: Date) => CustomerWebhookJson;
  acceptsMarketingAt: (at: Date) => boolean;
};

export type OpenCheckout = { token: string; cart: OpenCart; versions: CheckoutWebhookJson[]; landing: { path: string | null; referrer: string | null } };

export class CartBook {
  readonly carts: CartWebhookJson[][] = [];
  readonly checkouts: CheckoutWebhookJson[][] = [];
  private readonly open = new Map<string, OpenCart>();

  constructor(private readonly rng: Random) {}

  openCartOf(device: Device): OpenCart | null {
    return this.open.get(device.clientId) ?? null;
  }

  /** Leaves the device's open cart behind as abandoned; the next add starts a new one. */
  abandon(device: Device): void {
    this.open.delete(device.clientId);
  }

  add(device: Device, at: Date, product: CatalogProduct, variant: CatalogVariant, quantity: number): { cart: OpenCart; line: CartLine } {
    let cart = this.open.get(device.clientId);
    if (!cart) {
      cart = { token: ids.cartToken(this.rng, at), pixelKey: this.rng.hex(32), createdAt: at, lines: [], versions: [] };
      this.open.set(device.clientId, cart);
      this.carts.push(cart.versions);
    }
    let line = cart.lines.find((existing) => existing.variant.id === variant.id);
    if (line) line.quantity += quantity;
    else {
      line = { product, variant, quantity, key: `${variant.id}:${this.rng.hex(32)}` };
      cart.lines.push(line);
    }
    cart.versions.push(cartJson(cart, at));
    return { cart, line };
  }

  startCheckout(device: Device, at: Date, identity: CheckoutIdentity, landing: OpenCheckout["landing"]): OpenCheckout | null {
    const cart = this.open.get(device.clientId);
    if (!cart) return null;
    const checkout: OpenCheckout = { token: ids.checkoutToken(this.rng), cart, versions: [], landing };
    checkout.versions.push(checkoutJson(checkout, identity, at, null));
    this.checkouts.push(checkout.versions);
    return checkout;
  }

  /** The shopper fills in contact and shipping details: Shopify sends checkouts/update. */
  touchCheckout(checkout: OpenCheckout, identity: CheckoutIdentity, at: Date): void {
    checkout.versions.push(checkoutJson(checkout, identity, at, null));
  }

  complete(device: Device, checkout: OpenCheckout, identity: CheckoutIdentity, order: PlannedOrder): void {
    checkout.versions.push(checkoutJson(checkout, identity, order.at, order));
    this.open.delete(device.clientId);
  }
}

function cartJson(cart: OpenCart, at: Date): CartWebhookJson {
  const zone = DEMO_SHOP.ianaTimezone;
  return {
    id: cart.token,
    token: cart.token,
    note: null,
    line_items: cart.lines.map((line): CartLineJson => {
      const price = money(line.variant.priceMinor);
      const linePrice = money(line.variant.priceMinor * line.quantity);
      return {
        id: line.variant.id,
        key: line.key,
        product_id: line.product.id,
        variant_id: line.variant.id,
        title: line.product.title,
        variant_title: line.variant.title,
        sku: line.variant.sku,
        vendor: line.product.vendor,
        quantity: line.quantity,
        price,
        original_price: price,
        discounted_price: price,
        line_price: linePrice,
        original_line_price: linePrice,
        total_discount: money(0),
        discounts: [],
        gift_card: false,
        grams: line.variant.grams,
        taxable: true,
        properties: {},
      };
    }),
    created_at: formatInZone(cart.createdAt, zone),
    updated_at: formatInZone(at, zone),
  };
}

function checkoutJson(checkout: OpenCheckout, identity: CheckoutIdentity, at: Date, order: PlannedOrder | null): CheckoutWebhookJson {
  const zone = DEMO_SHOP.ianaTimezone;
  const lineItemsMinor = checkout.cart.lines.reduce((sum, line) => sum + line.variant.priceMinor * line.quantity, 0);
  const filledIn = checkout.versions.length > 0 || order !== null;
  const created = checkout.versions[0]?.created_at ?? formatInZone(at, zone);
  return {
    token: checkout.token,
    cart_token: checkout.cart.token,
    name: `#C${checkout.token.slice(0, 8).toUpperCase()}`,
    email: identity.email,
    phone: identity.phone,
    gateway: order ? "shopify_payments" : null,
    buyer_accepts_marketing: identity.acceptsMarketingAt(at),
    created_at: created,
    updated_at: formatInZone(at, zone),
    completed_at: order ? formatInZone(order.at, zone) : null,
    closed_at: null,
    currency: DEMO_SHOP.currencyCode,
    presentment_currency: DEMO_SHOP.currencyCode,
    customer_locale: identity.locale,
    landing_site: checkout.landing.path,
    referring_site: checkout.landing.referrer,
    source_name: "web",
    source_url: null,
    abandoned_checkout_url: `https://${DEMO_SHOP.primaryDomain}/${DEMO_SHOP.id}/checkouts/ac/${checkout.token}/recover?key=${checkout.cart.pixelKey}`,
    total_line_items_price: money(order?.lineItemsMinor ?? lineItemsMinor),
    subtotal_price: money(order?.subtotalMinor ?? lineItemsMinor),
    total_tax: money(order?.taxMinor ?? 0),
    total_discounts: money(order?.discountMinor ?? 0),
    total_price: money(order?.totalMinor ?? lineItemsMinor),
    taxes_included: false,
    discount_codes: order?.discount ? [{ code: order.discount.code, amount: money(order.discount.amountMinor), type: order.discount.type }] : [],
    note: null,
    note_attributes: [],
    shipping_lines: filledIn ? [{ code: "Standard", title: "Standard", price: money(order?.shippingMinor ?? 0) }] : [],
    shipping_address: filledIn ? identity.address : null,
    billing_address: filledIn ? identity.address : null,
    customer: identity.customerAsOf(at),
    line_items: checkout.cart.lines.map(
      (line): CheckoutLineJson => ({
        key: line.key,
        product_id: line.product.id,
        variant_id: line.variant.id,
        title: line.product.title,
        variant_title: line.variant.title,
        presentment_title: line.product.title,
        presentment_variant_title: line.variant.title,
        sku: line.variant.sku,
        vendor: line.product.vendor,
        quantity: line.quantity,
        price: money(line.variant.priceMinor),
        line_price: money(line.variant.priceMinor * line.quantity),
        compare_at_price: line.variant.compareAtMinor === null ? null : money(line.variant.compareAtMinor),
        grams: line.variant.grams,
        requires_shipping: true,
        taxable: true,
        gift_card: false,
        applied_discounts: [],
        discount_allocations: [],
        tax_lines: [],
        properties: {},
      }),
    ),
  };
}
