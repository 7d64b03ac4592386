import { describe, expect, it } from "vitest";
import { judgePixelEvents, PixelBatch, PixelInboxPayload } from "~/domain/pixel/pixelBatch";
import { minimizePixelEvent } from "~/domain/pixel/minimizePixelEvent";
import { PIXEL_EVENTS } from "../fixtures/pixelEvents";

const NOW = new Date("2025-05-04T12:00:00Z");
const CLIENT = PIXEL_EVENTS.page_viewed.clientId;
const envelope = (overrides: Record<string, unknown> = {}) => ({ shop: "demo.myshopify.com", clientId: CLIENT, events: [PIXEL_EVENTS.page_viewed], ...overrides });

describe("PixelBatch (the envelope)", () => {
  it.each([
    ["the minimal batch", envelope(), { customerId: null, timeZone: null }],
    ["a logged-in shopper's gid", envelope({ customerId: "gid://shopify/Customer/207119551" }), { customerId: "207119551" }],
    ["a numeric customer id", envelope({ customerId: 207119551 }), { customerId: "207119551" }],
    ["a time zone", envelope({ timeZone: "America/Argentina/Buenos_Aires" }), { timeZone: "America/Argentina/Buenos_Aires" }],
    ["100 events", envelope({ events: Array(100).fill({}) }), {}],
  ])("accepts %s", (_name, input, expected) => {
    const parsed = PixelBatch.safeParse(input);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject(expected);
  });

  it.each([
    ["no shop", envelope({ shop: undefined }), "shop"],
    ["a shop that is not a myshopify domain", envelope({ shop: "evil.example.com" }), "shop"],
    ["no clientId", envelope({ clientId: undefined }), "clientId"],
    ["an empty clientId", envelope({ clientId: "" }), "clientId"],
    ["a customer id that is not an id", envelope({ customerId: "ann@example.org" }), "customerId"],
    ["a time zone that is not one", envelope({ timeZone: "<script>" }), "timeZone"],
    ["events that are not a list", envelope({ events: { 0: PIXEL_EVENTS.page_viewed } }), "events"],
    ["no events", envelope({ events: [] }), "events"],
    ["101 events", envelope({ events: Array(101).fill({}) }), "events"],
  ])("refuses %s", (_name, input, path) => {
    const parsed = PixelBatch.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path[0])).toContain(path);
  });

  it.each([null, [], "text", 42])("refuses a body that is not an object: %j", (input) => {
    expect(PixelBatch.safeParse(input).success).toBe(false);
  });
});

describe("judgePixelEvents", () => {
  const judge = (events: unknown[], overrides: Record<string, unknown> = {}) => judgePixelEvents(PixelBatch.parse(envelope({ events, ...overrides })), NOW);

  it("turns each valid standard event into the inbox payload the projection reads", () => {
    const judged = judge(Object.values(PIXEL_EVENTS), { customerId: "207119551", timeZone: "Europe/Paris" });
    expect(judged.map((event) => [event.kind, event.name])).toEqual(Object.values(PIXEL_EVENTS).map((event) => ["valid", event.name]));
    for (const event of judged) {
      const payload = PixelInboxPayload.parse(JSON.parse(event.payload));
      expect(payload).toMatchObject({ clientId: CLIENT, customerId: "207119551", timeZone: "Europe/Paris" });
    }
    const completed = judged.at(-1);
    expect(completed).toMatchObject({ kind: "valid", id: PIXEL_EVENTS.checkout_completed.id, occurredAt: new Date(PIXEL_EVENTS.checkout_completed.timestamp) });
  });

  it("never keeps the shopper's email or phone, even on an event it refuses", () => {
    const withContact = { ...PIXEL_EVENTS.checkout_started, data: { checkout: { ...PIXEL_EVENTS.checkout_started.data.checkout, phone: "+33 6 12 34 56 78", shippingAddress: { address1: "1 rue de Rivoli" } } } };
    const broken = { ...withContact, id: 42 };
    const judged = judge([withContact, broken]);
    expect(judged.map((event) => event.kind)).toEqual(["valid", "invalid"]);
    for (const event of judged) {
      expect(event.payload).not.toMatch(/ann@example\.org|\+33|Rivoli|shippingAddress/);
      expect(event.payload).toContain("bd5a8aa1ecd019dd3520ff791ee3a24c");
    }
  });

  it.each([
    ["not an object", "page_viewed", { kind: "invalid", id: null, name: null }],
    ["an unknown event name", { ...PIXEL_EVENTS.page_viewed, name: "page_scrolled" }, { kind: "invalid", id: PIXEL_EVENTS.page_viewed.id, name: null }],
    ["a missing id", { ...PIXEL_EVENTS.product_viewed, id: undefined }, { kind: "invalid", id: null, name: "product_viewed" }],
    ["a timestamp that is not one", { ...PIXEL_EVENTS.page_viewed, timestamp: "yesterday" }, { kind: "invalid", name: "page_viewed" }],
    ["a wrong type inside data", { ...PIXEL_EVENTS.search_submitted, data: { searchResult: { query: 7 } } }, { kind: "invalid", name: "search_submitted" }],
    ["another browser's clientId", { ...PIXEL_EVENTS.page_viewed, clientId: "someone-else" }, { kind: "invalid", error: "clientId differs from the batch's clientId" }],
    ["a timestamp more than a day ahead", { ...PIXEL_EVENTS.page_viewed, timestamp: "2025-05-05T12:00:01Z" }, { kind: "invalid", error: "timestamp is more than a day in the future" }],
  ])("refuses an event with %s, keeping what can be read of it", (_name, raw, expected) => {
    const [judged] = judge([raw]);
    expect(judged).toMatchObject(expected);
    expect(judged?.kind === "invalid" && judged.error.length).toBeGreaterThan(0);
  });

  it("judges each event on its own", () => {
    const judged = judge([PIXEL_EVENTS.page_viewed, { name: "product_viewed" }, PIXEL_EVENTS.cart_viewed]);
    expect(judged.map((event) => event.kind)).toEqual(["valid", "invalid", "valid"]);
  });

  it("accepts an event stamped a little ahead (a fast clock) and any time in the past", () => {
    const judged = judge([{ ...PIXEL_EVENTS.page_viewed, timestamp: "2025-05-05T11:59:00Z" }, { ...PIXEL_EVENTS.product_viewed, timestamp: "2020-01-01T00:00:00Z" }]);
    expect(judged.map((event) => event.kind)).toEqual(["valid", "valid"]);
  });
});

describe("minimizePixelEvent", () => {
  it.each([
    [{ email: "a@b.co", keep: 1 }, { keep: 1 }],
    [{ data: { checkout: { email: "a@b.co", phone: "1", billingAddress: {}, token: "t" } } }, { data: { checkout: { token: "t" } } }],
    [[{ firstName: "Ann", lastName: "Lee", id: "1" }], [{ id: "1" }]],
    ["text", "text"],
    [null, null],
  ])("%j -> %j", (input, expected) => {
    expect(minimizePixelEvent(input)).toEqual(expected);
  });
});
