import { z } from "zod";
import { PIXEL_EVENT_NAMES, PixelEvent } from "../events/pixelEvents";
import { ShopifyId } from "../shared/ids";
import { DAY_MS } from "../shared/time";
import { SHOP_DOMAIN } from "../shop/shopProfile";
import { minimizePixelEvent } from "./minimizePixelEvent";

/**
 * The web pixel's request to `/pixel/events`: one browser (clientId) of one shop, the customer id
 * the pixel read from `init.data.customer` when the shopper is logged in, the browser's time zone,
 * and the events it batched. The envelope is checked strictly (a bad one is refused whole); each
 * event is then judged on its own, so one malformed event does not cost its neighbours.
 */
export const PIXEL_LIMITS = {
  /** Bytes of request body; browsers cap `keepalive` requests at 64 KiB as well. */
  maxBodyBytes: 64 * 1024,
  maxEventsPerBatch: 100,
  /** Clocks are wrong, but not by a day: an event stamped further ahead is refused. */
  maxClockAheadMs: DAY_MS,
} as const;

export const PixelBatch = z.object({
  shop: z.string().regex(SHOP_DOMAIN, "a myshopify.com domain"),
  clientId: z.string().min(1).max(200),
  customerId: ShopifyId.nullish().transform((id) => id ?? null),
  timeZone: z
    .string()
    .max(64)
    .regex(/^[A-Za-z][A-Za-z0-9_+\-/]*$/, "an IANA time zone")
    .nullish()
    .transform((zone) => zone ?? null),
  events: z.array(z.unknown()).min(1).max(PIXEL_LIMITS.maxEventsPerBatch),
});
export type PixelBatch = z.output<typeof PixelBatch>;

/** What the inbox keeps per event: the event (minimized, as sent) and who sent it. */
export const PixelInboxPayload = z.object({
  clientId: z.string().min(1).max(200),
  customerId: ShopifyId.nullable(),
  timeZone: z.string().nullable(),
  event: PixelEvent,
});
export type PixelInboxPayload = z.output<typeof PixelInboxPayload>;

export type JudgedPixelEvent =
  | { kind: "valid"; id: string; name: PixelEvent["name"]; occurredAt: Date; payload: string }
  | { kind: "invalid"; id: string | null; name: string | null; error: string; payload: string };

/**
 * Judges every event of a batch: valid ones become the JSON the inbox stores and the projection
 * reads; invalid ones keep what was sent (minimized) with the reason.
 */
export function judgePixelEvents(batch: PixelBatch, now: Date): JudgedPixelEvent[] {
  return batch.events.map((raw) => judge(batch, raw, now));
}

function judge(batch: PixelBatch, raw: unknown, now: Date): JudgedPixelEvent {
  const stored = minimizePixelEvent(raw);
  const payload = JSON.stringify({ clientId: batch.clientId, customerId: batch.customerId, timeZone: batch.timeZone, event: stored });
  const parsed = PixelEvent.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(event)"}: ${issue.message}`);
    return { kind: "invalid", ...label(raw), error: problems.join("; "), payload };
  }
  const event = parsed.data;
  const invalid = (error: string): JudgedPixelEvent => ({ kind: "invalid", id: event.id, name: event.name, error, payload });
  if (event.clientId !== batch.clientId) return invalid("clientId differs from the batch's clientId");
  if (event.timestamp.getTime() > now.getTime() + PIXEL_LIMITS.maxClockAheadMs) return invalid("timestamp is more than a day in the future");
  return { kind: "valid", id: event.id, name: event.name, occurredAt: event.timestamp, payload };
}

/** The id and name of an event that failed validation, where they can still be read. */
const EventLabel = z.object({
  id: z.string().min(1).max(200).catch(""),
  name: z.enum(PIXEL_EVENT_NAMES).nullable().catch(null),
});

function label(raw: unknown): { id: string | null; name: string | null } {
  const parsed = EventLabel.safeParse(raw);
  return parsed.success ? { id: parsed.data.id || null, name: parsed.data.name } : { id: null, name: null };
}
