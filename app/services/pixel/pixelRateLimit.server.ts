import { TokenBuckets, type TokenBucketConfig } from "~/domain/pixel/tokenBucket";

/**
 * The pixel endpoint's rate limit, per shop and browser, in events: a burst of 240 (a few minutes
 * of brisk browsing, or a backlog resent after a navigation) and 2 a second after that, where a
 * shopper produces about one every few seconds. In memory, per process: with several app
 * processes each enforces its own budget, which bounds a flood just as well.
 */
export const PIXEL_RATE_LIMIT: TokenBucketConfig = { capacity: 240, refillPerSecond: 2, maxKeys: 50_000 };

declare global {
  // One limiter per process, kept across development hot reloads.
  var __pixelRateLimiter: TokenBuckets | undefined;
}

export function pixelRateLimiter(): TokenBuckets {
  globalThis.__pixelRateLimiter ??= new TokenBuckets(PIXEL_RATE_LIMIT);
  return globalThis.__pixelRateLimiter;
}

export function pixelRateKey(shop: string, clientId: string): string {
  return `${shop}\u0000${clientId}`;
}
