/**
 * The app's production build serving on a free port, in its own process so that the load generator
 * in the benchmark's process does not share its event loop. Prints the URL as one JSON line.
 */
import pino from "pino";
import { CLIENT_BUILD, loadServerBuild } from "~/server/build";
import { createAppServer, listen } from "~/server/httpServer";

const server = createAppServer({ build: await loadServerBuild(), clientDirectory: CLIENT_BUILD, mode: "production", logger: pino({ level: "silent" }) });
const { url } = await listen(server, 0, "127.0.0.1");
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
