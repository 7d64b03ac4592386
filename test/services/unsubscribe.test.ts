import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmailTransport } from "~/adapters/email/smtpTransport.server";
import { startLocalSmtpServer, type LocalSmtpServer } from "~/demo/localSmtpServer";
import { generateDemoStore } from "~/demo/generator";
import { loadDemoStore } from "~/demo/loadDemoStore.server";
import { AutonomySettings } from "~/domain/governance/autonomy";
import { DEFAULT_SHOP_SETTINGS } from "~/domain/shop/shopSettings";
import { recomputeDepletionSuggestions } from "~/services/catalog/depletionSuggestions.server";
import { unsubscribeToken } from "~/services/delivery/decisionToken.server";
import { sendDueMessages } from "~/services/delivery/sendMessages.server";
import { parseUnsubscribeDetail, retryConsentSyncs, unsubscribeWithToken, type ConsentSync, type ConsentSyncOutcome } from "~/services/delivery/unsubscribe.server";
import { reviewDueMessages } from "~/services/governance/reviewMessages.server";
import { DEMO_OBJECTIVE } from "~/services/planning/demoPlanning.server";
import { createObjective } from "~/services/planning/objectives.server";
import { runPlanning } from "~/services/planning/runPlanning.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { APP_URL, deliveryShop, lastHistoryEntry, SECRET, sendableMessage, shopper, transportTo } from "../support/delivery";

const NOW = new Date("2026-11-25T12:00:00Z");
const LATER = new Date("2026-11-25T12:30:00Z");
const SHOP = "fern-and-moss.myshopify.com";
const DAY = 86_400_000;

/** A ConsentSync that answers from a script and remembers every call. */
function scriptedSync(...answers: ConsentSyncOutcome[]): ConsentSync & { calls: Array<{ shopId: string; customerId: string; at: string }> } {
  const calls: Array<{ shopId: string; customerId: string; at: string }> = [];
  const sync = (async (shopId: string, customerId: string, at: Date) => {
    calls.push({ shopId, customerId, at: at.toISOString() });
    return answers.length > 1 ? answers.shift()! : answers[0]!;
  }) as ConsentSync & { calls: typeof calls };
  sync.calls = calls;
  return sync;
}

const UPDATED: ConsentSyncOutcome = { status: "updated" };

/**
 * One-click unsubscribe on both databases: the token from a real email's List-Unsubscribe header
 * unsubscribes at once (local consent, a suppression, pending messages blocked with their audit
 * entry), then Shopify's consent is withdrawn and the outcome recorded, retried when Shopify fails.
 * A repeat is harmless; a tampered token writes nothing.
 */
