/**
 * The pixel's batching, with time passed in (no timers, no I/O), so every rule has a test:
 *
 * - events wait in a buffer; the buffer is cut into a batch when it holds `maxEvents`, when the
 *   next event would take it past `maxBytes` (a `keepalive` request body may not exceed 64 KiB),
 *   or when an event that precedes a navigation arrives (`flushOn`: the checkout pages);
 * - a buffer older than `maxWaitMs` is due; the caller asks `takeDue(now)` when its timer fires
 *   and `takeAll()` when the page is hidden;
 * - a batch that could not be delivered can be put back (`requeue`), ahead of newer events, with a
 *   time before which nothing is sent (the server's Retry-After); the buffer never holds more than
 *   `maxBuffered` events (the oldest are dropped first);
 * - an event bigger than `maxBytes` on its own can never be sent and is dropped at once.
 */
export type BatcherConfig = {
  maxEvents: number;
  maxWaitMs: number;
  maxBytes: number;
  maxBuffered: number;
  flushOn: ReadonlySet<string>;
};

export type Sized<E> = { event: E; bytes: number };

export type AddResult<E> = { batches: E[][]; dropped: number };

export class Batcher<E extends { name: string }> {
  private buffer: Array<Sized<E>> = [];
  private oldestAtMs: number | null = null;
  private holdUntilMs = 0;

  constructor(
    private readonly config: BatcherConfig,
    private readonly measure: (event: E) => number,
  ) {}

  /** Adds an event at `nowMs`; returns the batches that are ready now. */
  add(event: E, nowMs: number): AddResult<E> {
    const bytes = this.measure(event);
    if (bytes > this.config.maxBytes) return { batches: [], dropped: 1 };
    const held = nowMs < this.holdUntilMs;
    const batches: E[][] = [];
    if (!held && this.buffer.length > 0 && this.bufferBytes() + bytes > this.config.maxBytes) batches.push(...this.cut());
    this.buffer.push({ event, bytes });
    this.oldestAtMs ??= nowMs;
    const dropped = this.trim();
    if (!held && (this.buffer.length >= this.config.maxEvents || this.config.flushOn.has(event.name))) batches.push(...this.cut());
    return { batches, dropped };
  }

  /** When the buffer will be due (ms timestamp), or null when it is empty. */
  dueAtMs(): number | null {
    return this.oldestAtMs === null ? null : Math.max(this.oldestAtMs + this.config.maxWaitMs, this.holdUntilMs);
  }

  /** The buffer as batches if it has waited `maxWaitMs` (and no hold is on), else nothing. */
  takeDue(nowMs: number): E[][] {
    const dueAt = this.dueAtMs();
    return dueAt !== null && nowMs >= dueAt ? this.cut() : [];
  }

  /** Everything buffered, as batches (the page is going away), unless a hold is on. */
  takeAll(nowMs: number): E[][] {
    return nowMs < this.holdUntilMs ? [] : this.cut();
  }

  /** The buffer cut into batches that respect `maxEvents` and `maxBytes`; empties it. */
  private cut(): E[][] {
    const batches: E[][] = [];
    let current: E[] = [];
    let bytes = 0;
    for (const item of this.buffer) {
      if (current.length > 0 && (current.length >= this.config.maxEvents || bytes + item.bytes > this.config.maxBytes)) {
        batches.push(current);
        current = [];
        bytes = 0;
      }
      current.push(item.event);
      bytes += item.bytes;
    }
    if (current.length > 0) batches.push(current);
    this.buffer = [];
    this.oldestAtMs = null;
    return batches;
  }

  /**
   * Puts undelivered events back ahead of the buffer, to be sent no earlier than `notBeforeMs`;
   * returns how many were dropped to fit.
   */
  requeue(events: readonly E[], nowMs: number, notBeforeMs = nowMs): number {
    const items = events.map((event) => ({ event, bytes: this.measure(event) })).filter((item) => item.bytes <= this.config.maxBytes);
    this.buffer = [...items, ...this.buffer];
    if (this.buffer.length > 0) this.oldestAtMs = Math.min(this.oldestAtMs ?? nowMs, nowMs);
    this.holdUntilMs = Math.max(this.holdUntilMs, notBeforeMs);
    return this.trim() + (events.length - items.length);
  }

  /** The events waiting, oldest first (what the pixel saves so a navigation does not lose them). */
  pending(): E[] {
    return this.buffer.map((item) => item.event);
  }

  get size(): number {
    return this.buffer.length;
  }

  /** Drops the oldest events past `maxBuffered`; returns how many. */
  private trim(): number {
    const excess = this.buffer.length - this.config.maxBuffered;
    if (excess <= 0) return 0;
    this.buffer = this.buffer.slice(excess);
    return excess;
  }

  private bufferBytes(): number {
    return this.buffer.reduce((sum, item) => sum + item.bytes, 0);
  }
}

/** UTF-8 length of a string, without TextEncoder (so it runs anywhere). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3; // the rest of the BMP, and a lone surrogate (sent as U+FFFD)
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
