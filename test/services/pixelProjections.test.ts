import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { PIXEL_EVENT_NAMES } from "~/domain/events/pixelEvents";
import { TokenBuckets } from "~/domain/pixel/tokenBucket";
import { ShopifyId } from "~/domain/shared/ids";
import { drainInbox } from "~/jobs/inboxWorker.server";
import { ingestPixelBatch } from "~/services/pixel/ingestPixelBatch.server";
import { pixelLinkOfCart } from "~/services/pixel/pixelLinks.server";
import { projectionFor } from "~/services/projections/registry.server";
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from "../support/databases";
import { PIXEL_EVENTS } from "../domain/fixtures/pixelEvents";

const CLIENT = PIXEL_EVENTS.page_viewed.clientId;
const NOW = new Date("2025-06-15T12:00:00Z");

/**
 * The pixel projections on both databases, through the real intake (ingestPixelBatch) and the real
 * worker (drainInbox): idempotency, order independence, linking rules and redaction.
 */
describe.each(DATABASE_KINDS)("pixel projections on %s", (kind) => {
  let t: TestDatabase;
  let shop: string;
  let counter = 0;
  const limiter = new TokenBuckets({ capacity: 1_000_000, refillPerSecond: 1_000, maxKeys: 1_000 });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });
  beforeEach(async () => {
    counter += 1;
    shop = `projection-${kind}-${counter}.myshopify.com`;
    await t.db.shop.create({ data: { id: shop, status: "installed" } });
  });

  async function send(events: unknown[], extra: Record<string, unknown> = {}) {
    const outcome = await ingestPixelBatch(t.db, JSON.stringify({ shop, clientId: CLIENT, events, ...extra }), { limiter, now: NOW });
    expect(outcome.status).toBe(202);
    await drainInbox(t.db);
    return outcome;
  }
  const browse = () => t.db.browseEvent.findMany({ where: { shopId: shop }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
  const client = (clientId = CLIENT) => t.db.pixelClient.findUnique({ where: { shopId_clientId: { shopId: shop, clientId } } });

  it("registers one projection for every standard event", () => {
    for (const name of PIXEL_EVENT_NAMES) expect(projectionFor("pixel", name), name).toBeTypeOf("function");
  });

  it("applying the same inbox event twice gives one row and the same client", async () => {
    await send([PIXEL_EVENTS.product_viewed], { customerId: "77" });
    const before = { rows: await browse(), client: await client() };
    // Re-apply the stored row as a retrying worker would.
    const row = await t.db.inboxEvent.findFirstOrThrow({ where: { shopId: shop } });
    await t.db.inboxEvent.update({ where: { id: row.id }, data: { status: "pending" } });
    await drainInbox(t.db);
    expect(await browse()).toEqual(before.rows);
    expect(await client()).toEqual(before.client);
    expect(before.rows).toHaveLength(1);
  });

  it("the identifying event applied before the anonymous ones still links them", async () => {
    await send([PIXEL_EVENTS.collection_viewed], { customerId: "88" });
    await send([PIXEL_EVENTS.page_viewed, PIXEL_EVENTS.product_viewed]);
    expect((await browse()).map((row) => row.customerId)).toEqual(["88", "88", "88"]);
    expect(await client()).toMatchObject({
      customerId: "88",
      firstSeenAt: new Date(PIXEL_EVENTS.page_viewed.timestamp),
      lastSeenAt: new Date(PIXEL_EVENTS.collection_viewed.timestamp),
      linkedAt: new Date(PIXEL_EVENTS.collection_viewed.timestamp),
    });
  });

  it("a browser that changes hands: rows already attributed keep their customer, the new login takes over", async () => {
    await send([PIXEL_EVENTS.page_viewed], { customerId: "1" });
    await send([PIXEL_EVENTS.search_submitted], { customerId: "2" });
    await send([PIXEL_EVENTS.product_viewed], { customerId: "1" }); // older than customer 2's login
    await send([PIXEL_EVENTS.cart_viewed]);
    expect((await browse()).map((row) => [row.name, row.customerId])).toEqual([
      ["page_viewed", "1"],
      ["product_viewed", "1"],
      ["search_submitted", "2"],
      ["cart_viewed", "2"],
    ]);
    expect(await client()).toMatchObject({ customerId: "2", linkedAt: new Date(PIXEL_EVENTS.search_submitted.timestamp) });
  });

  it("a redacted customer is never linked again: later browsing stays anonymous", async () => {
    await t.db.customer.create({ data: { shopId: shop, id: "99", redactedAt: new Date("2025-05-01T00:00:00Z") } });
    await send([PIXEL_EVENTS.page_viewed, PIXEL_EVENTS.product_viewed], { customerId: "99" });
    await send([{ ...PIXEL_EVENTS.checkout_completed, data: { checkout: { ...PIXEL_EVENTS.checkout_completed.data.checkout, order: { id: "5", customer: { id: "99" } } } } }]);
    expect((await browse()).map((row) => row.customerId)).toEqual([null, null, null]);
    expect(await client()).toMatchObject({ customerId: null, linkedAt: null });
  });

  it("a client linked before its customer was redacted stops attributing new rows", async () => {
    await send([PIXEL_EVENTS.page_viewed], { customerId: "98" });
    await t.db.customer.create({ data: { shopId: shop, id: "98", redactedAt: new Date("2025-05-04T10:00:30Z") } });
    await send([PIXEL_EVENTS.product_viewed]);
    expect((await browse()).map((row) => row.customerId)).toEqual(["98", null]);
  });

  it("the browser's time zone goes onto the linked customer's profile", async () => {
    await t.db.customer.create({ data: { shopId: shop, id: "66", timeZone: "America/New_York" } });
    await send([PIXEL_EVENTS.page_viewed], { customerId: "66", timeZone: "Europe/Lisbon" });
    expect(await t.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: shop, id: "66" } } })).toMatchObject({ timeZone: "Europe/Lisbon" });
    // An anonymous browser's zone goes nowhere.
    await t.db.customer.create({ data: { shopId: shop, id: "67" } });
    await ingestPixelBatch(t.db, JSON.stringify({ shop, clientId: "anonymous", timeZone: "Asia/Tokyo", events: [{ ...PIXEL_EVENTS.page_viewed, clientId: "anonymous", id: "anon-1" }] }), { limiter, now: NOW });
    await drainInbox(t.db);
    expect(await t.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: shop, id: "67" } } })).toMatchObject({ timeZone: null });
  });

  it("a pending row whose payload does not parse is marked invalid, not retried", async () => {
    const row = await t.db.inboxEvent.create({ data: { shopId: shop, source: "pixel", deliveryId: "broken", topic: "page_viewed", payload: JSON.stringify({ clientId: CLIENT, event: { name: "page_viewed" } }) } });
    await drainInbox(t.db);
    expect(await t.db.inboxEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "invalid", error: expect.stringContaining("customerId") });
  });

  it("pixelLinkOfCart tells the cart projection which browser (and customer) viewed a cart stored later", async () => {
    await send([PIXEL_EVENTS.cart_viewed]);
    expect(await t.db.$transaction((tx) => pixelLinkOfCart(tx, shop, "c1-7a2b3c4d5e6f"))).toEqual({ clientId: CLIENT, customerId: null });
    await send([PIXEL_EVENTS.page_viewed], { customerId: "55" });
    expect(await t.db.$transaction((tx) => pixelLinkOfCart(tx, shop, "c1-7a2b3c4d5e6f"))).toEqual({ clientId: CLIENT, customerId: "55" });
    expect(await t.db.$transaction((tx) => pixelLinkOfCart(tx, shop, "never-viewed"))).toBeNull();
  });

  it("demo sessions arrive whole: every event one row, logged-in sessions attributed to their customer", async () => {
    const store = generateDemoStore({ seed: `pixel-${kind}`, customers: 25, now: NOW, anonymousVisitors: 10 });
    const sessions = [...[...store.customers()].flatMap((history) => history.sessions), ...store.anonymousSessions()];
    let sent = 0;
    for (const session of sessions) {
      for (let start = 0; start < session.events.length; start += 100) {
        const events = session.events.slice(start, start + 100);
        const body = JSON.stringify({ shop, clientId: session.clientId, customerId: session.customerId, timeZone: session.timeZone, events });
        expect(await ingestPixelBatch(t.db, body, { limiter, now: NOW })).toMatchObject({ status: 202, invalid: 0 });
        sent += events.length;
      }
    }
    expect(sent).toBeGreaterThan(100);
    expect(await drainInbox(t.db)).toMatchObject({ invalid: 0, failed: 0, retried: 0 });
    const rows = new Map((await browse()).map((row) => [row.id, row]));
    expect(rows.size).toBe(sent);
    for (const session of sessions) {
      if (session.customerId === null) continue;
      const customerId = ShopifyId.parse(session.customerId);
      for (const event of session.events) expect(rows.get(event.id)?.customerId).toBe(customerId);
    }
    const clients = new Set(sessions.map((session) => session.clientId));
    expect(await t.db.pixelClient.count({ where: { shopId: shop } })).toBe(clients.size);
  });
});
