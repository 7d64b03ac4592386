/**
 * The inbox worker's own thread. Applying events is CPU work (parsing, validation, Prisma); on the
 * server's thread it would delay every HTTP answer behind it, so the worker runs here with its own
 * database connection and the server thread only posts it a wake-up after recording an event.
 */
import { parentPort, workerData } from "node:worker_threads";
import { connectDatabase } from "../db.server";
import { env } from "../env.server";
import type { DeliveryDeps } from "./deliveryTick.server";
import { startInboxWorker } from "./inboxWorker.server";
import type { DeliveryThreadConfig } from "./startWorkerThread.server";

type Message = { type: "wake" } | { type: "drain"; id: number } | { type: "stop" };

const port = parentPort;
if (!port) throw new Error("inboxWorkerThread runs as a worker thread");
const store = await connectDatabase((workerData as { databaseUrl: string }).databaseUrl);
const worker = startInboxWorker(store, {
  delivery: deliveryDeps((workerData as { delivery?: DeliveryThreadConfig }).delivery),
  intervalMs: (workerData as { intervalMs?: number }).intervalMs,
  databaseUrl: (workerData as { databaseUrl: string }).databaseUrl,
  onError: (error) => port.postMessage({ type: "error", message: String((error as Error).stack ?? error) }),
});
port.on("message", (message: Message) => {
  if (message.type === "wake") worker.wake();
  else if (message.type === "drain") void worker.drain().then(() => port.postMessage({ type: "drained", id: message.id }));
  else if (message.type === "stop") {
    worker.stop();
    void store.$disconnect().then(() => port.close());
  }
});
port.postMessage({ type: "ready" });

/** Delivery's dependencies in this thread: secrets from the environment; Flow and metafields recorded in demo mode, else through the shop's Admin API. */
function deliveryDeps(config: DeliveryThreadConfig | undefined): DeliveryDeps | undefined {
  if (!config) return undefined;
  const settings = env();
  return {
    appUrl: config.appUrl,
    secret: settings.SHOPIFY_API_SECRET,
    encryptionKey: settings.APP_ENCRYPTION_KEY,
    adminFor: config.demoMode
      ? async () => ({ mode: "demo" })
      : async (shopId) => {
          // Loaded only here: shopify.server configures the Shopify app, which demo mode never needs.
          const [{ unauthenticated }, { adminGraphqlFrom }] = await Promise.all([import("../shopify.server"), import("../adapters/shopify/bulkOperation.server")]);
          return { mode: "shopify", graphql: adminGraphqlFrom((await unauthenticated.admin(shopId)).admin) };
        },
  };
}
