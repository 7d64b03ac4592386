import { bulkInsert } from "~/adapters/prisma/bulkInsert.server";
import type { Db } from "~/db.server";
import { CartPayload, CheckoutPayload, CustomerConsentPayload, CustomerPayload, OrderPayload, ProductPayload } from "~/domain/events/webhookPayloads";
import { PixelEvent } from "~/domain/events/pixelEvents";
import { loyaltyEntriesForOrder, type LoyaltyEntryRecord } from "~/domain/loyalty/orderLoyalty";
import { abandonedAt } from "~/domain/projections/abandonment";
import {
  browseEventRecord,
  cartRecord,
  checkoutRecord,
  consentRecord,
  customerRecord,
  orderRecords,
  productRecords,
  type BrowseEventRecord,
  type LineItemRecord,
  type OrderRecord,
} from "~/domain/projections/shopifyRecords";
import { ShopifyId } from "~/domain/shared/ids";
import { DEFAULT_SHOP_SETTINGS, type ShopSettings } from "~/domain/shop/shopSettings";
import { recordInstall } from "~/services/recordInstall.server";
import { SHOP_TABLE_DELETERS } from "~/services/compliance/shopRedaction.server";
import type { AnonymousVisitor, CartWebhookJson, CustomerHistory, DemoStore } from "./generator";
import type { PixelSession } from "./generator/pixelTypes";

/**
 * Loads a generated demo store into the database through the same payload schemas and record
 * mappings the webhooks use, so the demo exercises the app's real contracts: a payload the schemas
 * reject fails the load instead of being quietly reshaped.
 *
 * Customers stream in chunks, each written in one transaction, so 100,000 customers load in
 * bounded memory. Loading is idempotent: the shop's previous data is deleted first.
 */
export type DemoLoadCounts = {
  categories: number;
  products: number;
  variants: number;
  customers: number;
  orders: number;
  lineItems: number;
  carts: number;
  checkouts: number;
  browseEvents: number;
  loyaltyEntries: number;
};

export type DemoLoadOptions = {
  now: Date;
  settings?: ShopSettings;
  /** Access scopes written on the demo shop's session. */
  scope: string;
  /** Customers per transaction. */
  chunkSize?: number;
  onProgress?: (loaded: { customers: number; total: number }) => void;
};

export async function loadDemoStore(store: Db, demo: DemoStore, options: DemoLoadOptions): Promise<DemoLoadCounts> {
  const shopId = demo.shop.myshopifyDomain;
  const settings = options.settings ?? { ...DEFAULT_SHOP_SETTINGS, loyaltyRule: demo.options.loyaltyRule };
  const counts: DemoLoadCounts = {
    categories: 0,
    products: 0,
    variants: 0,
    customers: 0,
    orders: 0,
    lineItems: 0,
    carts: 0,
    checkouts: 0,
    browseEvents: 0,
    loyaltyEntries: 0,
  };

  counts.categories = await prepareDemoShop(store, demo, { ...options, settings });
  const catalog = await loadCatalog(store, shopId, demo);
  counts.products = catalog.products;
  counts.variants = catalog.variants;

  const chunkSize = options.chunkSize ?? 500;
  const total = demo.options.customers;
  let chunk: CustomerHistory[] = [];
  const flush = async () => {
    const rows = customerChunkRows(shopId, demo, chunk, settings, options.now);
    await writeChunk(store, rows);
    counts.customers += rows.customers.length;
    counts.orders += rows.orders.length;
    counts.lineItems += rows.lineItems.length;
    counts.carts += rows.carts.length;
    counts.checkouts += rows.checkouts.length;
    counts.browseEvents += rows.browseEvents.length;
    counts.loyaltyEntries += rows.loyaltyEntries.length;
    chunk = [];
    options.onProgress?.({ customers: counts.customers, total });
  };
  for (const history of demo.customers()) {
    chunk.push(history);
    if (chunk.length >= chunkSize) await flush();
  }
  if (chunk.length > 0) await flush();

  const anonymous = await loadAnonymousVisitors(store, shopId, demo, settings, options.now, chunkSize);
  counts.carts += anonymous.carts;
  counts.browseEvents += anonymous.browseEvents;
  return counts;
}

/**
 * The demo shop's own offline session, shaped as OAuth would leave it. Its token is a placeholder:
 * demo mode never calls Shopify, and the environment refuses demo mode in production.
 */
async function recordDemoSession(store: Db, shopId: string, scope: string): Promise<void> {
  const session = { shop: shopId, state: "demo", isOnline: false, scope, accessToken: "demo-offline-token-not-valid-at-shopify" };
  await store.session.upsert({ where: { id: `offline_${shopId}` }, create: { id: `offline_${shopId}`, ...session }, update: session });
}

/**
 * What installing the app and configuring it leaves behind, before any store data arrives: the
 * shop's row and settings, its offline session, and the merchant's categories with their product
 * types and depletion timelines. The shop's previous data is deleted first, so preparing is
 * idempotent. Returns the number of categories.
 */
