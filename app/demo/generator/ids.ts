import type { Random } from "./random";

/**
 * Ids follow Shopify's magnitudes (13-14 digit numbers) and are derived from a customer's index and
 * a per-customer counter, never from a global counter: customers are generated independently and
 * streamed, so each owns a fixed block of ids. Every id stays far below 2^53.
 */
export const MAX_ORDERS_PER_CUSTOMER = 100;
const MAX_LINE_ITEMS_PER_CUSTOMER = 10_000;

export const customerId = (index: number): number => 7_000_000_000_000 + index;
export const customerAddressId = (index: number): number => 9_000_000_000_000 + index;
export const orderId = (index: number, sequence: number): number =>
  5_000_000_000_000 + checkedSequence(index, sequence, MAX_ORDERS_PER_CUSTOMER);
/** Shopify's order number; unique but, unlike Shopify's, not chronological across customers. */
export const orderNumber = (index: number, sequence: number): number =>
  1001 + checkedSequence(index, sequence, MAX_ORDERS_PER_CUSTOMER);
export const lineItemId = (index: number, counter: number): number =>
  14_000_000_000_000 + checkedSequence(index, counter, MAX_LINE_ITEMS_PER_CUSTOMER);
export const shippingLineId = (index: number, sequence: number): number => 4_300_000_000_000 + index * MAX_ORDERS_PER_CUSTOMER + sequence;

export const productId = (n: number): number => 8_100_000_000_000 + n;
export const variantId = (n: number, position: number): number => 45_100_000_000_000 + n * 10 + position;
export const inventoryItemId = (n: number, position: number): number => 47_200_000_000_000 + n * 10 + position;
export const productImageId = (n: number): number => 33_500_000_000_000 + n;
export const productOptionId = (n: number): number => 10_600_000_000_000 + n;
export const collectionId = (n: number): number => 460_000_000_000 + n;
export const collectId = (n: number): number => 38_000_000_000_000 + n;

function checkedSequence(index: number, sequence: number, blockSize: number): number {
  if (sequence < 0 || sequence >= blockSize) throw new Error(`sequence ${sequence} outside the per-customer block of ${blockSize}`);
  return index * blockSize + sequence;
}

export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID: 48-bit millisecond time then 80 random bits, in Crockford base32. */
function ulid(rng: Random, at: Date): string {
  let time = at.getTime();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = (CROCKFORD[time % 32] ?? "0") + head;
    time = Math.floor(time / 32);
  }
  return head + rng.chars(16, CROCKFORD);
}

/**
 * Cart tokens in the form Shopify has issued since 2023: base64 of "<region>:<ULID>", e.g.
 * "Z2NwLXVzLWVhc3QxOjAxSE5..." (the carts/* webhook `id` and `token`).
 */
export function cartToken(rng: Random, at: Date): string {
  return btoa(`gcp-us-east1:${ulid(rng, at)}`);
}

/**
 * The pixel names a cart by its Storefront gid with a key ("gid://shopify/Cart/<token>?key=..."),
 * not by the bare token of the carts/* webhooks. Joining the two needs this normalisation.
 */
export function pixelCartId(token: string, key: string): string {
  return `gid://shopify/Cart/${token}?key=${key}`;
}

export { cartTokenFromPixelCartId } from "../../domain/events/cartToken";

/** Checkout and order tokens: 32 lower-case hex digits. */
export const checkoutToken = (rng: Random): string => rng.hex(32);
export const orderToken = (rng: Random): string => rng.hex(32);
export const confirmationNumber = (rng: Random): string => rng.chars(9, "ABCDEFGHJKLMNPQRSTUVWXYZ123456789");
