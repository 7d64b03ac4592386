import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { PIXEL_EVENT_NAMES } from "~/domain/events/pixelEvents";
import { PixelBatch, judgePixelEvents, PIXEL_LIMITS } from "~/domain/pixel/pixelBatch";
import { DEFAULT_BATCHING } from "../../extensions/web-pixel/src/collector";
import { deliveryOutcome, envelopes, pixelTarget, slimEvent, SUBSCRIBED_EVENTS, type StandardEventLike } from "../../extensions/web-pixel/src/pixelPayload";
import { PIXEL_EVENTS } from "../domain/fixtures/pixelEvents";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

describe("the pixel and the endpoint agree", () => {
  it("the pixel subscribes to exactly the events the app reads", () => {
    expect([...SUBSCRIBED_EVENTS].sort()).toEqual([...PIXEL_EVENT_NAMES].sort());
  });

  it("every slimmed event of real-shaped demo sessions passes the endpoint's validation, with nothing personal left", () => {
    const now = new Date("2025-06-15T12:00:00Z");
    const store = generateDemoStore({ seed: "pixel-payload", customers: 40, now, anonymousVisitors: 10 });
    const sessions = [...[...store.customers()].flatMap((history) => history.sessions), ...store.anonymousSessions()];
    const target = { endpoint: "https://app.example/pixel/events", shop: "demo.myshopify.com" };
    const seen = new Set<string>();
    let events = 0;
    for (const session of sessions) {
      const slim = session.events.map((event) => slimEvent(event));
      for (const body of envelopes(target, { customerId: session.customerId, timeZone: session.timeZone }, slim)) {
        const judged = judgePixelEvents(PixelBatch.parse(JSON.parse(JSON.stringify(body))), now);
        for (const event of judged) {
          expect(event).toMatchObject({ kind: "valid" });
          expect(event.payload).not.toMatch(/"email"|"phone"|@/);
          seen.add(event.name ?? "");
          events += 1;
        }
      }
    }
    expect(events).toBeGreaterThan(200);
    expect([...seen].sort()).toEqual([...PIXEL_EVENT_NAMES].sort());
  });

  it("a full batch of the largest events stays under the endpoint's body limit", () => {
    const big = { ...PIXEL_EVENTS.collection_viewed, data: { collection: { ...PIXEL_EVENTS.collection_viewed.data.collection, productVariants: Array(50).fill(PIXEL_EVENTS.product_viewed.data.productVariant) } } };
    const slim = slimEvent(big);
    expect(slim.data).toMatchObject({ collection: { productVariants: expect.any(Array) } });
    const events = Array.from({ length: DEFAULT_BATCHING.maxEvents }, (_, i) => ({ ...slim, id: `e${i}` }));
    const [body] = envelopes({ endpoint: "x", shop: "demo.myshopify.com" }, { customerId: "1".repeat(20), timeZone: "America/Argentina/Buenos_Aires" }, events);
    const eventBytes = events.reduce((sum, event) => sum + new TextEncoder().encode(JSON.stringify(event)).length + 1, 0);
    const bodyBytes = new TextEncoder().encode(JSON.stringify(body)).length;
    // The batcher bounds the events' bytes; the envelope around them is small and bounded too.
    expect(bodyBytes - eventBytes).toBeLessThan(PIXEL_LIMITS.maxBodyBytes - DEFAULT_BATCHING.maxBytes);
    expect(DEFAULT_BATCHING.maxEvents).toBeLessThanOrEqual(PIXEL_LIMITS.maxEventsPerBatch);
  });
});

