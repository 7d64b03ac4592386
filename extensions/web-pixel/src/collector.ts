import { Batcher, utf8Length, type BatcherConfig } from "./batcher";
import { deliveryOutcome, envelopes, eventBytes, isSlimEvent, slimEvent, type PixelTarget, type SlimEvent, type StandardEventLike } from "./pixelPayload";

/**
 * The pixel's moving parts, with everything from outside passed in (the network, storage, the
 * clock, timers) so a test can run it against the real app server:
 *
 * - `track` slims an event and hands it to the batcher; batches that are ready are POSTed;
 * - a timer sends the buffer once it is due; `flushAll` sends it when the page is going away;
 * - whatever is still buffered is saved in the tab's sessionStorage after every change and sent
 *   from the next page (in the strict sandbox the pixel runs in a worker that sees no page-hide
 *   event, and a navigation ends it); the endpoint deduplicates by event id, so an event sent
 *   twice is stored once;
 * - a throttled or failed batch goes back in the buffer until Retry-After; a refused one is dropped;
 * - `stop` (consent withdrawn) drops the buffer and the saved copy and ignores later events.
 */
export type Answer = { status: number; retryAfter: string | null };

export type CollectorDeps = {
  target: PixelTarget;
  customerId: string | null;
  timeZone: string | null;
  /** POSTs a body with keepalive; rejects when there is no answer. */
  post: (url: string, body: string) => Promise<Answer>;
  storage: { getItem(key: string): Promise<string | null>; setItem(key: string, value: string): Promise<void> } | null;
  now: () => number;
  setTimer: (callback: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  config?: Partial<BatcherConfig & { retryDelayMs: number }>;
};

export const STORAGE_KEY = "autonomous-marketing:pixel-outbox";

export const DEFAULT_BATCHING: BatcherConfig = {
  maxEvents: 20,
  maxWaitMs: 2_000,
  // The endpoint takes 64 KiB; this leaves room for the envelope around the events.
  maxBytes: 60_000,
  maxBuffered: 200,
  // Events after which the shopper usually leaves the page (the cart, checkout, thank-you page).
  flushOn: new Set(["product_added_to_cart", "checkout_started", "checkout_completed"]),
};

export type Collector = {
  restore: () => Promise<void>;
  track: (event: StandardEventLike) => void;
  flushAll: () => void;
  stop: () => void;
  /** Resolves when every request started so far has been answered (for tests). */
  settled: () => Promise<void>;
};

export function createCollector(deps: CollectorDeps): Collector {
  const config = { ...DEFAULT_BATCHING, ...deps.config };
  const batcher = new Batcher<SlimEvent>(config, (event) => eventBytes(event, utf8Length));
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let timer: unknown = null;
  let restored: Promise<void> = Promise.resolve();

  const persist = () => {
    const storage = deps.storage;
    if (!storage) return;
    const snapshot = JSON.stringify(batcher.pending());
    void restored.then(() => storage.setItem(STORAGE_KEY, stopped ? "[]" : snapshot)).catch(() => undefined);
  };

  const schedule = () => {
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
    const dueAt = batcher.dueAtMs();
    if (dueAt === null || stopped) return;
    timer = deps.setTimer(() => {
      timer = null;
      send(batcher.takeDue(deps.now()));
      schedule();
    }, Math.max(0, dueAt - deps.now()));
  };

  const deliver = async (events: SlimEvent[]) => {
    for (const envelope of envelopes(deps.target, deps, events)) {
      let answer: Answer;
      try {
        answer = await deps.post(deps.target.endpoint, JSON.stringify(envelope));
      } catch {
        answer = { status: 0, retryAfter: null };
      }
      const outcome = deliveryOutcome(answer.status, answer.retryAfter, config.retryDelayMs);
      if (outcome.kind === "retry" && !stopped) {
        const now = deps.now();
        batcher.requeue(envelope.events, now, now + outcome.afterMs);
        persist();
        schedule();
      }
    }
  };

  const send = (batches: SlimEvent[][]) => {
    if (batches.length === 0) return;
    persist();
    for (const batch of batches) {
      const request = deliver(batch).finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
  };

  return {
    restore: () => {
      const storage = deps.storage;
      if (!storage) return restored;
      restored = storage
        .getItem(STORAGE_KEY)
        .then((saved) => {
          const parsed: unknown = saved ? JSON.parse(saved) : [];
          const events = Array.isArray(parsed) ? parsed.filter(isSlimEvent) : [];
          if (events.length === 0 || stopped) return;
          batcher.requeue(events, deps.now());
          schedule();
        })
        .catch(() => undefined);
      return restored;
    },
    track: (event) => {
      if (stopped) return;
      const { batches } = batcher.add(slimEvent(event), deps.now());
      send(batches);
      persist();
      schedule();
    },
    flushAll: () => {
      send(batcher.takeAll(deps.now()));
      schedule();
    },
    stop: () => {
      stopped = true;
      batcher.takeAll(Number.POSITIVE_INFINITY);
      if (timer !== null) deps.clearTimer(timer);
      timer = null;
      persist();
    },
    settled: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
