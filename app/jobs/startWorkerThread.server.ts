import { Worker } from "node:worker_threads";

export type WorkerThreadHandle = { wake: () => void; drain: () => Promise<void>; stop: () => Promise<void> };

/**
 * Starts the inbox worker on its own thread (see inboxWorkerThread.ts) and registers it as the
 * process's worker, so routes wake it after recording an event.
 */
/** What the worker thread needs to deliver: the app's public URL and whether it runs in demo mode (secrets come from its environment). */
export type DeliveryThreadConfig = { appUrl: string; demoMode: boolean };

export async function startInboxWorkerThread(options: {
  databaseUrl: string;
  intervalMs?: number;
  onError?: (message: string) => void;
  /** With it, the worker also sends due messages (email, Flow, metafields); see deliveryTick.server.ts. */
  delivery?: DeliveryThreadConfig;
}): Promise<WorkerThreadHandle> {
  // A worker thread does not inherit tsx's loader: a tiny ES module registers it, then loads the thread.
  const entry = new URL("./inboxWorkerThread.ts", import.meta.url).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  const thread = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
    workerData: { databaseUrl: options.databaseUrl, intervalMs: options.intervalMs, delivery: options.delivery },
  });
  const waiting = new Map<number, () => void>();
  let nextId = 0;
  await new Promise<void>((resolve, reject) => {
    thread.once("error", reject);
    thread.on("message", (message: { type: string; id?: number; message?: string }) => {
      if (message.type === "ready") resolve();
      else if (message.type === "drained" && message.id !== undefined) waiting.get(message.id)?.();
      else if (message.type === "error") options.onError?.(message.message ?? "inbox worker failed");
    });
  });
  thread.unref();
  const handle: WorkerThreadHandle = {
    wake: () => thread.postMessage({ type: "wake" }),
    drain: () =>
      new Promise<void>((resolve) => {
        const id = nextId++;
        waiting.set(id, () => {
          waiting.delete(id);
          resolve();
        });
        thread.postMessage({ type: "drain", id });
      }),
    stop: async () => {
      thread.postMessage({ type: "stop" });
      await new Promise((resolve) => thread.once("exit", resolve));
    },
  };
  globalThis.__inboxWorker = handle;
  return handle;
}
