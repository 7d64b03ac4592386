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

/**
 * Of many versions of records (a batch of webhooks, in arrival order), the ones to write: the
 * newest per id (a later arrival wins a tie), and only where it is newer than what is stored.
 * Re-delivering the stored version writes nothing, which makes replays free and idempotent.
 */
export function newestVersions<T>(items: readonly T[], idOf: (item: T) => string, versionOf: (item: T) => Date | null, stored: ReadonlyMap<string, Date | null>): T[] {
  const newest = new Map<string, T>();
  for (const item of items) {
    const current = newest.get(idOf(item));
    if (!current || mayReplace(versionOf(current), versionOf(item))) newest.set(idOf(item), item);
  }
  return [...newest.values()].filter((item) => {
    const id = idOf(item);
    if (!stored.has(id)) return true;
    const storedVersion = stored.get(id) ?? null;
    const version = versionOf(item);
    if (!storedVersion) return version !== null;
    return version !== null && version.getTime() > storedVersion.getTime();
  });
}
