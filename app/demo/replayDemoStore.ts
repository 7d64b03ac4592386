import { createHash } from "node:crypto";
import type { CustomerHistory, DemoStore } from "./generator";
import type { PixelSession } from "./generator/pixelTypes";
import { signedWebhook } from "./signedWebhook";

/**
 * Sends a generated store's history to the running app as Shopify would: every record as a signed
 * webhook to its route, every storefront visit as pixel batches. Nothing is written to the
 * database directly, so the demo exercises the whole intake path (signature, inbox, worker,
 * projections).
 *
 * Each customer's deliveries go in order (customer, consent, then orders, carts and checkouts as
 * they happened); customers are sent concurrently. Webhook ids are derived from the record and its
 * version, so replaying the same store twice delivers duplicates the inbox ignores.
 */
export type ReplayCounts = { webhooks: number; pixelBatches: number; pixelEvents: number; refused: number; rateLimitedWaits: number; retried: number };

export type ReplayOptions = {
  baseUrl: string;
  secret: string;
  concurrency?: number;
  /** Pixel events per batch, as the web pixel sends them. */
  pixelBatchSize?: number;
  onProgress?: (done: { customers: number; total: number }) => void;
};

type Delivery = { path: string; topic: string; body: unknown; version: string; resource: string };

export async function replayDemoStore(demo: DemoStore, options: ReplayOptions): Promise<ReplayCounts> {
  const counts: ReplayCounts = { webhooks: 0, pixelBatches: 0, pixelEvents: 0, refused: 0, rateLimitedWaits: 0, retried: 0 };
  const shop = demo.shop.myshopifyDomain;

  const send = async (delivery: Delivery) => {
    const body = JSON.stringify(delivery.body);
    const request = signedWebhook({
      url: `${options.baseUrl}${delivery.path}`,
      topic: delivery.topic,
      shop,
      body,
      secret: options.secret,
      webhookId: stableId(`${delivery.topic}:${delivery.resource}:${delivery.version}`),
      eventId: stableId(`event:${delivery.topic}:${delivery.resource}:${delivery.version}`),
      triggeredAt: delivery.version,
    });
    let response = await fetch(request.clone());
    await response.arrayBuffer();
    // Shopify retries a delivery that failed with a 5xx (with backoff, for up to 48 hours).
    for (let attempt = 1; response.status >= 500 && attempt <= 5; attempt++) {
      counts.retried++;
      await sleep(200 * 2 ** attempt);
      response = await fetch(request.clone());
      await response.arrayBuffer();
    }
    if (response.status !== 200) {
      counts.refused++;
      throw new Error(`${delivery.topic} for ${delivery.resource} was answered ${response.status}`);
    }
    counts.webhooks++;
  };

  const postPixel = async (body: string) => {
    const response = await fetch(`${options.baseUrl}/pixel/events`, { method: "POST", headers: { "Content-Type": "text/plain" }, body });
    await response.arrayBuffer();
    return response;
  };

  const sendSessions = async (sessions: readonly PixelSession[]) => {
    const size = options.pixelBatchSize ?? 20;
    for (const session of sessions) {
      for (let start = 0; start < session.events.length; start += size) {
        const events = session.events.slice(start, start + size);
        const body = JSON.stringify({ shop, clientId: session.clientId, customerId: session.customerId, timeZone: session.timeZone, events });
        // The endpoint limits each browser's rate; a replay of weeks of visits waits as a browser would.
        let response = await postPixel(body);
        for (let attempt = 1; response.status === 429 || (response.status >= 500 && attempt <= 5); attempt++) {
          // The pixel waits for Retry-After when limited and retries server errors, as the extension does.
          if (response.status === 429) counts.rateLimitedWaits++;
          else counts.retried++;
          await sleep(response.status === 429 ? Number(response.headers.get("Retry-After") ?? 1) * 1000 : 200 * 2 ** attempt);
          response = await postPixel(body);
        }
        if (response.status >= 300) {
          counts.refused++;
          throw new Error(`pixel batch for ${session.clientId} was answered ${response.status}`);
        }
        counts.pixelBatches++;
        counts.pixelEvents += events.length;
      }
    }
  };

  for (const product of demo.catalog.products) {
    await send({ path: "/webhooks/products", topic: "products/create", body: product, version: product.updated_at, resource: `product:${product.id}` });
  }

  const total = demo.options.customers;
  let done = 0;
  await runConcurrently(demo.customers(), options.concurrency ?? 16, async (history) => {
    for (const delivery of customerDeliveries(history)) await send(delivery);
    await sendSessions(history.sessions);
    done++;
    if (done % 500 === 0 || done === total) options.onProgress?.({ customers: done, total });
  });
  await runConcurrently(demo.anonymousVisitors(), options.concurrency ?? 16, async (visitor) => {
    for (const versions of visitor.carts) for (const delivery of basketDeliveries("carts", versions, (cart) => cart.token)) await send(delivery);
    await sendSessions(visitor.sessions);
  });
  return counts;
}

/** One customer's history as webhook deliveries, in the order Shopify would have sent them. */
export function customerDeliveries(history: CustomerHistory): Delivery[] {
  const customer = history.customer;
  const deliveries: Array<Delivery & { at: number; sequence: number }> = [];
  const push = (delivery: Delivery, at: string) => deliveries.push({ ...delivery, at: Date.parse(at), sequence: deliveries.length });
  push({ path: "/webhooks/customers", topic: "customers/create", body: customer, version: customer.updated_at, resource: `customer:${customer.id}` }, customer.created_at);
  const consentAt = history.consent.email_marketing_consent.consent_updated_at ?? customer.created_at;
  push({ path: "/webhooks/consent", topic: "customers_email_marketing_consent/update", body: history.consent, version: consentAt, resource: `consent:${customer.id}` }, consentAt);
  for (const versions of history.carts) for (const delivery of basketDeliveries("carts", versions, (cart) => cart.token)) push(delivery, delivery.version);
  for (const versions of history.checkouts) for (const delivery of basketDeliveries("checkouts", versions, (checkout) => checkout.token)) push(delivery, delivery.version);
  for (const order of history.orders) {
    push({ path: "/webhooks/orders", topic: "orders/create", body: order, version: order.updated_at, resource: `order:${order.id}` }, order.created_at);
    if (order.cancelled_at) {
      push({ path: "/webhooks/orders", topic: "orders/cancelled", body: order, version: order.updated_at, resource: `order:${order.id}` }, order.cancelled_at);
    }
  }
  return deliveries.sort((a, b) => a.at - b.at || a.sequence - b.sequence).map(({ at: _at, sequence: _sequence, ...delivery }) => delivery);
}

function basketDeliveries<T extends { updated_at: string }>(kind: "carts" | "checkouts", versions: readonly T[], tokenOf: (payload: T) => string): Delivery[] {
  return versions.map((payload, index) => ({
    path: `/webhooks/${kind}`,
    topic: `${kind}/${index === 0 ? "create" : "update"}`,
    body: payload,
    version: payload.updated_at,
    resource: `${kind}:${tokenOf(payload)}`,
  }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stableId(key: string): string {
  const hex = createHash("sha256").update(key).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Runs `work` over `items` with at most `limit` in flight, failing fast on the first error. */
async function runConcurrently<T>(items: Iterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const lanes = Array.from({ length: limit }, async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value);
  });
  await Promise.all(lanes);
}
