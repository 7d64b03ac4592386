/**
 * Production entry (`npm start`): validate the environment, then serve the built app.
 * Run `npm run setup` first (applies database migrations) and `npm run build`.
 */
import { env } from "../env.server";
import { startInboxWorkerThread } from "../jobs/startWorkerThread.server";
import { logger } from "../logger.server";
import { CLIENT_BUILD, loadServerBuild } from "./build";
import { createAppServer, listen } from "./httpServer";

const config = env();
const server = createAppServer({
  build: await loadServerBuild(),
  clientDirectory: CLIENT_BUILD,
  mode: config.NODE_ENV,
  logger: logger(),
});
const { url } = await listen(server, config.PORT, config.HOST);
logger().info({ url }, "app listening");
// The inbox worker runs beside the server; webhook routes wake it after recording an event.
const worker = await startInboxWorkerThread({
  databaseUrl: config.DATABASE_URL,
  delivery: { appUrl: config.SHOPIFY_APP_URL, demoMode: config.DEMO_MODE },
  onError: (message) => logger().error({ error: message }, "inbox worker failed; retrying on the next tick"),
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void worker.stop().then(() => server.close(() => process.exit(0)));
  });
}
