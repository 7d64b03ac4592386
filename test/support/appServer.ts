import type http from "node:http";
import pino from "pino";
import { CLIENT_BUILD, loadServerBuild } from "~/server/build";
import { createAppServer, listen } from "~/server/httpServer";

export type RunningApp = { url: string; close: () => Promise<void> };

/**
 * Serves the production build on a free loopback port. The build reads the environment when it is
 * first imported, so each test file (its own process under vitest's `forks` pool) sets
 * process.env before calling this.
 */
export async function startApp(environment: Record<string, string>): Promise<RunningApp> {
  Object.assign(process.env, environment);
  const server: http.Server = createAppServer({
    build: await loadServerBuild(),
    clientDirectory: CLIENT_BUILD,
    mode: "test",
    logger: pino({ level: "silent" }),
  });
  const { url } = await listen(server, 0, "127.0.0.1");
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
