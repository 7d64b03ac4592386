/**
 * What the pixel sends, and how it reads the answer. Pure functions: the app's endpoint
 * (app/routes/pixel.events.tsx) is the other side of this contract, and test/extensions/ checks
 * both sides agree.
 */

/** The standard events the app reads (app/domain/events/pixelEvents.ts `PIXEL_EVENT_NAMES`). */
export const SUBSCRIBED_EVENTS = [
  "page_viewed",
  "product_viewed",
  "collection_viewed",
  "search_submitted",
  "product_added_to_cart",
  "cart_viewed",
  "checkout_started",
  "checkout_completed",
] as const;

/** An event as the pixel keeps and sends it: the standard event, slimmed. */
export type SlimEvent = {
  id: string;
  name: string;
  clientId: string;
  timestamp: string;
  seq?: number;
  context?: Record<string, unknown>;
  data?: unknown;
};

/** The slice of a standard event this module reads (every `analytics.subscribe` event has it). */
export type StandardEventLike = { id: string; name: string; clientId: string; timestamp: string; seq?: number; context?: unknown; data?: unknown };

/** Keys never sent: the shopper's contact details and addresses (customers are known by id). */
const PERSONAL_KEYS = new Set(["email", "phone", "firstName", "lastName", "billingAddress", "shippingAddress", "deliveryAddress", "address1", "address2"]);
/** Lists of products shown beside a collection or search result: the first few say enough. */
const LIST_CAPS: Record<string, number> = { productVariants: 10 };
const MAX_DEPTH = 10;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pick(source: unknown, keys: readonly string[]): Record<string, unknown> | undefined {
  if (!isRecord(source)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function strip(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((item) => strip(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (PERSONAL_KEYS.has(key)) continue;
    const cap = LIST_CAPS[key];
    out[key] = cap !== undefined && Array.isArray(inner) ? strip(inner.slice(0, cap), depth + 1) : strip(inner, depth + 1);
  }
  return out;
}

/** The event with only what the app reads of its context, and its data without personal fields. */
export function slimEvent(event: StandardEventLike): SlimEvent {
  const context = isRecord(event.context) ? event.context : {};
  const document = isRecord(context.document) ? context.document : undefined;
  const slim: SlimEvent = { id: event.id, name: event.name, clientId: event.clientId, timestamp: event.timestamp };
  if (typeof event.seq === "number") slim.seq = event.seq;
  const location = pick(document?.location, ["href", "pathname", "search"]);
  slim.context = {
    ...(document && location ? { document: { location, ...pick(document, ["referrer", "title"]) } } : {}),
    ...(isRecord(context.navigator) ? { navigator: pick(context.navigator, ["language", "userAgent"]) } : {}),
  };
  slim.data = strip(event.data ?? {}, 0);
  return slim;
}

/** A stored event read back (from sessionStorage): only well-formed ones are kept. */
export function isSlimEvent(value: unknown): value is SlimEvent {
  return isRecord(value) && typeof value.id === "string" && typeof value.name === "string" && typeof value.clientId === "string" && typeof value.timestamp === "string";
}

export type PixelTarget = { endpoint: string; shop: string };

/**
 * The pixel's settings, as the app set them with `webPixelCreate` (app/services/pixel/
 * connectWebPixel.server.ts): the app's URL (https, or http on loopback for development) and the
 * shop's myshopify domain. Null when unusable: the pixel then sends nothing.
 */
export function pixelTarget(settings: Record<string, unknown>): PixelTarget | null {
  const { appUrl, shop } = settings;
  if (typeof appUrl !== "string" || typeof shop !== "string" || !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop)) return null;
  let url: URL;
  try {
    url = new URL(appUrl);
  } catch {
    return null;
  }
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) return null;
  return { endpoint: new URL("pixel/events", url.href.endsWith("/") ? url.href : `${url.href}/`).href, shop };
}

export type Envelope = { shop: string; clientId: string; customerId: string | null; timeZone: string | null; events: SlimEvent[] };

/** One request body per browser id in the batch (there is normally one). */
export function envelopes(target: PixelTarget, identity: { customerId: string | null; timeZone: string | null }, events: readonly SlimEvent[]): Envelope[] {
  const byClient = new Map<string, SlimEvent[]>();
  for (const event of events) {
    const list = byClient.get(event.clientId) ?? [];
    list.push(event);
    byClient.set(event.clientId, list);
  }
  return [...byClient].map(([clientId, list]) => ({ shop: target.shop, clientId, customerId: identity.customerId, timeZone: identity.timeZone, events: list }));
}

/** Bytes an event adds to a request body (its JSON and a separating comma). */
export function eventBytes(event: SlimEvent, length: (text: string) => number): number {
  return length(JSON.stringify(event)) + 1;
}

export type Delivery = { kind: "delivered" } | { kind: "retry"; afterMs: number } | { kind: "drop" };

/**
 * What to do with a batch after the endpoint answered `status` (0: no answer at all):
 * accepted (2xx) is done; throttled (429) waits Retry-After; the server or network failing (5xx,
 * 0, 408) retries later; any other refusal (a bad batch, a shop without the app) would be refused
 * again, so the batch is dropped.
 */
export function deliveryOutcome(status: number, retryAfter: string | null, retryDelayMs = 10_000): Delivery {
  if (status >= 200 && status < 300) return { kind: "delivered" };
  if (status === 429) {
    const seconds = Number(retryAfter);
    return { kind: "retry", afterMs: Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 600) * 1000 : retryDelayMs };
  }
  if (status === 0 || status === 408 || status >= 500) return { kind: "retry", afterMs: retryDelayMs };
  return { kind: "drop" };
}
