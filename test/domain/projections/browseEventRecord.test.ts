import { describe, expect, it } from "vitest";
import { PixelEvent } from "~/domain/events/pixelEvents";
import { browseEventRecord, type BrowseEventRecord } from "~/domain/projections/shopifyRecords";
import { PIXEL_EVENTS } from "../fixtures/pixelEvents";

const NOTHING = { productId: null, variantId: null, collectionId: null, searchQuery: null, cartToken: null, checkoutToken: null };
const NO_UTM = { utmSource: null, utmMedium: null, utmCampaign: null };

describe("browseEventRecord", () => {
  it("maps a page view with its context and UTM", () => {
    expect(browseEventRecord(PixelEvent.parse(PIXEL_EVENTS.page_viewed), "207119551")).toEqual({
      id: "sh-88d4ad4c-0",
      clientId: "c6d3c9a1-2f5e-4b8f-9a67-0a1b2c3d4e5f",
      customerId: "207119551",
      name: "page_viewed",
      occurredAt: new Date("2025-05-04T10:00:00Z"),
      url: "https://www.demo-botanics.example/?utm_source=Instagram&utm_medium=social&utm_campaign=May%20Drop",
      referrer: "https://www.google.com/",
      ...NOTHING,
      utmSource: "instagram",
      utmMedium: "social",
      utmCampaign: "may drop",
    });
  });

  it.each<{ name: keyof typeof PIXEL_EVENTS; expected: Partial<BrowseEventRecord> }>([
    { name: "product_viewed", expected: { productId: "788032119674292922", variantId: "642667041472713922" } },
    { name: "collection_viewed", expected: { collectionId: "841564295" } },
    { name: "search_submitted", expected: { searchQuery: "Vitamin C" } },
    { name: "product_added_to_cart", expected: { productId: "788032119674292922", variantId: "642667041472713922" } },
    { name: "cart_viewed", expected: { cartToken: "c1-7a2b3c4d5e6f" } },
    { name: "checkout_started", expected: { checkoutToken: "bd5a8aa1ecd019dd3520ff791ee3a24c" } },
    { name: "checkout_completed", expected: { checkoutToken: "bd5a8aa1ecd019dd3520ff791ee3a24c" } },
  ])("$name keeps what it is about and nothing else", ({ name, expected }) => {
    const raw = PIXEL_EVENTS[name];
    const record = browseEventRecord(PixelEvent.parse(raw), null);
    expect(record).toEqual({
      id: raw.id,
      clientId: raw.clientId,
      customerId: null,
      name,
      occurredAt: new Date(raw.timestamp),
      url: raw.context.document.location.href,
      referrer: "https://www.google.com/",
      ...NOTHING,
      ...NO_UTM,
      ...expected,
    });
  });

  it("copes with events that carry no context and sparse data", () => {
    const { id, clientId, timestamp } = PIXEL_EVENTS.page_viewed;
    const sparse = [
      { name: "page_viewed" },
      { name: "product_added_to_cart", data: { cartLine: null } },
      { name: "cart_viewed", data: { cart: null } },
      { name: "collection_viewed", data: { collection: { title: "All" } } },
      { name: "product_viewed", data: { productVariant: { product: null } } },
      { name: "checkout_started", data: { checkout: {} } },
    ];
    for (const event of sparse) {
      const record = browseEventRecord(PixelEvent.parse({ id, clientId, timestamp, ...event }), null);
      expect(record).toEqual({ id, clientId, customerId: null, name: event.name, occurredAt: new Date(timestamp), url: null, referrer: null, ...NOTHING, ...NO_UTM });
    }
  });
});