export async function prepareDemoShop(store: Db, demo: DemoStore, options: { now: Date; scope: string; settings: ShopSettings }): Promise<number> {
  const shopId = demo.shop.myshopifyDomain;
  // Every table of the shop but its row (re-recorded below), through shop/redact's typed list, so a
  // new model cannot be forgotten here.
  for (const [model, deleter] of Object.entries(SHOP_TABLE_DELETERS)) if (model !== "Shop") await deleter(store, shopId, null);
  await recordInstall(store, { shopId, profile: demo.shop, now: options.now });
  await store.shop.update({ where: { id: shopId }, data: { settings: JSON.stringify(options.settings) } });
  await recordDemoSession(store, shopId, options.scope);
  return loadCategories(store, shopId, demo);
}

async function loadCategories(store: Db, shopId: string, demo: DemoStore): Promise<number> {
  const rows = new Map<string, { shopId: string; path: string; name: string; parentPath: string | null; depletionDays: number | null; productTypes: string }>();
  for (const category of demo.catalog.categories) {
    if (category.path !== category.topLevel) {
      rows.set(category.topLevel, { shopId, path: category.topLevel, name: category.topLevel, parentPath: null, depletionDays: null, productTypes: "[]" });
    }
    rows.set(category.path, {
      shopId,
      path: category.path,
      name: category.name,
      parentPath: category.path === category.topLevel ? null : category.topLevel,
      depletionDays: category.depletionDays,
      productTypes: JSON.stringify([category.productType]),
    });
  }
  await store.category.createMany({ data: [...rows.values()] });
  return rows.size;
}

async function loadCatalog(store: Db, shopId: string, demo: DemoStore): Promise<{ products: number; variants: number }> {
  const products = [];
  const variants = [];
  for (const json of demo.catalog.products) {
    const payload = ProductPayload.parse(json);
    const records = productRecords(payload, {
      currencyCode: demo.shop.currencyCode,
      categoryPath: demo.catalog.categoryPathOf(payload.id),
      collections: demo.catalog.collectionHandlesOf(payload.id),
    });
    products.push({ shopId, ...records.product });
    variants.push(...records.variants.map((variant) => ({ shopId, ...variant })));
  }
  await store.$transaction([store.product.createMany({ data: products }), store.productVariant.createMany({ data: variants })]);
  return { products: products.length, variants: variants.length };
}

type ChunkRows = {
  customers: Array<ReturnType<typeof customerRecord> & ReturnType<typeof consentRecordFields> & { shopId: string; createdAt: Date; updatedAt: Date }>;
  orders: Array<OrderRecord & { shopId: string }>;
  lineItems: Array<LineItemRecord & { shopId: string }>;
  carts: Array<ReturnType<typeof cartRecord> & { shopId: string; customerId: string | null; clientId: string | null; currencyCode: string; abandonedAt: Date | null; convertedAt: Date | null }>;
  checkouts: Array<ReturnType<typeof checkoutRecord> & { shopId: string; abandonedAt: Date | null }>;
  browseEvents: Array<BrowseEventRecord & { shopId: string }>;
  loyaltyEntries: Array<LoyaltyEntryRecord & { shopId: string }>;
};

function consentRecordFields(history: CustomerHistory) {
  const { customerId: _ignored, ...fields } = consentRecord(CustomerConsentPayload.parse(history.consent));
  return fields;
}

/** Pure mapping of a chunk of generated customers to rows (no I/O), via the webhook contracts. */
function customerChunkRows(shopId: string, demo: DemoStore, chunk: CustomerHistory[], settings: ShopSettings, now: Date): ChunkRows {
  const rows: ChunkRows = { customers: [], orders: [], lineItems: [], carts: [], checkouts: [], browseEvents: [], loyaltyEntries: [] };
  const currencyCode = demo.shop.currencyCode;
  const writtenAt = new Date();
  for (const history of chunk) {
    const customer = customerRecord(CustomerPayload.parse(history.customer));
    // Bulk inserts bypass Prisma's @updatedAt, so the bookkeeping times are written here.
    rows.customers.push({ shopId, ...customer, ...consentRecordFields(history), createdAt: writtenAt, updatedAt: writtenAt });

    const ordersByCart = new Map<string, Date>();
    for (const json of history.orders) {
      const { order, lineItems } = orderRecords(OrderPayload.parse(json), demo.catalog.categoryPathOf);
      rows.orders.push({ shopId, ...order });
      rows.lineItems.push(...lineItems.map((item) => ({ shopId, ...item })));
      if (order.cartToken && !order.cancelledAt) ordersByCart.set(order.cartToken, order.processedAt);
      const entries = loyaltyEntriesForOrder(settings.loyaltyRule, { ...order, discountCodes: JSON.parse(order.discountCodes) as string[] });
      rows.loyaltyEntries.push(...entries.map((entry) => ({ shopId, ...entry })));
    }

    // Carts carry no customer: they are linked through a checkout's cart_token, as the app does live.
    const customerOfCart = new Map<string, string>();
    for (const versions of history.checkouts) {
      const latest = CheckoutPayload.parse(versions.at(-1));
      const checkout = checkoutRecord(latest);
      const customerId = checkout.customerId ?? customer.id;
      if (checkout.cartToken) customerOfCart.set(checkout.cartToken, customerId);
      rows.checkouts.push({
        shopId,
        ...checkout,
        customerId,
        abandonedAt: abandonedAt({ lastActivityAt: checkout.sourceUpdatedAt, completedAt: checkout.completedAt, now, delayMinutes: settings.abandonmentDelayMinutes }),
      });
    }
    const browseEvents = sessionRows(shopId, history.sessions);
    rows.carts.push(...cartRows(shopId, history.carts, browseEvents, { customerOfCart, ordersByCart, currencyCode, settings, now }));
    rows.browseEvents.push(...browseEvents);
  }
  return rows;
}

