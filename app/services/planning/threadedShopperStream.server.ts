import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ShopperSnapshot } from "~/domain/agents/contract";
import type { StreamThreadData, StreamThreadMessage } from "./shopperStreamThread";
import { NO_SUPPRESSIONS, type SuppressionLookup } from "./shopperStream.server";

/**
 * The shopper stream one chunk ahead on a second thread. Reading and assembling a chunk costs about
 * as much as proposing, planning and writing it, so on two cores the run takes about half as long.
 * The thread has its own database connection (SQLite in WAL mode reads beside the writer), receives
 * the run's models as data, and posts snapshots in order, so the plan is the same as in-process.
 * Suppression lookups stay on this thread (they are functions, which cannot be sent).
 *
 * Only available where the thread's TypeScript entry exists beside this file (tsx: the worker,
 * the demo, benchmarks); `threadedStreamAvailable()` says so, else callers stream in-process.
 */
const ENTRY = new URL("./shopperStreamThread.ts", import.meta.url);

export function threadedStreamAvailable(): boolean {
  return ENTRY.protocol === "file:" && fs.existsSync(fileURLToPath(ENTRY));
}

export async function* threadedShopperStream(data: StreamThreadData, suppressions: SuppressionLookup = NO_SUPPRESSIONS): AsyncGenerator<ShopperSnapshot[]> {
  // A worker thread does not inherit tsx's loader: a tiny ES module registers it, then loads the entry.
  const tsx = tsxApi();
  const bootstrap = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(ENTRY.href)});`;
  const thread = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData: data });
  const inbox: StreamThreadMessage[] = [];
  let waiting: (() => void) | null = null;
  let failure: Error | null = null;
  thread.on("message", (message: StreamThreadMessage) => {
    inbox.push(message);
    waiting?.();
  });
  thread.on("error", (error) => {
    failure = error;
    waiting?.();
  });
  thread.on("exit", (code) => {
    if (code !== 0) failure ??= new Error(`the shopper stream thread exited with code ${code}`);
    waiting?.();
  });
  const next = async (): Promise<StreamThreadMessage> => {
    while (inbox.length === 0) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (waiting = resolve));
    }
    return inbox.shift() as StreamThreadMessage;
  };
  try {
    thread.postMessage("next");
    for (;;) {
      const message = await next();
      if (message.type === "done") return;
      if (message.type === "error") throw new Error(`shopper stream thread: ${message.message}`);
      // Ask for the following chunk at once: the thread works on it while this one is planned.
      thread.postMessage("next");
      const shoppers = message.shoppers as ShopperSnapshot[];
      const hooked = await suppressions(
        data.shopId,
        shoppers.map((shopper) => shopper.customerId),
      );
      yield hooked.size === 0 ? shoppers : shoppers.map((shopper) => (shopper.suppressed || !hooked.has(shopper.customerId) ? shopper : { ...shopper, suppressed: { reason: hooked.get(shopper.customerId) as string } }));
    }
  } finally {
    await thread.terminate();
  }
}

/** tsx's ESM API module. import.meta.resolve where the runtime has it; else (vitest) through require's resolution. */
function tsxApi(): string {
  if (typeof import.meta.resolve === "function") return import.meta.resolve("tsx/esm/api");
  const cjs = createRequire(import.meta.url).resolve("tsx/esm/api");
  const esm = cjs.replace(/\.cjs$/, ".mjs");
  return pathToFileURL(fs.existsSync(esm) ? esm : cjs).href;
}
