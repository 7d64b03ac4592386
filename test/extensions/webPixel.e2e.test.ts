import path from "node:path";
import vm from "node:vm";
import { build, type Rollup } from "vite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PixelInboxPayload } from "~/domain/pixel/pixelBatch";
import { STORAGE_KEY } from "../../extensions/web-pixel/src/collector";
import { startApp, type RunningApp } from "../support/appServer";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { PIXEL_EVENTS } from "../domain/fixtures/pixelEvents";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/**
 * The web pixel as Shopify runs it: src/index.ts bundled into one script (as `shopify app build`
 * does), evaluated in a fresh JavaScript realm with the Web Pixels globals (`shopify.extend`, the
 * extension API), sending real requests to the app's production build, whose inbox is read back.
 * Only the browser's side is stood in for: the event bus, sessionStorage and, to end a page, timers.
 */
async function bundlePixel(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: "silent",
    root: ROOT,
    build: {
      write: false,
      minify: false,
      target: "es2020",
      lib: { entry: path.join(ROOT, "extensions/web-pixel/src/index.ts"), formats: ["iife"], name: "webPixel" },
    },
  });
  const [result] = Array.isArray(output) ? output : [output as Rollup.RollupOutput];
  const chunk = result?.output.find((item) => item.type === "chunk");
  if (!chunk || chunk.type !== "chunk") throw new Error("no bundle");
  return chunk.code;
}

type Subscriber = (event: unknown) => void;
type Page = { publish: (name: string, event: unknown) => void; withdrawConsent: () => void; started: boolean };
type Storage = Map<string, string>;

function openPage(code: string, options: { settings: Record<string, unknown>; customerId?: string; storage: Storage; analytics?: boolean; pageEnds?: boolean }): Page {
  const subscribers = new Map<string, Subscriber>();
  const privacy = new Map<string, Subscriber>();
  let extend: ((api: unknown) => void) | null = null;
  // A page that ends (a navigation) never runs its timers: the realm is gone before they fire.
  const timers = options.pageEnds ? { setTimeout: () => 0, clearTimeout: () => undefined } : { setTimeout, clearTimeout };
  const realm = vm.createContext({ shopify: { extend: (_point: string, callback: (api: unknown) => void) => (extend = callback) }, fetch, Date, Intl, URL, ...timers });
  vm.runInContext(code, realm);
  if (!extend) throw new Error("the pixel did not register");
  const customerPrivacy = { analyticsProcessingAllowed: options.analytics ?? true, marketingAllowed: false, preferencesProcessingAllowed: false, saleOfDataAllowed: false };
  (extend as (api: unknown) => void)({
    settings: options.settings,
    analytics: { subscribe: (name: string, callback: Subscriber) => (subscribers.set(name, callback), () => true) },
    browser: {
      sessionStorage: {
        getItem: async (key: string) => options.storage.get(key) ?? null,
        setItem: async (key: string, value: string) => void options.storage.set(key, value),
        removeItem: async (key: string) => void options.storage.delete(key),
      },
    },
    init: { context: {}, data: { customer: options.customerId ? { id: options.customerId } : null, cart: null, shop: {}, purchasingCompany: null }, customerPrivacy },
    customerPrivacy: { subscribe: (name: string, callback: Subscriber) => (privacy.set(name, callback), () => true) },
    _pixelInfo: {},
  });
  return {
    started: subscribers.size > 0,
    publish: (name, event) => subscribers.get(name)?.(event),
    withdrawConsent: () => privacy.get("visitorConsentCollected")?.({ customerPrivacy: { ...customerPrivacy, analyticsProcessingAllowed: false } }),
  };
}

