import "@shopify/shopify-app-remix/adapters/node";
import { connectWebPixel } from "./services/pixel/connectWebPixel.server";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { db } from "./db.server";
import { env } from "./env.server";
import { logger } from "./logger.server";
import { recordInstall } from "./services/recordInstall.server";
import { fetchShopProfile } from "./adapters/shopify/shopProfile.server";
import { adminGraphqlFrom } from "./adapters/shopify/bulkOperation.server";
import { backfillAfterAuth } from "./services/backfill/startBackfill.server";

/** The Admin API version for GraphQL calls and webhook payloads (shopify.app.toml matches it). */
export const API_VERSION = ApiVersion.July26;

const config = env();
const prisma = await db();

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: config.SCOPES.split(","),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  future: {
    // Shopify-managed installation and token exchange: no OAuth redirects inside the admin.
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  logger: {
    level: config.LOG_LEVEL === "debug" || config.LOG_LEVEL === "trace" ? LogSeverity.Debug : LogSeverity.Info,
    // The library's own messages go through the scrubbing logger, never straight to stdout.
    log: (severity, message) => {
      const log = logger().child({ component: "shopify-api" });
      if (severity === LogSeverity.Error) log.error(message);
      else if (severity === LogSeverity.Warning) log.warn(message);
      else if (severity === LogSeverity.Info) log.info(message);
      else log.debug(message);
    },
  },
  hooks: {
    // Runs after every successful authentication of an offline session (install and re-auth).
    afterAuth: async ({ session, admin }) => {
      // Read before recordInstall marks the shop installed: a (re)install starts a backfill, a re-auth does not.
      const wasInstalled = await prisma.shop
        .findUnique({ where: { id: session.shop }, select: { status: true } })
        .then((shop) => shop?.status === "installed", () => true);
      const profile = await fetchShopProfile(admin);
      await recordInstall(prisma, { shopId: session.shop, profile });
      // The web pixel reports browsing to this app; (re)connecting it is idempotent and never fails the install.
      try {
        const pixel = await connectWebPixel(admin, { appUrl: config.SHOPIFY_APP_URL, shop: session.shop });
        if (!pixel.ok) logger().warn({ shopId: session.shop, error: pixel.error }, "web pixel was not connected");
      } catch (error) {
        logger().error({ err: error, shopId: session.shop }, "web pixel could not be connected");
      }
      // The history backfill (bulk operations) starts on install; it never fails the install.
      try {
        const started = await backfillAfterAuth(prisma, adminGraphqlFrom(admin), { shopId: session.shop, wasInstalled });
        if (!started.ok) logger().warn({ shopId: session.shop, error: started.error }, "history backfill did not start");
      } catch (error) {
        logger().error({ err: error, shopId: session.shop }, "history backfill could not be started");
      }
    },
  },
  ...(config.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [config.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
