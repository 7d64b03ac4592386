import { describe, expect, it } from "vitest";
import { PIXEL_EVENT_NAMES, PixelEvent } from "~/domain/events/pixelEvents";
import { PIXEL_EVENTS } from "../fixtures/pixelEvents";

describe("PixelEvent", () => {
  it.each(Object.entries(PIXEL_EVENTS))("parses a real %s event", (name, raw) => {
    const event = PixelEvent.parse(raw);
    expect(event.name).toBe(name);
    expect(event.id).toBe(raw.id);
    expect(event.timestamp).toEqual(new Date(raw.timestamp));
    expect(event.context?.document?.location.href).toBe(raw.context.document.location.href);
  });

  it("names every event the schema accepts", () => {
    expect([...PIXEL_EVENT_NAMES].sort()).toEqual(Object.keys(PIXEL_EVENTS).sort());
  });

  it("reduces product ids to their numeric part", () => {
    const event = PixelEvent.parse(PIXEL_EVENTS.product_viewed);
    if (event.name !== "product_viewed") throw new Error(`unexpected ${event.name}`);
    expect(event.data.productVariant).toEqual({
      id: "642667041472713922",
      title: "30 ml",
      sku: "VCS-30",
      price: { amount: 29.99, currencyCode: "USD" },
      product: { id: "788032119674292922", title: "Vitamin C Serum", type: "Serum", vendor: "Demo Botanics" },
    });
  });

  it("keeps checkout order and customer ids", () => {
    const event = PixelEvent.parse(PIXEL_EVENTS.checkout_completed);
    if (event.name !== "checkout_completed") throw new Error(`unexpected ${event.name}`);
    expect(event.data.checkout.order).toEqual({ id: "820982911946154508", customer: { id: "207119551" } });
    expect(event.data.checkout.lineItems.map((line) => [line.quantity, line.variant?.id])).toEqual([[2, "642667041472713922"]]);
  });

  it("accepts a page view without data and context", () => {
    const { id, clientId, timestamp } = PIXEL_EVENTS.page_viewed;
    expect(PixelEvent.parse({ id, clientId, timestamp, name: "page_viewed" })).toEqual({ id, clientId, name: "page_viewed", timestamp: new Date(timestamp) });
  });

  it.each([
    { case: "unknown event name", patch: { name: "custom_event" }, path: "name" },
    { case: "empty id", patch: { id: "" }, path: "id" },
    { case: "overlong client id", patch: { clientId: "x".repeat(201) }, path: "clientId" },
    { case: "timestamp without zone", patch: { timestamp: "2025-05-04T10:00:00" }, path: "timestamp" },
    { case: "negative seq", patch: { seq: -1 }, path: "seq" },
    { case: "location without href", patch: { context: { document: { location: { pathname: "/" } } } }, path: "context.document.location.href" },
  ])("rejects $case at $path", ({ patch, path }) => {
    const result = PixelEvent.safeParse({ ...PIXEL_EVENTS.page_viewed, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([path]);
  });

  it.each([
    { case: "product view without a variant", raw: { ...PIXEL_EVENTS.product_viewed, data: {} }, path: "data.productVariant" },
    { case: "search query over 500 characters", raw: { ...PIXEL_EVENTS.search_submitted, data: { searchResult: { query: "q".repeat(501) } } }, path: "data.searchResult.query" },
    {
      case: "negative cart quantity",
      raw: { ...PIXEL_EVENTS.product_added_to_cart, data: { cartLine: { ...PIXEL_EVENTS.product_added_to_cart.data.cartLine, quantity: -1 } } },
      path: "data.cartLine.quantity",
    },
    {
      case: "malformed variant id",
      raw: { ...PIXEL_EVENTS.product_viewed, data: { productVariant: { ...PIXEL_EVENTS.product_viewed.data.productVariant, id: "variant-1" } } },
      path: "data.productVariant.id",
    },
    { case: "checkout without checkout", raw: { ...PIXEL_EVENTS.checkout_started, data: {} }, path: "data.checkout" },
    {
      case: "money with a bad currency",
      raw: { ...PIXEL_EVENTS.checkout_started, data: { checkout: { ...PIXEL_EVENTS.checkout_started.data.checkout, totalPrice: { amount: 1, currencyCode: "DOLLAR" } } } },
      path: "data.checkout.totalPrice.currencyCode",
    },
  ])("rejects $case at $path", ({ raw, path }) => {
    const result = PixelEvent.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([path]);
  });
});