describe("the web pixel bundle against the running app", () => {
  let code: string;
  let t: TestDatabase;
  let app: RunningApp;
  let shop: string;
  let counter = 0;

  beforeAll(async () => {
    code = await bundlePixel();
    t = await createTestDatabase("sqlite");
    app = await startApp({
      DEMO_MODE: "false",
      SHOPIFY_API_KEY: "test-api-key",
      SHOPIFY_API_SECRET: "test-secret-0123456789",
      SHOPIFY_APP_URL: "https://app.example.test",
      DATABASE_URL: t.url,
      LOG_LEVEL: "silent",
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });
  beforeEach(async () => {
    counter += 1;
    shop = `pixel-bundle-${counter}.myshopify.com`;
    await t.db.shop.create({ data: { id: shop, status: "installed" } });
  });

  const settings = () => ({ appUrl: app.url, shop });
  const inbox = () => t.db.inboxEvent.findMany({ where: { shopId: shop }, orderBy: { id: "asc" } });
  async function eventually(count: number, timeoutMs = 8_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const rows = await inbox();
      if (rows.length >= count || Date.now() > until) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("is one small script with no Node built-ins", () => {
    expect(code.length).toBeLessThan(20_000);
    expect(code).not.toMatch(/\brequire\(|from\s+["']node:/);
  });

  it("batches a logged-in shopper's events and delivers them: buffered ones when due, a checkout at once", async () => {
    const page = openPage(code, { settings: settings(), customerId: "gid://shopify/Customer/4242", storage: new Map() });
    expect(page.started).toBe(true);
    page.publish("page_viewed", PIXEL_EVENTS.page_viewed);
    page.publish("product_viewed", PIXEL_EVENTS.product_viewed);
    expect(await inbox()).toEqual([]); // waiting for the batch to fill or age
    const rows = await eventually(2);
    expect(rows.map((row) => row.topic)).toEqual(["page_viewed", "product_viewed"]);

    const started = Date.now();
    page.publish("checkout_completed", PIXEL_EVENTS.checkout_completed);
    const all = await eventually(3);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(all.map((row) => [row.topic, row.status])).toEqual([["page_viewed", "pending"], ["product_viewed", "pending"], ["checkout_completed", "pending"]]);
    for (const row of all) {
      const payload = PixelInboxPayload.parse(JSON.parse(row.payload));
      expect(payload).toMatchObject({ clientId: PIXEL_EVENTS.page_viewed.clientId, customerId: "4242", timeZone: expect.any(String) });
      expect(row.payload).not.toContain("ann@example.org");
    }
  });

  it("events of a page that ended before they were sent go out from the next page", async () => {
    const storage: Storage = new Map();
    const first = openPage(code, { settings: settings(), storage, pageEnds: true });
    first.publish("page_viewed", PIXEL_EVENTS.page_viewed);
    first.publish("collection_viewed", PIXEL_EVENTS.collection_viewed);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await inbox()).toEqual([]);
    expect(JSON.parse(storage.get(STORAGE_KEY) ?? "[]")).toHaveLength(2);

    const second = openPage(code, { settings: settings(), storage });
    second.publish("product_viewed", PIXEL_EVENTS.product_viewed);
    const rows = await eventually(3);
    expect(rows.map((row) => row.topic)).toEqual(["page_viewed", "collection_viewed", "product_viewed"]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(JSON.parse(storage.get(STORAGE_KEY) ?? "[]")).toEqual([]);
  });

  it("sends nothing once the shopper withdraws analytics consent, and forgets what was buffered", async () => {
    const storage: Storage = new Map();
    const page = openPage(code, { settings: settings(), storage });
    page.publish("page_viewed", PIXEL_EVENTS.page_viewed);
    page.withdrawConsent();
    page.publish("checkout_completed", PIXEL_EVENTS.checkout_completed);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await inbox()).toEqual([]);
    expect(JSON.parse(storage.get(STORAGE_KEY) ?? "[]")).toEqual([]);
  });

  it("does not start without analytics consent or without usable settings", () => {
    expect(openPage(code, { settings: settings(), storage: new Map(), analytics: false }).started).toBe(false);
    expect(openPage(code, { settings: { appUrl: "http://evil.example", shop }, storage: new Map() }).started).toBe(false);
  });
});
