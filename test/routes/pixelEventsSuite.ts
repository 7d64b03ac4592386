import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { drainInbox } from "~/jobs/inboxWorker.server";
import { PixelEvent } from "~/domain/events/pixelEvents";
import { browseEventRecord } from "~/domain/projections/shopifyRecords";
import { startApp, type RunningApp } from "../support/appServer";
import { createTestDatabase, type DatabaseKindUnderTest, type TestDatabase } from "../support/databases";
import { PIXEL_EVENTS } from "../domain/fixtures/pixelEvents";

type RawEvent = { id: string; name: string; clientId: string; timestamp: string } & Record<string, unknown>;

/** A fixture event for another browser (and, optionally, another id). */
export function asClient<E extends RawEvent>(event: E, clientId: string, id = `${event.id}-${clientId}`): E {
  return { ...event, clientId, id };
}

/**
 * The pixel endpoint end to end: the production build served over HTTP, batches sent with fetch
 * as the web pixel sends them, the inbox drained by the real worker, and the database read back.
 * One test file per database (the build reads DATABASE_URL once per process).
 */
export function pixelRouteSuite(kind: DatabaseKindUnderTest): void {
  describe(`POST /pixel/events on ${kind}`, () => {
    let t: TestDatabase;
    let app: RunningApp;
    let counter = 0;
    let shop: string;

    beforeAll(async () => {
      t = await createTestDatabase(kind);
      app = await startApp({
        DEMO_MODE: "false",
        SHOPIFY_API_KEY: "test-api-key",
        SHOPIFY_API_SECRET: "test-secret-0123456789",
        SHOPIFY_APP_URL: "https://app.example.test",
        DATABASE_URL: t.url,
        LOG_LEVEL: "silent",
      });
    });
    afterAll(async () => {
      await app?.close();
      await t?.drop();
    });
    beforeEach(async () => {
      counter += 1;
      shop = `pixel-${kind}-${counter}.myshopify.com`;
      await t.db.shop.create({ data: { id: shop, name: shop, status: "installed" } });
    });

    const CLIENT = PIXEL_EVENTS.page_viewed.clientId;
    const batch = (events: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ shop, clientId: CLIENT, events, ...extra });
    const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
      fetch(`${app.url}/pixel/events`, { method: "POST", body, headers: { "Content-Type": "text/plain;charset=UTF-8", Origin: "https://www.demo-botanics.example", ...headers } });
    const inbox = (shopId = shop) => t.db.inboxEvent.findMany({ where: { shopId }, orderBy: { id: "asc" } });
    const browse = (shopId = shop) => t.db.browseEvent.findMany({ where: { shopId }, orderBy: { occurredAt: "asc" } });

    async function expectNothingWritten(shopId = shop): Promise<void> {
      expect(await inbox(shopId)).toEqual([]);
      expect(await browse(shopId)).toEqual([]);
      expect(await t.db.pixelClient.count({ where: { shopId } })).toBe(0);
    }

    describe("a valid batch", () => {
      it("answers 202 with counts, stores one pending inbox row per event, and the worker writes the browsing rows", async () => {
        const events = Object.values(PIXEL_EVENTS);
        const response = await post(batch(events, { timeZone: "Europe/Paris" }));
        expect(response.status).toBe(202);
        expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
        expect(await response.json()).toEqual({ shop, received: 8, accepted: 8, duplicates: 0, invalid: 0 });

        const rows = await inbox();
        expect(rows.map((row) => [row.source, row.topic, row.deliveryId, row.eventId, row.status])).toEqual(events.map((event) => ["pixel", event.name, event.id, event.id, "pending"]));
        expect(rows[0]?.triggeredAt).toEqual(new Date(PIXEL_EVENTS.page_viewed.timestamp));
        // The checkout's email never reaches the database.
        for (const row of rows) expect(row.payload).not.toContain("ann@example.org");

        await drainInbox(t.db);
        expect((await inbox()).map((row) => [row.status, row.error])).toEqual(events.map(() => ["applied", null]));
        // checkout_completed names the order's customer: the whole visit becomes theirs.
        const expected = events.map((event) => ({ shopId: shop, ...browseEventRecord(PixelEvent.parse(event), "207119551") }));
        expect(await browse()).toEqual(expected);
        expect(await t.db.pixelClient.findUniqueOrThrow({ where: { shopId_clientId: { shopId: shop, clientId: CLIENT } } })).toEqual({
          shopId: shop,
          clientId: CLIENT,
          customerId: "207119551",
          firstSeenAt: new Date(PIXEL_EVENTS.page_viewed.timestamp),
          lastSeenAt: new Date(PIXEL_EVENTS.checkout_completed.timestamp),
          linkedAt: new Date(PIXEL_EVENTS.checkout_completed.timestamp),
        });
      });

      it("a replayed batch is answered 202 again and stores nothing twice", async () => {
        const body = batch([PIXEL_EVENTS.page_viewed, PIXEL_EVENTS.product_viewed]);
        expect(await (await post(body)).json()).toMatchObject({ accepted: 2, duplicates: 0 });
        await drainInbox(t.db);
        const replay = await post(body);
        expect(replay.status).toBe(202);
        expect(await replay.json()).toMatchObject({ received: 2, accepted: 0, duplicates: 2 });
        // One new event beside an old one: only the new one is stored.
        expect(await (await post(batch([PIXEL_EVENTS.product_viewed, PIXEL_EVENTS.cart_viewed]))).json()).toMatchObject({ accepted: 1, duplicates: 1 });
        await drainInbox(t.db);
        expect((await inbox()).map((row) => row.deliveryId)).toEqual([PIXEL_EVENTS.page_viewed.id, PIXEL_EVENTS.product_viewed.id, PIXEL_EVENTS.cart_viewed.id]);
        expect((await browse()).map((row) => row.id)).toEqual([PIXEL_EVENTS.page_viewed.id, PIXEL_EVENTS.product_viewed.id, PIXEL_EVENTS.cart_viewed.id]);
      });

      it("the same batch sent concurrently is stored once", async () => {
        const body = batch([PIXEL_EVENTS.page_viewed, PIXEL_EVENTS.product_viewed, PIXEL_EVENTS.collection_viewed]);
        const responses = await Promise.all(Array.from({ length: 6 }, () => post(body)));
        expect(responses.map((response) => response.status)).toEqual(Array(6).fill(202));
        const counts = await Promise.all(responses.map((response) => response.json() as Promise<{ accepted: number }>));
        expect(counts.reduce((sum, count) => sum + count.accepted, 0)).toBe(3);
        expect(await inbox()).toHaveLength(3);
      });

      it("an event repeated inside one batch is stored once", async () => {
        const response = await post(batch([PIXEL_EVENTS.page_viewed, PIXEL_EVENTS.page_viewed]));
        expect(await response.json()).toMatchObject({ received: 2, accepted: 1, duplicates: 1 });
        expect(await inbox()).toHaveLength(1);
      });

      it("the same event ids from two shops are two shops' events", async () => {
        const other = `other-${shop}`;
        await t.db.shop.create({ data: { id: other, status: "installed" } });
        expect((await post(batch([PIXEL_EVENTS.page_viewed]))).status).toBe(202);
        expect((await post(JSON.stringify({ shop: other, clientId: CLIENT, events: [PIXEL_EVENTS.page_viewed] }))).status).toBe(202);
        await drainInbox(t.db);
        expect(await browse()).toHaveLength(1);
        expect(await browse(other)).toHaveLength(1);
      });
    });

    describe("CORS and methods", () => {
      it("answers the preflight from any origin, without credentials", async () => {
        const response = await fetch(`${app.url}/pixel/events`, {
          method: "OPTIONS",
          headers: { Origin: "https://www.demo-botanics.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
        });
        expect(response.status).toBe(204);
        expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
        expect(response.headers.get("Access-Control-Allow-Methods")).toContain("POST");
        expect(response.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toContain("content-type");
        expect(response.headers.get("Access-Control-Allow-Credentials")).toBeNull();
        expect(response.headers.get("Set-Cookie")).toBeNull();
      });

      it("accepts application/json as well as text/plain, and sets no cookie", async () => {
        const response = await post(batch([PIXEL_EVENTS.page_viewed]), { "Content-Type": "application/json", Cookie: "session=abc" });
        expect(response.status).toBe(202);
        expect(response.headers.get("Set-Cookie")).toBeNull();
        expect(response.headers.get("Access-Control-Expose-Headers")).toContain("Retry-After");
      });

      it.each(["GET", "PUT", "DELETE"])("%s: 405, nothing written", async (method) => {
        const response = await fetch(`${app.url}/pixel/events`, { method, ...(method === "GET" ? {} : { body: batch([PIXEL_EVENTS.page_viewed]) }) });
        expect(response.status).toBe(405);
        expect(response.headers.get("Allow")).toBe("POST, OPTIONS");
        await expectNothingWritten();
      });
    });

    describe("size limit", () => {
      it("a body over 64 KiB: 413, nothing written", async () => {
        const padded = { ...PIXEL_EVENTS.page_viewed, data: { padding: "x".repeat(70_000) } };
        const response = await post(batch([padded]));
        expect(response.status).toBe(413);
        await expectNothingWritten();
      });

      it("a chunked body that grows past 64 KiB is cut off: 413, nothing written", async () => {
        const status = await new Promise<number>((resolve, reject) => {
          const request = http.request(`${app.url}/pixel/events`, { method: "POST", headers: { "Content-Type": "text/plain", "Transfer-Encoding": "chunked" } });
          request.on("response", (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          });
          request.on("error", reject);
          const head = `{"shop":"${shop}","clientId":"${CLIENT}","events":[{"padding":"`;
          request.write(head);
          let sent = 0;
          const pump = () => {
            // Keep writing until the server answers (it must not wait for the end of the body).
            while (sent < 1_000_000 && !request.destroyed) {
              sent += 8_192;
              if (!request.write("y".repeat(8_192))) return void request.once("drain", pump);
            }
            request.end('"}]}');
          };
          pump();
        });
        expect(status).toBe(413);
        await expectNothingWritten();
      });

      it("just under the limit is accepted", async () => {
        const padded = { ...PIXEL_EVENTS.page_viewed, data: { padding: "x".repeat(60_000) } };
        expect((await post(batch([padded]))).status).toBe(202);
      });
    });

    describe("rate limit per browser", () => {
      it("a flood from one browser is refused with 429 and Retry-After once its budget is spent; other browsers go on", async () => {
        const flood = "flooding-client";
        const statuses: number[] = [];
        let retryAfter: string | null = null;
        for (let round = 0; round < 6; round++) {
          const events = Array.from({ length: 50 }, (_, i) => asClient(PIXEL_EVENTS.page_viewed, flood, `flood-${round}-${i}`));
          const response = await post(JSON.stringify({ shop, clientId: flood, events }));
          statuses.push(response.status);
          if (response.status === 429) retryAfter ??= response.headers.get("Retry-After");
        }
        // 240 events of budget: four batches of 50 fit, the fifth does not.
        expect(statuses).toEqual([202, 202, 202, 202, 429, 429]);
        expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
        expect(Number(retryAfter)).toBeLessThanOrEqual(30);
        expect(await t.db.inboxEvent.count({ where: { shopId: shop } })).toBe(200);

        const neighbour = asClient(PIXEL_EVENTS.page_viewed, "a-quiet-client");
        const response = await post(JSON.stringify({ shop, clientId: "a-quiet-client", events: [neighbour] }));
        expect(response.status).toBe(202);
      });
    });

    describe("shops", () => {
      it("an unknown shop: 404, nothing written", async () => {
        const stranger = `never-installed-${counter}.myshopify.com`;
        const response = await post(JSON.stringify({ shop: stranger, clientId: CLIENT, events: [PIXEL_EVENTS.page_viewed] }));
        expect(response.status).toBe(404);
        await expectNothingWritten(stranger);
      });

      it("a shop that uninstalled the app: 403, nothing written", async () => {
        await t.db.shop.update({ where: { id: shop }, data: { status: "uninstalled", uninstalledAt: new Date() } });
        const response = await post(batch([PIXEL_EVENTS.page_viewed, PIXEL_EVENTS.checkout_completed]));
        expect(response.status).toBe(403);
        await expectNothingWritten();
      });
    });

    describe("bad input never answers 500 and loses nothing valid", () => {
      it.each([
        ["not JSON", "{\"shop\": "],
        ["empty", ""],
        ["a JSON array", "[]"],
        ["JSON null", "null"],
      ])("a body that is %s: 400, nothing written", async (_name, body) => {
        const response = await post(body);
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({ error: expect.any(String) });
        await expectNothingWritten();
      });

      it.each([
        ["no shop", { shop: undefined, clientId: CLIENT, events: [PIXEL_EVENTS.page_viewed] }],
        ["a shop that is a number", { shop: 42, clientId: CLIENT, events: [PIXEL_EVENTS.page_viewed] }],
        ["events that are an object", { clientId: CLIENT, events: { a: 1 } }],
        ["no events", { clientId: CLIENT, events: [] }],
        ["a customer id that is an email", { clientId: CLIENT, customerId: "ann@example.org", events: [PIXEL_EVENTS.page_viewed] }],
      ])("an envelope with %s: 400, nothing written", async (_name, envelope) => {
        const response = await post(JSON.stringify({ shop, ...envelope }));
        expect(response.status).toBe(400);
        const { error } = (await response.json()) as { error: string };
        expect(error).not.toContain("ann@example.org");
        await expectNothingWritten();
      });

      it("a body that is not UTF-8: 400, nothing written", async () => {
        const response = await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
        expect(response.status).toBe(400);
        await expectNothingWritten();
      });

      it("invalid events are stored as invalid rows with the reason, their valid neighbours as usual", async () => {
        const wrongTypes = { ...PIXEL_EVENTS.search_submitted, data: { searchResult: { query: 42 } } };
        const unknown = { ...PIXEL_EVENTS.page_viewed, id: "sh-custom-1", name: "page_scrolled" };
        const response = await post(batch([PIXEL_EVENTS.page_viewed, wrongTypes, unknown, "just a string", PIXEL_EVENTS.product_viewed]));
        expect(response.status).toBe(202);
        expect(await response.json()).toMatchObject({ received: 5, accepted: 2, invalid: 3 });

        const rows = await inbox();
        expect(rows.map((row) => [row.topic, row.status])).toEqual([
          ["page_viewed", "pending"],
          ["search_submitted", "invalid"],
          ["invalid", "invalid"],
          ["invalid", "invalid"],
          ["product_viewed", "pending"],
        ]);
        expect(rows[1]?.error).toContain("data.searchResult.query");
        expect(rows[1]?.eventId).toBe(PIXEL_EVENTS.search_submitted.id);
        // An invalid event never takes the id a corrected resend needs.
        expect(rows[1]?.deliveryId).not.toBe(PIXEL_EVENTS.search_submitted.id);
        expect((await post(batch([PIXEL_EVENTS.search_submitted]))).status).toBe(202);

        // Resending the same bad batch adds nothing.
        await post(batch([PIXEL_EVENTS.page_viewed, wrongTypes, unknown, "just a string", PIXEL_EVENTS.product_viewed]));
        expect(await inbox()).toHaveLength(6);

        await drainInbox(t.db);
        expect((await inbox()).map((row) => row.status)).toEqual(["applied", "invalid", "invalid", "invalid", "applied", "applied"]);
        expect((await browse()).map((row) => row.name).sort()).toEqual(["page_viewed", "product_viewed", "search_submitted"]);
      });

      it("names with emoji, right-to-left text and zero-width characters are kept exactly", async () => {
        const query = "سيروم 🌿 vit\u200bamin C";
        const response = await post(batch([{ ...PIXEL_EVENTS.search_submitted, data: { searchResult: { query, productVariants: [] } } }]));
        expect(response.status).toBe(202);
        await drainInbox(t.db);
        expect((await browse())[0]?.searchQuery).toBe(query);
      });
    });

    describe("linking browsing to customers", () => {
      it("anonymous browsing, then a logged-in event from the same browser: the earlier rows become the customer's", async () => {
        await post(batch([PIXEL_EVENTS.page_viewed, PIXEL_EVENTS.product_viewed]));
        await drainInbox(t.db);
        expect((await browse()).map((row) => row.customerId)).toEqual([null, null]);

        await post(batch([PIXEL_EVENTS.collection_viewed], { customerId: "gid://shopify/Customer/5550001" }));
        await drainInbox(t.db);
        expect((await browse()).map((row) => row.customerId)).toEqual(["5550001", "5550001", "5550001"]);
        const client = await t.db.pixelClient.findUniqueOrThrow({ where: { shopId_clientId: { shopId: shop, clientId: CLIENT } } });
        expect(client).toMatchObject({ customerId: "5550001", linkedAt: new Date(PIXEL_EVENTS.collection_viewed.timestamp) });

        // After logging out, the same browser's browsing is still theirs.
        await post(batch([PIXEL_EVENTS.search_submitted]));
        await drainInbox(t.db);
        expect((await browse()).at(-1)?.customerId).toBe("5550001");
        // Another browser stays anonymous.
        await post(JSON.stringify({ shop, clientId: "another-browser", events: [asClient(PIXEL_EVENTS.page_viewed, "another-browser")] }));
        await drainInbox(t.db);
        expect((await t.db.browseEvent.findMany({ where: { shopId: shop, clientId: "another-browser" } })).map((row) => row.customerId)).toEqual([null]);
      });

      it("cart_viewed ties the cart to the browser, and to the customer once the browser is known", async () => {
        const cartToken = "c1-7a2b3c4d5e6f";
        const stamp = new Date("2025-05-04T09:59:00Z");
        await t.db.cart.create({ data: { shopId: shop, token: cartToken, totalMinor: 5998, currencyCode: "USD", shopifyCreatedAt: stamp, sourceUpdatedAt: stamp } });
        await post(batch([PIXEL_EVENTS.product_added_to_cart, PIXEL_EVENTS.cart_viewed]));
        await drainInbox(t.db);
        expect(await t.db.cart.findUniqueOrThrow({ where: { shopId_token: { shopId: shop, token: cartToken } } })).toMatchObject({ clientId: CLIENT, customerId: null });
        expect((await browse()).find((row) => row.name === "cart_viewed")?.cartToken).toBe(cartToken);

        await post(batch([PIXEL_EVENTS.page_viewed], { customerId: "5550002" }));
        await drainInbox(t.db);
        expect(await t.db.cart.findUniqueOrThrow({ where: { shopId_token: { shopId: shop, token: cartToken } } })).toMatchObject({ clientId: CLIENT, customerId: "5550002" });
      });

      it("a completed checkout names the customer: the checkout and the cart it came from are linked too", async () => {
        const stamp = new Date("2025-05-04T09:59:00Z");
        const checkoutToken = PIXEL_EVENTS.checkout_completed.data.checkout.token;
        await t.db.cart.create({ data: { shopId: shop, token: "cart-of-checkout", totalMinor: 5998, shopifyCreatedAt: stamp, sourceUpdatedAt: stamp } });
        await t.db.checkout.create({ data: { shopId: shop, token: checkoutToken, cartToken: "cart-of-checkout", currencyCode: "USD", totalMinor: 5998, shopifyCreatedAt: stamp, sourceUpdatedAt: stamp } });
        await post(batch([PIXEL_EVENTS.checkout_started]));
        await post(batch([PIXEL_EVENTS.checkout_completed]));
        await drainInbox(t.db);
        expect(await t.db.checkout.findUniqueOrThrow({ where: { shopId_token: { shopId: shop, token: checkoutToken } } })).toMatchObject({ customerId: "207119551" });
        expect(await t.db.cart.findUniqueOrThrow({ where: { shopId_token: { shopId: shop, token: "cart-of-checkout" } } })).toMatchObject({ clientId: CLIENT, customerId: "207119551" });
        expect((await browse()).map((row) => row.customerId)).toEqual(["207119551", "207119551"]);
      });
    });
  });
}
