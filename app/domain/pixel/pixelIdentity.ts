import type { PixelInboxPayload } from "./pixelBatch";

/**
 * Who a pixel event says the shopper is: the customer the pixel read from `init.data.customer`
 * (logged in), or the customer of the order a `checkout_completed` reports. Null when anonymous.
 */
export function identifiedCustomerId(payload: PixelInboxPayload): string | null {
  if (payload.customerId) return payload.customerId;
  const { event } = payload;
  if (event.name === "checkout_completed") return event.data.checkout.order?.customer?.id ?? null;
  return null;
}

/** A browser (pixel client) as the app knows it. */
export type PixelClientState = {
  customerId: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  linkedAt: Date | null;
};

export type ClientUpdate = {
  state: PixelClientState;
  /** The client's customer changed with this event: its earlier anonymous rows should follow. */
  linked: boolean;
};

/**
 * The client after one more event, seen at `seenAt`, identifying `customerId` (or nobody).
 *
 * - first and last seen widen to include the event, whatever order events are applied in;
 * - an anonymous event never unlinks a client: a shopper who logs out is still the same browser;
 * - an identification links the client, or re-links it to another customer (a shared computer),
 *   unless it is older than the link it would replace: a late event does not undo a newer login.
 *   The link's time is the event's, so applying events twice or in another order gives one state.
 */
export function nextClientState(existing: PixelClientState | null, seenAt: Date, customerId: string | null): ClientUpdate {
  if (!existing) {
    return { state: { customerId, firstSeenAt: seenAt, lastSeenAt: seenAt, linkedAt: customerId ? seenAt : null }, linked: customerId !== null };
  }
  const widened = {
    ...existing,
    firstSeenAt: seenAt < existing.firstSeenAt ? seenAt : existing.firstSeenAt,
    lastSeenAt: seenAt > existing.lastSeenAt ? seenAt : existing.lastSeenAt,
  };
  if (customerId === null) return { state: widened, linked: false };
  if (customerId === existing.customerId) {
    // The same customer again: the link dates from the earliest event that identified them.
    const linkedAt = existing.linkedAt === null || seenAt < existing.linkedAt ? seenAt : existing.linkedAt;
    return { state: { ...widened, linkedAt }, linked: false };
  }
  if (existing.customerId !== null && existing.linkedAt !== null && seenAt < existing.linkedAt) return { state: widened, linked: false };
  return { state: { ...widened, customerId, linkedAt: seenAt }, linked: true };
}
