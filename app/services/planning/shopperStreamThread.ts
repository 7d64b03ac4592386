/**
 * The shopper stream on its own thread (see threadedShopperStream.server.ts): reads and assembles
 * chunk k+1 with its own database connection while the planning thread proposes, plans and writes
 * chunk k. It posts a chunk only when asked, so at most one chunk waits here.
 */
import { parentPort, workerData } from "node:worker_threads";
import { connectDatabase } from "../../db.server";
import type { PlanningModels } from "./planningModels.server";
import { streamShopperSnapshots } from "./shopperStream.server";
import type { SnapshotShop } from "./shopperSnapshot";

export type StreamThreadData = {
  databaseUrl: string;
  shopId: string;
  shop: SnapshotShop;
  models: PlanningModels;
  now: Date;
  chunkSize: number;
  customerIds?: readonly string[];
  runId?: string;
};

export type StreamThreadMessage = { type: "chunk"; shoppers: unknown[] } | { type: "done" } | { type: "error"; message: string };

const port = parentPort;
if (!port) throw new Error("shopperStreamThread runs as a worker thread");
const data = workerData as StreamThreadData;
let requested = 0;
let wake: (() => void) | null = null;
port.on("message", () => {
  requested++;
  wake?.();
});
const asked = () => (requested > 0 ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve)));

const store = await connectDatabase(data.databaseUrl);
try {
  const chunks = streamShopperSnapshots(store, data.shopId, data.shop, data.models, data.now, { chunkSize: data.chunkSize, customerIds: data.customerIds, runId: data.runId });
  for await (const shoppers of chunks) {
    await asked();
    requested--;
    port.postMessage({ type: "chunk", shoppers } satisfies StreamThreadMessage);
  }
  await asked();
  port.postMessage({ type: "done" } satisfies StreamThreadMessage);
} catch (error) {
  port.postMessage({ type: "error", message: String((error as Error).stack ?? error) } satisfies StreamThreadMessage);
} finally {
  await store.$disconnect();
  port.close();
}