describe("slimEvent", () => {
  it("keeps the event's identity, the page's address and language, and the data", () => {
    const slim = slimEvent(PIXEL_EVENTS.product_viewed);
    expect(slim).toEqual({
      id: PIXEL_EVENTS.product_viewed.id,
      name: "product_viewed",
      clientId: PIXEL_EVENTS.product_viewed.clientId,
      timestamp: PIXEL_EVENTS.product_viewed.timestamp,
      seq: 1,
      context: {
        document: { location: { href: "https://www.demo-botanics.example/products/vitamin-c-serum", pathname: "/products/vitamin-c-serum", search: "" }, referrer: "https://www.google.com/", title: "Demo Botanics" },
        navigator: { language: "en-US", userAgent: "Mozilla/5.0" },
      },
      data: PIXEL_EVENTS.product_viewed.data,
    });
  });

  it("drops the shopper's contact details and addresses wherever they are", () => {
    const checkout = { ...PIXEL_EVENTS.checkout_completed.data.checkout, phone: "+1 555 0100", billingAddress: { address1: "1 Main St" }, shippingAddress: { firstName: "Ann" } };
    const slim = slimEvent({ ...PIXEL_EVENTS.checkout_completed, data: { checkout } });
    expect(JSON.stringify(slim)).not.toMatch(/ann@example\.org|555 0100|Main St|Ann"/);
    expect(slim.data).toMatchObject({ checkout: { token: checkout.token, order: checkout.order } });
  });

  it("keeps the first 10 products of a list", () => {
    const variants = Array.from({ length: 25 }, (_, i) => ({ ...PIXEL_EVENTS.product_viewed.data.productVariant, id: String(i) }));
    const slim = slimEvent({ ...PIXEL_EVENTS.search_submitted, data: { searchResult: { query: "serum", productVariants: variants } } });
    expect(slim.data).toEqual({ searchResult: { query: "serum", productVariants: variants.slice(0, 10) } });
  });

  it("copes with an event without context or data", () => {
    const bare: StandardEventLike = { id: "e1", name: "page_viewed", clientId: "c1", timestamp: "2025-05-04T10:00:00Z" };
    expect(slimEvent(bare)).toEqual({ ...bare, context: {}, data: {} });
  });
});

describe("pixelTarget (the settings)", () => {
  it.each([
    [{ appUrl: "https://app.example.com", shop: "demo.myshopify.com" }, "https://app.example.com/pixel/events"],
    [{ appUrl: "https://app.example.com/", shop: "demo.myshopify.com" }, "https://app.example.com/pixel/events"],
    [{ appUrl: "https://proxy.example.com/marketing", shop: "demo.myshopify.com" }, "https://proxy.example.com/marketing/pixel/events"],
    [{ appUrl: "http://127.0.0.1:3000", shop: "demo.myshopify.com" }, "http://127.0.0.1:3000/pixel/events"],
  ])("%o posts to %s", (settings, endpoint) => {
    expect(pixelTarget(settings)).toEqual({ endpoint, shop: settings.shop });
  });

  it.each([
    [{}],
    [{ appUrl: "https://app.example.com" }],
    [{ appUrl: "http://app.example.com", shop: "demo.myshopify.com" }],
    [{ appUrl: "not a url", shop: "demo.myshopify.com" }],
    [{ appUrl: "javascript:alert(1)", shop: "demo.myshopify.com" }],
    [{ appUrl: "https://app.example.com", shop: "demo.example.com" }],
    [{ appUrl: 42, shop: "demo.myshopify.com" }],
  ])("%o is unusable: the pixel sends nothing", (settings) => {
    expect(pixelTarget(settings)).toBeNull();
  });
});

describe("envelopes", () => {
  it("groups events by browser and carries the shopper's identity and time zone", () => {
    const a = slimEvent(PIXEL_EVENTS.page_viewed);
    const b = { ...slimEvent(PIXEL_EVENTS.product_viewed), clientId: "other" };
    const c = slimEvent(PIXEL_EVENTS.cart_viewed);
    const bodies = envelopes({ endpoint: "x", shop: "demo.myshopify.com" }, { customerId: "7", timeZone: "Europe/Paris" }, [a, b, c]);
    expect(bodies).toEqual([
      { shop: "demo.myshopify.com", clientId: a.clientId, customerId: "7", timeZone: "Europe/Paris", events: [a, c] },
      { shop: "demo.myshopify.com", clientId: "other", customerId: "7", timeZone: "Europe/Paris", events: [b] },
    ]);
  });
});

describe("deliveryOutcome", () => {
  it.each([
    [202, null, { kind: "delivered" }],
    [200, null, { kind: "delivered" }],
    [429, "7", { kind: "retry", afterMs: 7_000 }],
    [429, null, { kind: "retry", afterMs: 10_000 }],
    [429, "soon", { kind: "retry", afterMs: 10_000 }],
    [429, "86400", { kind: "retry", afterMs: 600_000 }],
    [503, null, { kind: "retry", afterMs: 10_000 }],
    [500, null, { kind: "retry", afterMs: 10_000 }],
    [408, null, { kind: "retry", afterMs: 10_000 }],
    [0, null, { kind: "retry", afterMs: 10_000 }],
    [400, null, { kind: "drop" }],
    [403, null, { kind: "drop" }],
    [404, null, { kind: "drop" }],
    [413, null, { kind: "drop" }],
  ])("%i (Retry-After %s) -> %o", (status, retryAfter, expected) => {
    expect(deliveryOutcome(status, retryAfter)).toEqual(expected);
  });
});

describe("shopify.extension.toml", () => {
  type ExtensionToml = {
    type?: string;
    runtime_context?: string;
    customer_privacy?: Record<string, unknown>;
    settings?: { type?: string; fields?: Record<string, { type?: string }> };
  };
  const toml = parse(fs.readFileSync(path.join(ROOT, "extensions/web-pixel/shopify.extension.toml"), "utf8")) as ExtensionToml;

  it("is a strict-sandbox web pixel", () => {
    expect(toml.type).toBe("web_pixel_extension");
    expect(toml.runtime_context).toBe("strict");
  });

  it("runs only with the shopper's analytics consent, asks for nothing more, and sells nothing", () => {
    expect(toml.customer_privacy).toEqual({ analytics: true, marketing: false, preferences: false, sale_of_data: "disabled" });
  });

  it("declares the settings the pixel reads", () => {
    expect(toml.settings?.type).toBe("object");
    expect(Object.keys(toml.settings?.fields ?? {}).sort()).toEqual(["appUrl", "shop"]);
    for (const field of Object.values(toml.settings?.fields ?? {})) expect(field.type).toBe("single_line_text_field");
    expect(pixelTarget({ appUrl: "https://app.example.com", shop: "demo.myshopify.com" })).not.toBeNull();
  });
});
