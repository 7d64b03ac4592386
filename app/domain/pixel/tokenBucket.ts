/**
 * Token buckets keyed by a string (a shop and a pixel client), with time passed in: the pixel
 * endpoint's rate limit. A bucket holds up to `capacity` tokens and refills at `refillPerSecond`;
 * a request costs one token per event it carries, and is refused whole when the bucket has fewer
 * tokens than it costs, with the wait after which it would be accepted.
 *
 * Memory is bounded: at most `maxKeys` buckets are kept, the least recently used going first (a Map
 * iterates in insertion order and every use re-inserts its key). The bucket evicted is usually
 * long refilled, which is the same as having none.
 */
export type TokenBucketConfig = {
  capacity: number;
  refillPerSecond: number;
  maxKeys: number;
};

export type TakeResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

type Bucket = { tokens: number; updatedAtMs: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(readonly config: TokenBucketConfig) {
    if (!(config.capacity > 0) || !(config.refillPerSecond > 0) || !(config.maxKeys >= 1)) {
      throw new Error("token buckets need a positive capacity, refill rate and key limit");
    }
  }

  /** Takes `cost` tokens from `key`'s bucket at `nowMs`, or says how long until it could. */
  take(key: string, cost: number, nowMs: number): TakeResult {
    const { capacity, refillPerSecond } = this.config;
    if (cost > capacity) return { allowed: false, retryAfterSeconds: Math.ceil(capacity / refillPerSecond) };
    const tokens = this.tokensAt(key, nowMs);
    this.buckets.delete(key);
    if (tokens < cost) {
      this.buckets.set(key, { tokens, updatedAtMs: nowMs });
      this.evict();
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - tokens) / refillPerSecond)) };
    }
    this.buckets.set(key, { tokens: tokens - cost, updatedAtMs: nowMs });
    this.evict();
    return { allowed: true, remaining: Math.floor(tokens - cost) };
  }

  /** How many buckets are held (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private tokensAt(key: string, nowMs: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.config.capacity;
    // A clock that steps back refills nothing (and takes nothing away).
    const elapsedSeconds = Math.max(0, nowMs - bucket.updatedAtMs) / 1000;
    return Math.min(this.config.capacity, bucket.tokens + elapsedSeconds * this.config.refillPerSecond);
  }

  private evict(): void {
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.config.maxKeys) return;
      this.buckets.delete(key);
    }
  }
}
