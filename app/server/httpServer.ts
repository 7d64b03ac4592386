import http from "node:http";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createRequestListener } from "@remix-run/node-fetch-server";
import type { Logger } from "pino";
import { createStaticHandler } from "./staticFiles";

export type AppServerOptions = {
  build: ServerBuild;
  clientDirectory: string;
  mode: "development" | "production" | "test";
  logger: Logger;
};

/**
 * The app's HTTP server: the client build's static files, then Remix for everything else.
 * A plain node:http server (no framework) keeps the webhook path short, which matters at
 * a thousand deliveries a second.
 */
export function createAppServer(options: AppServerOptions): http.Server {
  const handleRemix = createRequestHandler(options.build, options.mode);
  const handleStatic = createStaticHandler(options.clientDirectory);
  const log = options.logger.child({ component: "http" });

  const listener = createRequestListener(
    async (request) => {
      const started = performance.now();
      const response = handleStatic(request) ?? (await handleRemix(request));
      if (log.isLevelEnabled("debug")) {
        const url = new URL(request.url);
        log.debug({ method: request.method, path: url.pathname, status: response.status, ms: +(performance.now() - started).toFixed(2) }, "request");
      }
      return response;
    },
    {
      onError: (error) => {
        log.error({ err: error }, "unhandled request error");
        return new Response("Internal Server Error", { status: 500 });
      },
    },
  );
  const server = http.createServer(listener);
  // Keep-alive connections from load balancers and Shopify's delivery workers are reused.
  server.keepAliveTimeout = 65_000;
  return server;
}

export function listen(server: http.Server, port: number, host: string): Promise<{ port: number; url: string }> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({ port: actualPort, url: `http://${shownHost}:${actualPort}` });
    });
  });
}