type CartContext = { customerOfCart: Map<string, string>; ordersByCart: Map<string, Date>; currencyCode: string; settings: ShopSettings; now: Date };

/** Carts' rows; the browser that viewed each cart comes from the already-mapped browse events. */
function cartRows(shopId: string, carts: readonly CartWebhookJson[][], browseEvents: readonly BrowseEventRecord[], context: CartContext): ChunkRows["carts"] {
  const clientOfCart = new Map(browseEvents.flatMap((event) => (event.cartToken ? [[event.cartToken, event.clientId] as const] : [])));
  return carts.map((versions) => {
    const cart = cartRecord(CartPayload.parse(versions.at(-1)), context.currencyCode);
    const convertedAt = context.ordersByCart.get(cart.token) ?? null;
    const delayMinutes = context.settings.abandonmentDelayMinutes;
    return {
      shopId,
      ...cart,
      customerId: context.customerOfCart.get(cart.token) ?? null,
      clientId: clientOfCart.get(cart.token) ?? null,
      currencyCode: context.currencyCode,
      convertedAt,
      abandonedAt: abandonedAt({ lastActivityAt: cart.sourceUpdatedAt, completedAt: convertedAt, now: context.now, delayMinutes }),
    };
  });
}

function sessionRows(shopId: string, sessions: Iterable<PixelSession>): Array<BrowseEventRecord & { shopId: string }> {
  const rows: Array<BrowseEventRecord & { shopId: string }> = [];
  for (const session of sessions) {
    const customerId = session.customerId === null ? null : ShopifyId.parse(session.customerId);
    for (const json of session.events) rows.push({ shopId, ...browseEventRecord(PixelEvent.parse(json), customerId) });
  }
  return rows;
}

const TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

async function writeChunk(store: Db, rows: ChunkRows): Promise<void> {
  await store.$transaction(async (tx) => {
    await bulkInsert(store, tx, "Customer", rows.customers);
    await bulkInsert(store, tx, "Order", rows.orders);
    await bulkInsert(store, tx, "OrderLineItem", rows.lineItems);
    await bulkInsert(store, tx, "Cart", rows.carts);
    await bulkInsert(store, tx, "Checkout", rows.checkouts);
    await bulkInsert(store, tx, "BrowseEvent", rows.browseEvents);
    await bulkInsert(store, tx, "LoyaltyEntry", rows.loyaltyEntries);
  }, TRANSACTION);
}

/** Visitors who never identify: their browsing, and carts no checkout ever claimed. */
async function loadAnonymousVisitors(store: Db, shopId: string, demo: DemoStore, settings: ShopSettings, now: Date, chunkSize: number) {
  const loaded = { carts: 0, browseEvents: 0 };
  const context: CartContext = { customerOfCart: new Map(), ordersByCart: new Map(), currencyCode: demo.shop.currencyCode, settings, now };
  let batch: AnonymousVisitor[] = [];
  const flush = async () => {
    const visits = batch.map((visitor) => ({ visitor, browseEvents: sessionRows(shopId, visitor.sessions) }));
    const carts = visits.flatMap(({ visitor, browseEvents }) => cartRows(shopId, visitor.carts, browseEvents, context));
    const browseEvents = visits.flatMap((visit) => visit.browseEvents);
    await store.$transaction(async (tx) => {
      await bulkInsert(store, tx, "Cart", carts);
      await bulkInsert(store, tx, "BrowseEvent", browseEvents);
    }, TRANSACTION);
    loaded.carts += carts.length;
    loaded.browseEvents += browseEvents.length;
    batch = [];
  };
  for (const visitor of demo.anonymousVisitors()) {
    batch.push(visitor);
    if (batch.length >= chunkSize) await flush();
  }
  if (batch.length > 0) await flush();
  return loaded;
}
