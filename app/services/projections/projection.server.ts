import type { z } from "zod";
import type { ShopSettings } from "~/domain/shop/shopSettings";
import { parseShopifyJson } from "~/domain/shared/ids";
import type { DbTransaction } from "~/services/recordInboxEvent.server";

/**
 * The contract between the inbox worker and the projections. A projection applies one inbox event
 * (a webhook, a pixel event or a backfill line) inside the worker's transaction. It must be
 * idempotent (applied twice: one effect) and safe out of order (an older `updated_at` never
 * overwrites newer data), because Shopify retries, reorders and delivers late.
 */
export type ProjectionContext = {
  tx: DbTransaction;
  shopId: string;
  shop: { currencyCode: string; ianaTimezone: string };
  settings: ShopSettings;
  /** The worker's clock, for derived states such as abandonment. */
  now: Date;
  /** When the event reached the app (the inbox row's receivedAt). */
  receivedAt: Date;
  /** The inbox row's id: a stable key for anything the event creates. */
  inboxEventId: number;
};

export type Projection = ((context: ProjectionContext, payload: unknown) => Promise<void>) & {
  /** Optional: the same effect for many events of one shop at once, with a few queries per batch. */
  many?: (context: BatchContext, events: readonly InboxItem[]) => Promise<void>;
};

/** What a batch of one shop's events shares; each event brings its own InboxItem. */
export type BatchContext = Omit<ProjectionContext, "receivedAt" | "inboxEventId">;
export type InboxItem = { payload: unknown; receivedAt: Date; inboxEventId: number };

/**
 * Builds a projection from its batch form, so there is one implementation: a single event is a
 * batch of one. The batch form must give the same result as applying the events one by one in
 * order (for versioned records: the newest version wins, whatever the order).
 */
export function batchProjection(many: NonNullable<Projection["many"]>): Projection {
  const one = (context: ProjectionContext, payload: unknown) => many(context, [{ payload, receivedAt: context.receivedAt, inboxEventId: context.inboxEventId }]);
  return Object.assign(one, { many });
}

/**
 * A payload that cannot be applied as it is: it is recorded as `invalid` with this message and
 * skipped, never retried (retrying cannot make it valid). Anything else thrown is an
 * infrastructure failure and is retried.
 */
export class InvalidPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidPayloadError";
  }
}

/** Parses a payload with its schema, turning a mismatch into an InvalidPayloadError naming the fields. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new InvalidPayloadError(problems.join("; "));
  }
  return result.data;
}

/** The raw body of an inbox row as JSON, with 64-bit ids kept exact. */
export function readInboxPayload(raw: string): unknown {
  try {
    return parseShopifyJson(raw);
  } catch (error) {
    throw new InvalidPayloadError(`body is not valid JSON: ${(error as Error).message}`);
  }
}
