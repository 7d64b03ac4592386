/**
 * Whether an incoming version of a record may replace the stored one. Shopify retries and
 * reorders deliveries, so a record is replaced only by a version at least as new (`updated_at`);
 * an equal version is re-applied, which is harmless and makes replays idempotent. A stored row with
 * no version (created from an embedded object) yields to any versioned payload.
 */
export function mayReplace(stored: Date | null | undefined, incoming: Date | null): boolean {
  if (!stored) return true;
  if (!incoming) return false;
  return incoming.getTime() >= stored.getTime();
}
