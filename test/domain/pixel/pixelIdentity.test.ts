import { describe, expect, it } from "vitest";
import { PixelInboxPayload } from "~/domain/pixel/pixelBatch";
import { identifiedCustomerId, nextClientState, type PixelClientState } from "~/domain/pixel/pixelIdentity";
import { PIXEL_EVENTS } from "../fixtures/pixelEvents";

const at = (hour: number) => new Date(Date.UTC(2025, 4, 4, hour));
const client = (customerId: string | null, first: number, last: number, linked: number | null): PixelClientState => ({
  customerId,
  firstSeenAt: at(first),
  lastSeenAt: at(last),
  linkedAt: linked === null ? null : at(linked),
});

describe("identifiedCustomerId", () => {
  const payload = (event: unknown, customerId: string | null) => PixelInboxPayload.parse({ clientId: PIXEL_EVENTS.page_viewed.clientId, customerId, timeZone: null, event });

  it.each([
    ["an anonymous page view", PIXEL_EVENTS.page_viewed, null, null],
    ["a logged-in shopper's page view", PIXEL_EVENTS.page_viewed, "555", "555"],
    ["an anonymous completed checkout: its order's customer", PIXEL_EVENTS.checkout_completed, null, "207119551"],
    ["a logged-in completed checkout: the pixel's customer first", PIXEL_EVENTS.checkout_completed, "555", "555"],
    ["an anonymous started checkout (no order yet)", PIXEL_EVENTS.checkout_started, null, null],
  ])("%s -> %s", (_name, event, customerId, expected) => {
    expect(identifiedCustomerId(payload(event, customerId))).toBe(expected);
  });
});

describe("nextClientState", () => {
  it.each([
    ["a new anonymous client", null, 10, null, client(null, 10, 10, null), false],
    ["a new client that is logged in", null, 10, "A", client("A", 10, 10, 10), true],
    ["a later anonymous event widens last seen", client(null, 10, 11, null), 12, null, client(null, 10, 12, null), false],
    ["an earlier event (applied late) widens first seen", client(null, 10, 11, null), 9, null, client(null, 9, 11, null), false],
    ["an event inside the range changes nothing", client(null, 9, 12, null), 10, null, client(null, 9, 12, null), false],
    ["the first identification links the client", client(null, 9, 12, null), 13, "A", client("A", 9, 13, 13), true],
    ["an anonymous event after linking keeps the link (logged out, same browser)", client("A", 9, 13, 13), 14, null, client("A", 9, 14, 13), false],
    ["the same customer again keeps the link", client("A", 9, 13, 13), 14, "A", client("A", 9, 14, 13), false],
    ["the same customer seen earlier dates the link back", client("A", 9, 13, 13), 11, "A", client("A", 9, 13, 11), false],
    ["another customer, later: the browser changed hands", client("A", 9, 13, 13), 15, "B", client("B", 9, 15, 15), true],
    ["another customer, older than the link: the newer login stands", client("A", 9, 13, 13), 12, "B", client("A", 9, 13, 13), false],
  ])("%s", (_name, existing, hour, customerId, state, linked) => {
    expect(nextClientState(existing, at(hour), customerId)).toEqual({ state, linked });
  });

  it("gives one state whatever order a client's events are applied in", () => {
    const events: Array<[number, string | null]> = [[9, null], [10, "A"], [11, null], [12, "A"], [8, null]];
    const apply = (order: Array<[number, string | null]>) => order.reduce<PixelClientState | null>((state, [hour, id]) => nextClientState(state, at(hour), id).state, null);
    const expected = apply(events);
    expect(apply([...events].reverse())).toEqual(expected);
    expect(apply([events[2]!, events[4]!, events[0]!, events[3]!, events[1]!])).toEqual(expected);
    expect(expected).toEqual(client("A", 8, 12, 10));
  });
});