describe.each(DATABASE_KINDS)("one-click unsubscribe on %s", (kind) => {
  let t: TestDatabase;
  let server: LocalSmtpServer;
  let transport: EmailTransport;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await deliveryShop(t.db, SHOP);
    server = await startLocalSmtpServer();
    transport = transportTo(server);
  });
  afterAll(async () => {
    transport?.close();
    await server?.close();
    await t?.drop();
  });

  const statusOf = async (id: string) => (await t.db.message.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id } }, select: { status: true } })).status;

  it("unsubscribes with the link from the email: consent, suppression, pending messages blocked, Shopify updated", async () => {
    await shopper(t.db, SHOP, { id: "u1", email: "una@example.org" });
    await sendableMessage(t.db, SHOP, { id: "m-sent", customerId: "u1", sendAt: NOW });
    await sendDueMessages(t.db, SHOP, NOW, { transport, appUrl: APP_URL, secret: SECRET });
    const email = server.received.find((m) => m.rcptTo.includes("una@example.org"))!;
    const link = /<([^>]+)>/.exec(email.headers.find((h) => h.name === "List-Unsubscribe")!.value)![1]!;
    const token = new URL(link).searchParams.get("t")!;

    const later = new Date(NOW.getTime() + DAY);
    await sendableMessage(t.db, SHOP, { id: "m-ready", customerId: "u1", sendAt: later });
    await sendableMessage(t.db, SHOP, { id: "m-approved", customerId: "u1", sendAt: later, status: "approved" });
    await sendableMessage(t.db, SHOP, { id: "m-waiting", customerId: "u1", sendAt: later, status: "awaiting-approval" });
    await shopper(t.db, SHOP, { id: "u2" });
    await sendableMessage(t.db, SHOP, { id: "m-someone-else", customerId: "u2", sendAt: later });

    const sync = scriptedSync(UPDATED);
    const result = await unsubscribeWithToken(t.db, token, { secret: SECRET, now: LATER, syncConsent: sync });
    expect(result).toMatchObject({ shopId: SHOP, customerId: "u1", unknownShop: false, alreadyUnsubscribed: false, blockedMessages: 3 });
    expect(result?.shopify).toMatchObject({ status: "updated", attempts: 1 });
    expect(sync.calls).toEqual([{ shopId: SHOP, customerId: "u1", at: LATER.toISOString() }]);

    const customer = await t.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: "u1" } } });
    expect(customer.emailMarketingState).toBe("UNSUBSCRIBED");
    expect(customer.emailConsentUpdatedAt?.toISOString()).toBe(LATER.toISOString());
    const suppression = await t.db.suppression.findUniqueOrThrow({ where: { shopId_customerId_reason: { shopId: SHOP, customerId: "u1", reason: "unsubscribed" } } });
    expect(parseUnsubscribeDetail(suppression.detail)).toMatchObject({ source: "one-click", requestedAt: LATER.toISOString(), shopify: { status: "updated", attempts: 1, error: null } });
    for (const id of ["m-ready", "m-approved", "m-waiting"]) {
      expect(await statusOf(id)).toBe("blocked");
      const entry = await lastHistoryEntry(t.db, SHOP, id);
      expect(entry).toMatchObject({ to: "blocked", action: "block" });
      expect(entry.note).toMatch(/unsubscribed/);
    }
    expect(await statusOf("m-sent")).toBe("sent");
    expect(await statusOf("m-someone-else")).toBe("ready");

    // Nothing further goes to them, whatever becomes due.
    await sendableMessage(t.db, SHOP, { id: "m-after", customerId: "u1", sendAt: later });
    const report = await sendDueMessages(t.db, SHOP, new Date(later.getTime() + DAY), { transport, appUrl: APP_URL, secret: SECRET });
    expect(report.blocked).toBe(1);
    expect(server.received.filter((m) => m.rcptTo.includes("una@example.org"))).toHaveLength(1);

    // A second click: the same answer, nothing changes, Shopify is not asked again.
    const again = await unsubscribeWithToken(t.db, token, { secret: SECRET, now: new Date(LATER.getTime() + 60_000), syncConsent: sync });
    expect(again).toMatchObject({ alreadyUnsubscribed: true, blockedMessages: 0, shopify: { status: "updated", attempts: 1 } });
    expect(sync.calls).toHaveLength(1);
    expect((await t.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: "u1" } } })).emailConsentUpdatedAt?.toISOString()).toBe(LATER.toISOString());
  });

  it("writes nothing for a tampered token or one signed with another key", async () => {
    await shopper(t.db, SHOP, { id: "u3" });
    await sendableMessage(t.db, SHOP, { id: "m-u3", customerId: "u3", sendAt: new Date(NOW.getTime() + DAY) });
    const token = unsubscribeToken({ shopId: SHOP, customerId: "u3" }, SECRET);
    const [payload, signature] = token.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify(["am-unsubscribe-v1", SHOP, "u2"])).toString("base64url");
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === "A" ? "B" : "A"}${signature.at(-1)}`;
    const sync = scriptedSync(UPDATED);
    const before = await t.db.suppression.count();
    for (const bad of [`${forged}.${signature}`, `${payload}.${flipped}`, unsubscribeToken({ shopId: SHOP, customerId: "u3" }, "another-secret-of-enough-length"), "", "garbage"]) {
      expect(await unsubscribeWithToken(t.db, bad, { secret: SECRET, now: LATER, syncConsent: sync })).toBeNull();
    }
    expect(await t.db.suppression.count()).toBe(before);
    expect(sync.calls).toHaveLength(0);
    expect((await t.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: "u3" } } })).emailMarketingState).toBe("SUBSCRIBED");
    expect(await statusOf("m-u3")).toBe("ready");
  });

  it("records a Shopify failure and retries it later; the local suppression holds meanwhile", async () => {
    await shopper(t.db, SHOP, { id: "u4" });
    const failing = scriptedSync({ status: "failed", retryable: true, error: "Shopify could not be reached: ECONNRESET" });
    const result = await unsubscribeWithToken(t.db, unsubscribeToken({ shopId: SHOP, customerId: "u4" }, SECRET), { secret: SECRET, now: LATER, syncConsent: failing });
    expect(result?.shopify).toMatchObject({ status: "pending", attempts: 1, error: "Shopify could not be reached: ECONNRESET" });
    expect((await t.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: "u4" } } })).emailMarketingState).toBe("UNSUBSCRIBED");

    // A customer Shopify refuses for good (no email there) is recorded, and not retried.
    await shopper(t.db, SHOP, { id: "u5" });
    await unsubscribeWithToken(t.db, unsubscribeToken({ shopId: SHOP, customerId: "u5" }, SECRET), { secret: SECRET, now: LATER, syncConsent: scriptedSync({ status: "failed", retryable: false, error: "Customer must have an email address" }) });

    const ok = scriptedSync(UPDATED);
    expect(await retryConsentSyncs(t.db, SHOP, new Date(LATER.getTime() + 3_600_000), ok)).toEqual({ tried: 1, updated: 1 });
    expect(ok.calls).toEqual([{ shopId: SHOP, customerId: "u4", at: LATER.toISOString() }]);
    const detail = (customerId: string) => t.db.suppression.findUniqueOrThrow({ where: { shopId_customerId_reason: { shopId: SHOP, customerId, reason: "unsubscribed" } } }).then((row) => parseUnsubscribeDetail(row.detail));
    expect(await detail("u4")).toMatchObject({ shopify: { status: "updated", attempts: 2, error: null } });
    expect(await detail("u5")).toMatchObject({ shopify: { status: "failed", attempts: 1, error: "Customer must have an email address" } });
    expect(await retryConsentSyncs(t.db, SHOP, new Date(LATER.getTime() + 7_200_000), ok)).toEqual({ tried: 0, updated: 0 });
  });

  it("answers for a validly signed shopper the app does not know, and keeps a redacted one redacted", async () => {
    const unknown = await unsubscribeWithToken(t.db, unsubscribeToken({ shopId: SHOP, customerId: "never-seen" }, SECRET), { secret: SECRET, now: LATER, syncConsent: scriptedSync(UPDATED) });
    expect(unknown).toMatchObject({ unknownShop: false, blockedMessages: 0 });
    expect(await t.db.suppression.count({ where: { shopId: SHOP, customerId: "never-seen", reason: "unsubscribed" } })).toBe(1);

    await shopper(t.db, SHOP, { id: "u6", email: null, firstName: null, emailMarketingState: "REDACTED", redactedAt: NOW });
    await unsubscribeWithToken(t.db, unsubscribeToken({ shopId: SHOP, customerId: "u6" }, SECRET), { secret: SECRET, now: LATER, syncConsent: scriptedSync(UPDATED) });
    expect((await t.db.customer.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id: "u6" } } })).emailMarketingState).toBe("REDACTED");

    const gone = await unsubscribeWithToken(t.db, unsubscribeToken({ shopId: "gone.myshopify.com", customerId: "u1" }, SECRET), { secret: SECRET, now: LATER, syncConsent: scriptedSync(UPDATED) });
    expect(gone).toMatchObject({ unknownShop: true, shopify: null });
    expect(await t.db.suppression.count({ where: { shopId: "gone.myshopify.com" } })).toBe(0);
  });
});

/**
 * The whole path on a generated store: a shopper who unsubscribes before review, and one who
 * unsubscribes after their message was cleared, get nothing from the next planning run, review and
 * send, while the others' emails go out through SMTP.
 */
describe.each(DATABASE_KINDS)("unsubscribe, then plan, review and send on %s", (kind) => {
  let t: TestDatabase;
  let server: LocalSmtpServer;
  let transport: EmailTransport;
  let shopId: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const demo = generateDemoStore({ seed: 21, customers: 80, now: NOW, anonymousVisitors: 10 });
    shopId = demo.shop.myshopifyDomain;
    const settings = { ...DEFAULT_SHOP_SETTINGS, loyaltyRule: demo.options.loyaltyRule, autonomy: AutonomySettings.parse({ defaultLevel: "autonomous" }) };
    await loadDemoStore(t.db, demo, { now: NOW, scope: "read_orders", settings });
    await recomputeDepletionSuggestions(t.db, shopId);
    await createObjective(t.db, shopId, { ...DEMO_OBJECTIVE, agentsAllowed: [...DEMO_OBJECTIVE.agentsAllowed] });
    server = await startLocalSmtpServer();
    transport = transportTo(server);
  }, 180_000);
  afterAll(async () => {
    transport?.close();
    await server?.close();
    await t?.drop();
  });

  it("sends nothing to a shopper who unsubscribed, before or after review", async () => {
    await runPlanning(t.db, shopId, { now: NOW, trigger: "schedule" });
    const planned = await t.db.decision.findMany({ where: { shopId, status: "planned" }, orderBy: { id: "asc" }, select: { customerId: true } });
    const customers = [...new Set(planned.map((d) => d.customerId))];
    expect(customers.length).toBeGreaterThan(3);
    const [early, late] = customers as [string, string];
    const sync = scriptedSync({ status: "skipped", reason: "test" });

    await unsubscribeWithToken(t.db, unsubscribeToken({ shopId, customerId: early }, SECRET), { secret: SECRET, now: NOW, syncConsent: sync });
    await reviewDueMessages(t.db, shopId, NOW, { horizonHours: 24 * 8 });
    const earlyMessages = await t.db.message.findMany({ where: { shopId, customerId: early } });
    expect(earlyMessages.length).toBeGreaterThan(0);
    expect(earlyMessages.every((m) => m.status === "blocked")).toBe(true);

    const lateMessages = await t.db.message.findMany({ where: { shopId, customerId: late }, select: { id: true, status: true } });
    expect(lateMessages.some((m) => m.status === "ready")).toBe(true);
    const result = await unsubscribeWithToken(t.db, unsubscribeToken({ shopId, customerId: late }, SECRET), { secret: SECRET, now: NOW, syncConsent: sync });
    expect(result?.blockedMessages).toBe(lateMessages.filter((m) => ["ready", "approved", "awaiting-approval", "edited-approved", "failed"].includes(m.status)).length);

    // The next night's plan and review, then everything due within the week is sent.
    const nextNight = new Date(NOW.getTime() + DAY);
    await runPlanning(t.db, shopId, { now: nextNight, trigger: "schedule" });
    await reviewDueMessages(t.db, shopId, nextNight, { horizonHours: 24 * 8 });
    const report = await sendDueMessages(t.db, shopId, new Date(NOW.getTime() + 9 * DAY), { transport, appUrl: APP_URL, secret: SECRET, limit: 1_000 });
    expect(report.sent).toBeGreaterThan(0);
    expect(report.failed).toBe(0);
    const addresses = await t.db.customer.findMany({ where: { shopId, id: { in: [early, late] } }, select: { email: true } });
    expect(addresses.every((a) => a.email)).toBe(true);
    for (const { email } of addresses) expect(server.received.filter((m) => m.rcptTo.includes(email!))).toHaveLength(0);
    expect(server.received.length).toBe(report.sent);
    expect(await t.db.message.count({ where: { shopId, customerId: { in: [early, late] }, status: "sent" } })).toBe(0);
  });
});
