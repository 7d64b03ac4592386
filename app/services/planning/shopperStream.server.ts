import type { Db } from "~/db.server";
import type { ShopperSnapshot } from "~/domain/agents/contract";
import { DAY_MS } from "~/domain/shared/time";
import type { PlanningModels } from "./planningModels.server";
import { customerPages, loadChunkRows, type ChunkRows, type RowWindow } from "./shopperRows.server";
import { assembleSnapshots, type SnapshotShop } from "./shopperSnapshot";

/**
 * Every shopper of a shop as a snapshot, streamed chunk by chunk: one chunk's rows are read, its
 * snapshots assembled and handed on, and only then is the next chunk read, so memory is bounded by
 * the chunk, not the shop. A chunk of 1,000 customers is about a dozen queries over some 40,000
 * rows: large enough that round trips do not matter (100,000 customers plan as fast in chunks of
 * 1,000 as of 5,000), small enough that two chunks in flight stay under a hundred megabytes
 * (peak resident memory at 100,000 customers: 0.9 GB in chunks of 1,000, 1.9 GB in chunks of 5,000).
 */
export const DEFAULT_CHUNK_SIZE = 1_000;

/** How far back planning looks at browsing (intent, browsed categories), baskets and sent messages. */
export const PLANNING_LOOKBACK = { browseDays: 60, basketDays: 30, messageDays: 30 } as const;

/** Extra suppressions (hard bounces, complaints) by customer id -> reason; a later issue stores them. */
export type SuppressionLookup = (shopId: string, customerIds: readonly string[]) => Promise<ReadonlyMap<string, string>>;
export const NO_SUPPRESSIONS: SuppressionLookup = async () => new Map();

export type StreamOptions = {
  chunkSize?: number;
  /** Only these customers (an event run); each is read on its own. */
  customerIds?: readonly string[];
  suppressions?: SuppressionLookup;
  /** The run being planned: its own earlier decisions are not "recent messages" when it is replayed. */
  runId?: string;
};

export function rowWindow(now: Date, excludeRunId?: string): RowWindow {
  return {
    now,
    excludeRunId,
    browseFrom: new Date(now.getTime() - PLANNING_LOOKBACK.browseDays * DAY_MS),
    basketFrom: new Date(now.getTime() - PLANNING_LOOKBACK.basketDays * DAY_MS),
    messagesFrom: new Date(now.getTime() - PLANNING_LOOKBACK.messageDays * DAY_MS),
  };
}

export async function* streamShopperSnapshots(
  store: Db,
  shopId: string,
  shop: SnapshotShop,
  models: PlanningModels,
  now: Date,
  options: StreamOptions = {},
): AsyncGenerator<ShopperSnapshot[]> {
  const window = rowWindow(now, options.runId);
  const suppressions = options.suppressions ?? NO_SUPPRESSIONS;
  for await (const customers of customerPages(store, shopId, options.chunkSize ?? DEFAULT_CHUNK_SIZE, options.customerIds)) {
    const [rows, hooked] = await Promise.all([
      loadChunkRows(store, shopId, customers, window),
      suppressions(
        shopId,
        customers.map((customer) => customer.id),
      ),
    ]);
    yield assembleSnapshots(rows, shop, models, now, hooked);
  }
}

/** The baseline of the planning benchmark: the same reads, chunk by chunk, with nothing derived. */
export async function readAllShopperRows(store: Db, shopId: string, now: Date, options: { chunkSize?: number; onChunk?: () => void } = {}): Promise<{ customers: number; rows: number }> {
  const window = rowWindow(now);
  let customers = 0;
  let rows = 0;
  for await (const page of customerPages(store, shopId, options.chunkSize ?? DEFAULT_CHUNK_SIZE)) {
    const chunk: ChunkRows = await loadChunkRows(store, shopId, page, window);
    customers += page.length;
    rows += Object.values(chunk).reduce((sum, list: unknown[]) => sum + list.length, 0);
    options.onChunk?.();
  }
  return { customers, rows };
}
