import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";

const SHOP = "sessions-a.myshopify.com";
const OTHER_SHOP = "sessions-b.myshopify.com";

function offlineSession(shop: string): Session {
  return new Session({
    id: `offline_${shop}`,
    shop,
    state: "state-offline",
    isOnline: false,
    scope: "read_orders,read_customers",
    accessToken: `shpat_${shop}`,
    expires: new Date("2030-01-02T03:04:05.678Z"),
    refreshToken: `shprt_${shop}`,
    refreshTokenExpires: new Date("2030-04-01T00:00:00.001Z"),
  });
}

function onlineSession(shop: string, userId: number): Session {
  return new Session({
    id: `${shop}_${userId}`,
    shop,
    state: "state-online",
    isOnline: true,
    scope: "read_orders",
    accessToken: "online-token",
    expires: new Date("2030-01-01T12:00:00.000Z"),
    onlineAccessInfo: {
      expires_in: 86_400,
      associated_user_scope: "read_orders",
      associated_user: {
        id: userId,
        first_name: "Zoë",
        last_name: "O'Brien",
        email: "zoe@example.com",
        email_verified: true,
        account_owner: true,
        locale: "fr-CA",
        collaborator: false,
      },
    },
  });
}

describe.each(DATABASE_KINDS)("PrismaSessionStorage on %s with the app's client", (kind) => {
  let t: TestDatabase;
  let storage: PrismaSessionStorage<TestDatabase["db"]>;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    storage = new PrismaSessionStorage(t.db, { connectionRetries: 1, connectionRetryIntervalMs: 10 });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("is ready: it finds the Session table through the app's client", async () => {
    expect(await storage.isReady()).toBe(true);
  });

  it("stores and loads an offline session with its expiring token and refresh token", async () => {
    const session = offlineSession(SHOP);
    expect(await storage.storeSession(session)).toBe(true);
    const loaded = await storage.loadSession(session.id);
    expect(loaded).toBeDefined();
    expect(loaded).toMatchObject({ id: session.id, shop: SHOP, state: "state-offline", isOnline: false, scope: "read_orders,read_customers", accessToken: `shpat_${SHOP}`, refreshToken: `shprt_${SHOP}` });
    expect(loaded?.expires?.toISOString()).toBe("2030-01-02T03:04:05.678Z");
    expect(loaded?.refreshTokenExpires?.toISOString()).toBe("2030-04-01T00:00:00.001Z");
    expect(loaded?.isActive("read_orders,read_customers")).toBe(true);
  });

  it("stores and loads an online session with its user (userId is a BIGINT column)", async () => {
    const userId = 90_071_992_547; // larger than a 32-bit integer
    const session = onlineSession(SHOP, userId);
    await storage.storeSession(session);
    const loaded = await storage.loadSession(session.id);
    expect(loaded?.isOnline).toBe(true);
    expect(loaded?.onlineAccessInfo?.associated_user).toMatchObject({
      id: userId,
      first_name: "Zoë",
      last_name: "O'Brien",
      email: "zoe@example.com",
      email_verified: true,
      account_owner: true,
      locale: "fr-CA",
      collaborator: false,
    });
    const row = await t.db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.userId).toBe(BigInt(userId));
  });

  it("storing again updates the same row", async () => {
    const session = offlineSession(SHOP);
    session.accessToken = "shpat_rotated";
    session.scope = "read_orders,read_customers,write_customers";
    await storage.storeSession(session);
    expect(await t.db.session.count({ where: { id: session.id } })).toBe(1);
    expect((await storage.loadSession(session.id))?.accessToken).toBe("shpat_rotated");
  });

  it("concurrent stores of one new session id neither fail nor duplicate", async () => {
    const session = onlineSession(SHOP, 777);
    const results = await Promise.all(Array.from({ length: 6 }, () => storage.storeSession(session)));
    expect(results).toEqual(Array(6).fill(true));
    expect(await t.db.session.count({ where: { id: session.id } })).toBe(1);
  });

  it("findSessionsByShop returns that shop's sessions only", async () => {
    await storage.storeSession(offlineSession(OTHER_SHOP));
    await storage.storeSession(onlineSession(OTHER_SHOP, 4242));
    const mine = await storage.findSessionsByShop(SHOP);
    const theirs = await storage.findSessionsByShop(OTHER_SHOP);
    expect(mine.map((s) => s.id).sort()).toEqual([`${SHOP}_777`, `${SHOP}_90071992547`, `offline_${SHOP}`].sort());
    expect(theirs.map((s) => s.id).sort()).toEqual([`${OTHER_SHOP}_4242`, `offline_${OTHER_SHOP}`].sort());
    expect(await storage.findSessionsByShop("nobody.myshopify.com")).toEqual([]);
  });

  it("deletes one session, several sessions, and treats a missing id as deleted", async () => {
    expect(await storage.deleteSession(`offline_${SHOP}`)).toBe(true);
    expect(await storage.loadSession(`offline_${SHOP}`)).toBeUndefined();
    expect(await storage.deleteSession("no-such-session")).toBe(true);

    expect(await storage.deleteSessions([`${SHOP}_777`, `${SHOP}_90071992547`])).toBe(true);
    expect(await storage.findSessionsByShop(SHOP)).toEqual([]);
    // The other shop's sessions are untouched.
    expect((await storage.findSessionsByShop(OTHER_SHOP)).length).toBe(2);
  });

  it("loading an unknown id gives undefined", async () => {
    expect(await storage.loadSession("offline_unknown.myshopify.com")).toBeUndefined();
  });
});
