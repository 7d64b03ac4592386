import { describe, expect, it } from "vitest";
import { PixelEvent } from "~/domain/events/pixelEvents";
import {
  CartPayload,
  CheckoutPayload,
  CustomerConsentPayload,
  CustomerPayload,
  OrderPayload,
  ProductPayload,
} from "~/domain/events/webhookPayloads";
import { sampleStore } from "./support/demoStore";

const { store, histories } = sampleStore(400);
const anonymous = [...store.anonymousVisitors()];

/** Parses every payload with the app's own schema; the failures list names what broke and where. */
function failures<T>(schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }, payloads: readonly T[], label: (payload: T, i: number) => string): string[] {
  return payloads.flatMap((payload, i) => {
    const result = schema.safeParse(payload);
    return result.success ? [] : [`${label(payload, i)}: ${String(result.error)}`];
  });
}

describe("every generated payload parses with the app's schemas", () => {
  const orders = histories.flatMap((h) => h.orders);
  const carts = [...histories.flatMap((h) => h.carts.flat()), ...anonymous.flatMap((a) => a.carts.flat())];
  const checkouts = histories.flatMap((h) => h.checkouts.flat());
  const events = [...histories, ...anonymous].flatMap((h) => h.sessions.flatMap((s) => s.events));

  it.each([
    { topic: "products/create", schema: ProductPayload, payloads: store.catalog.products },
    { topic: "customers/create", schema: CustomerPayload, payloads: histories.map((h) => h.customer) },
    { topic: "customers_email_marketing_consent/update", schema: CustomerConsentPayload, payloads: histories.map((h) => h.consent) },
    { topic: "orders/create", schema: OrderPayload, payloads: orders },
    { topic: "carts/create+update", schema: CartPayload, payloads: carts },
    { topic: "checkouts/create+update", schema: CheckoutPayload, payloads: checkouts },
    { topic: "web pixel events", schema: PixelEvent, payloads: events },
  ])("$topic", ({ schema, payloads }) => {
    expect(payloads.length).toBeGreaterThan(50);
    expect(failures(schema, payloads as readonly unknown[], (_, i) => `#${i}`)).toEqual([]);
  });

  it("covers every standard pixel event", () => {
    const names = new Set(events.map((event) => event.name));
    expect([...names].sort()).toEqual(
      ["cart_viewed", "checkout_completed", "checkout_started", "collection_viewed", "page_viewed", "product_added_to_cart", "product_viewed", "search_submitted"],
    );
  });

  it("keeps money as decimal strings, ids as safe JSON numbers and REST times with offsets", () => {
    const offsetTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
    for (const order of orders) {
      expect(order.total_price).toMatch(/^\d+\.\d{2}$/);
      expect(Number.isSafeInteger(order.id)).toBe(true);
      expect(order.created_at).toMatch(offsetTime);
      expect(order.admin_graphql_api_id).toBe(`gid://shopify/Order/${order.id}`);
      for (const line of order.line_items) expect(Number.isSafeInteger(line.id) && Number.isSafeInteger(line.variant_id)).toBe(true);
    }
    for (const event of events) expect(event.timestamp).toMatch(/Z$/);
  });

  it("keeps order totals consistent: lines - discounts = subtotal; subtotal + shipping + tax = total", () => {
    const cents = (amount: string) => Math.round(Number(amount) * 100);
    for (const order of orders) {
      const lines = order.line_items.reduce((sum, line) => sum + cents(line.price) * line.quantity, 0);
      expect(lines).toBe(cents(order.total_line_items_price));
      expect(lines - cents(order.total_discounts)).toBe(cents(order.subtotal_price));
      const shipping = cents(order.total_shipping_price_set.shop_money.amount);
      expect(cents(order.subtotal_price) + shipping + cents(order.total_tax)).toBe(cents(order.total_price));
      const allocated = order.line_items.flatMap((line) => line.discount_allocations).reduce((sum, a) => sum + cents(a.amount), 0);
      expect(allocated).toBe(cents(order.total_discounts));
    }
  });

  it("uses unique ids across customers", () => {
    const unique = (values: readonly (number | string)[]) => new Set(values).size === values.length;
    expect(unique(histories.map((h) => h.customer.id))).toBe(true);
    expect(unique(orders.map((o) => o.id))).toBe(true);
    expect(unique(orders.map((o) => o.name))).toBe(true);
    expect(unique(orders.flatMap((o) => o.line_items.map((l) => l.id)))).toBe(true);
    expect(unique(histories.flatMap((h) => h.carts.map((versions) => versions[0]?.token ?? "")))).toBe(true);
    expect(unique(histories.flatMap((h) => h.checkouts.map((versions) => versions[0]?.token ?? "")))).toBe(true);
    expect(unique(events.map((e) => e.id))).toBe(true);
  });
});
