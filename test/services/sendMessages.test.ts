import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { EmailTransport } from "~/adapters/email/smtpTransport.server";
import { startLocalSmtpServer, type LocalSmtpServer } from "~/demo/localSmtpServer";
import { deliveryMessageId, sendDueMessages, type SendDeps } from "~/services/delivery/sendMessages.server";
import { verifyUnsubscribeToken } from "~/services/delivery/decisionToken.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { APP_URL, deliveryShop, lastHistoryEntry, SECRET, SENDER, sendableMessage, shopper, transportTo } from "../support/delivery";

const NOW = new Date("2026-11-25T12:00:00Z");
const MINUTE = 60_000;
const SHOP = "fern-and-moss.myshopify.com";
const OTHER = "elsewhere.myshopify.com";

/**
 * The sender against a real SMTP server on loopback, on both databases: what arrives (headers,
 * names with emoji and right-to-left text), exactly once (two runs, two concurrent senders, a crash
 * after the provider accepted), consent checked again at send time, and each provider answer
 * (accepted, 450 then accepted, 550, connection refused) with the message's state and audit.
 */
describe.each(DATABASE_KINDS)("sending due messages on %s", (kind) => {
  let t: TestDatabase;
  let server: LocalSmtpServer;
  const replies = new Map<string, Array<{ code: number; message: string } | null>>();
  let transport: EmailTransport;
  let deps: SendDeps;
  let seq = 0;
  /** A fresh shopper and a sendable message for them, due at NOW. */
  const fresh = async (options: { status?: "ready" | "approved" | "awaiting-approval"; sendAt?: Date; customer?: Partial<Parameters<typeof shopper>[2]> } = {}) => {
    seq += 1;
    const customerId = `c${seq}`;
    await shopper(t.db, SHOP, { id: customerId, ...options.customer });
    const id = `replenishment:${customerId}:Skin care > Cleansers:${seq}`;
    await sendableMessage(t.db, SHOP, { id, customerId, sendAt: options.sendAt ?? NOW, status: options.status });
    return { id, customerId, email: options.customer?.email === undefined ? `shopper-${customerId}@example.org` : options.customer.email };
  };
  const receivedBy = (address: string | null) => server.received.filter((m) => address !== null && m.rcptTo.includes(address));
  const messageRow = (id: string) => t.db.message.findUniqueOrThrow({ where: { shopId_id: { shopId: SHOP, id } } });
  const deliveryRow = (id: string) => t.db.delivery.findUnique({ where: { shopId_messageId_channel: { shopId: SHOP, messageId: id, channel: "email" } } });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await deliveryShop(t.db, SHOP);
    await deliveryShop(t.db, OTHER, "Elsewhere");
    server = await startLocalSmtpServer({
      recipientReply: (address) => {
        const queue = replies.get(address);
        return queue && queue.length > 0 ? (queue.shift() ?? null) : null;
      },
    });
    transport = transportTo(server);
    deps = { transport, appUrl: APP_URL, secret: SECRET };
  });
  afterEach(async () => {
    // Each test settles what it created: nothing due is left for the next one.
    await t.db.message.updateMany({ where: { shopId: SHOP, status: { in: ["ready", "approved"] } }, data: { status: "rejected" } });
  });
  afterAll(async () => {
    transport?.close();
    await server?.close();
    await t?.drop();
  });

  it("sends a due message once: the email as received, the message sent with its audit entry, the Delivery row", async () => {
    await shopper(t.db, SHOP, { id: "zoe", email: "zoe@example.org", firstName: "Zoë 🌸", lastName: "שרה כהן" });
    const id = "replenishment:zoe:Skin care > Cleansers:2026-11-25";
    await sendableMessage(t.db, SHOP, { id, customerId: "zoe", sendAt: NOW, draft: { subject: "🌿 Time for a new cleanser — عرض خاص", greeting: "Hello Zoë 🌸,", paragraphs: ["שלום! Your cleanser should be running low. مرحبا."] } });
    const later = await fresh({ sendAt: new Date(NOW.getTime() + 5 * MINUTE) });
    const waiting = await fresh({ status: "awaiting-approval" });

    const report = await sendDueMessages(t.db, SHOP, NOW, deps);
    expect(report).toMatchObject({ due: 1, sent: 1, failed: 0, blocked: 0, stoppedBy: null });

    const [email, ...more] = receivedBy("zoe@example.org");
    expect(more).toHaveLength(0);
    const expectedId = deliveryMessageId(SHOP, id, APP_URL);
    expect(expectedId).toMatch(/^<[0-9a-f]{40}@marketing-app\.example\.test>$/);
    expect(email!.messageId).toBe(expectedId);
    expect(email!.subject).toBe("🌿 Time for a new cleanser — عرض خاص");
    expect(email!.to).toContain("Zoë 🌸 שרה כהן");
    expect(email!.from).toBe(`"${SENDER.name}" <${SENDER.address}>`);
    expect(email!.text).toContain("שלום! Your cleanser should be running low. مرحبا.");
    expect(email!.html).toContain("Zoë 🌸");
    const header = (name: string) => email!.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? "";
    expect(header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const unsubscribe = /<(https:\/\/marketing-app\.example\.test\/unsubscribe\?t=[^>]+)>/.exec(header("List-Unsubscribe"));
    expect(unsubscribe).not.toBeNull();
    expect(verifyUnsubscribeToken(new URL(unsubscribe![1]!).searchParams.get("t")!, SECRET)).toEqual({ shopId: SHOP, customerId: "zoe" });

    const row = await messageRow(id);
    expect(row).toMatchObject({ status: "sent", providerMessageId: expectedId, attempts: 1, sendingSince: null, lastError: null });
    expect(row.sentAt?.toISOString()).toBe(NOW.toISOString());
    expect(await lastHistoryEntry(t.db, SHOP, id)).toMatchObject({ from: "ready", to: "sent", action: "send" });
    const delivery = await deliveryRow(id);
    expect(delivery?.status).toBe("sent");
    const payload = JSON.parse(delivery!.payload) as { to: string; subject: string; headers: Record<string, string>; text: string; html: string };
    expect(payload).toMatchObject({ to: "zoe@example.org", subject: "🌿 Time for a new cleanser — عرض خاص" });
    expect(payload.headers["Message-ID"]).toBe(expectedId);
    expect(payload.headers["List-Unsubscribe"]).toBe(header("List-Unsubscribe"));
    expect(payload.text).toContain("שלום!");
    expect(JSON.parse(delivery!.response!)).toMatchObject({ messageId: expectedId, accepted: ["zoe@example.org"] });

    // Not yet due, and not cleared: untouched.
    expect(await messageRow(later.id)).toMatchObject({ status: "ready", attempts: 0, sendingSince: null });
    expect(await messageRow(waiting.id)).toMatchObject({ status: "awaiting-approval" });
    expect(receivedBy(later.email).concat(receivedBy(waiting.email))).toHaveLength(0);
  });

  it("sends an approved message too, and never another shop's", async () => {
    const approved = await fresh({ status: "approved" });
    await shopper(t.db, OTHER, { id: "x1", email: "other-shop@example.org" });
    await sendableMessage(t.db, OTHER, { id: "other-message", customerId: "x1", sendAt: NOW });
    const report = await sendDueMessages(t.db, SHOP, NOW, deps);
    expect(report.sent).toBe(1);
    expect(await lastHistoryEntry(t.db, SHOP, approved.id)).toMatchObject({ from: "approved", to: "sent", action: "send" });
    expect(receivedBy(approved.email)).toHaveLength(1);
    expect(receivedBy("other-shop@example.org")).toHaveLength(0);
    expect((await t.db.message.findUniqueOrThrow({ where: { shopId_id: { shopId: OTHER, id: "other-message" } } })).status).toBe("ready");
  });

  it("sends once when run twice, and once when two senders run at the same moment", async () => {
    const first = await fresh();
    await sendDueMessages(t.db, SHOP, NOW, deps);
    const again = await sendDueMessages(t.db, SHOP, new Date(NOW.getTime() + 60 * MINUTE), deps);
    expect(again).toMatchObject({ due: 0, sent: 0 });
    expect(receivedBy(first.email)).toHaveLength(1);

    const raced = await Promise.all([fresh(), fresh(), fresh()]);
    const otherTransport = transportTo(server);
    const [a, b] = await Promise.all([sendDueMessages(t.db, SHOP, NOW, deps), sendDueMessages(t.db, SHOP, NOW, { ...deps, transport: otherTransport })]);
    otherTransport.close();
    expect(a.sent + b.sent).toBe(3);
    for (const message of raced) {
      expect(receivedBy(message.email)).toHaveLength(1);
      expect((await messageRow(message.id)).status).toBe("sent");
    }
  });

  it("after a crash between the provider's acceptance and the record, never sends a second email", async () => {
    const crashing = (real: EmailTransport): EmailTransport => ({
      from: real.from,
      close: () => undefined,
      send: async (envelope) => {
        await real.send(envelope);
        throw new Error("simulated crash: the process died before recording the answer");
      },
    });
    const confirmed = await fresh();
    await expect(sendDueMessages(t.db, SHOP, NOW, { ...deps, transport: crashing(transport) })).rejects.toThrow(/simulated crash/);
    expect(receivedBy(confirmed.email)).toHaveLength(1);
    expect(await messageRow(confirmed.id)).toMatchObject({ status: "ready", sendingSince: NOW });
    expect((await deliveryRow(confirmed.id))?.status).toBe("sending");

    // Within the lease the claim holds: nothing happens.
    expect(await sendDueMessages(t.db, SHOP, new Date(NOW.getTime() + 5 * MINUTE), deps)).toMatchObject({ due: 0, sent: 0 });
    // After it, the local record says the server has this Message-ID: recorded as sent, not resent.
    const recovered = await sendDueMessages(t.db, SHOP, new Date(NOW.getTime() + 11 * MINUTE), { ...deps, lookupAccepted: async (messageId) => server.hasMessageId(messageId) });
    expect(recovered).toMatchObject({ recovered: 1, sent: 0 });
    expect(receivedBy(confirmed.email)).toHaveLength(1);
    expect(await messageRow(confirmed.id)).toMatchObject({ status: "sent", providerMessageId: deliveryMessageId(SHOP, confirmed.id, APP_URL), sendingSince: null });
    expect((await deliveryRow(confirmed.id))?.status).toBe("sent");
    expect(await lastHistoryEntry(t.db, SHOP, confirmed.id)).toMatchObject({ to: "sent", action: "send" });

    // Without a record to ask, the outcome is unknown: the message fails for a person to look at, still no second email.
    const unknown = await fresh();
    await expect(sendDueMessages(t.db, SHOP, NOW, { ...deps, transport: crashing(transport) })).rejects.toThrow(/simulated crash/);
    const settled = await sendDueMessages(t.db, SHOP, new Date(NOW.getTime() + 11 * MINUTE), deps);
    expect(settled).toMatchObject({ unknown: 1, sent: 0 });
    expect(receivedBy(unknown.email)).toHaveLength(1);
    const row = await messageRow(unknown.id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/unknown/);
    expect((await deliveryRow(unknown.id))?.status).toBe("unknown");
    expect(await lastHistoryEntry(t.db, SHOP, unknown.id)).toMatchObject({ from: "ready", to: "failed", action: "fail" });
    expect(await sendDueMessages(t.db, SHOP, new Date(NOW.getTime() + 120 * MINUTE), deps)).toMatchObject({ due: 0 });
    expect(receivedBy(unknown.email)).toHaveLength(1);
  });

  it("sends after a crash before the provider got anything, when the record says it never arrived", async () => {
    const dying: EmailTransport = { from: SENDER, close: () => undefined, send: async () => Promise.reject(new Error("simulated crash before the SMTP call")) };
    const message = await fresh();
    await expect(sendDueMessages(t.db, SHOP, NOW, { ...deps, transport: dying })).rejects.toThrow(/simulated crash/);
    expect(receivedBy(message.email)).toHaveLength(0);
    const report = await sendDueMessages(t.db, SHOP, new Date(NOW.getTime() + 11 * MINUTE), { ...deps, lookupAccepted: async (messageId) => server.hasMessageId(messageId) });
    expect(report).toMatchObject({ sent: 1, recovered: 0 });
    expect(receivedBy(message.email)).toHaveLength(1);
    expect(receivedBy(message.email)[0]!.messageId).toBe(deliveryMessageId(SHOP, message.id, APP_URL));
  });

  it("checks consent again at send time and blocks, with the reason in the audit history", async () => {
    const unsubscribed = await fresh();
    const suppressed = await fresh();
    const redacted = await fresh();
    const deleted = await fresh();
    const noEmail = await fresh();
    const fine = await fresh();
    // What changed after review cleared them:
    await t.db.customer.update({ where: { shopId_id: { shopId: SHOP, id: unsubscribed.customerId } }, data: { emailMarketingState: "UNSUBSCRIBED" } });
    await t.db.suppression.create({ data: { shopId: SHOP, customerId: suppressed.customerId, reason: "complaint" } });
    await t.db.customer.update({ where: { shopId_id: { shopId: SHOP, id: redacted.customerId } }, data: { redactedAt: NOW, email: null, emailMarketingState: "REDACTED" } });
    await t.db.customer.update({ where: { shopId_id: { shopId: SHOP, id: deleted.customerId } }, data: { deletedAt: NOW } });
    await t.db.customer.update({ where: { shopId_id: { shopId: SHOP, id: noEmail.customerId } }, data: { email: null } });

    const report = await sendDueMessages(t.db, SHOP, NOW, deps);
    expect(report).toMatchObject({ sent: 1, blocked: 5 });
    expect(receivedBy(fine.email)).toHaveLength(1);
    const expectations: Array<[string, RegExp]> = [
      [unsubscribed.id, /consent is UNSUBSCRIBED/],
      [suppressed.id, /suppressed \(complaint\)/],
      [redacted.id, /erased by a privacy request/],
      [deleted.id, /deleted in Shopify/],
      [noEmail.id, /no email address/],
    ];
    for (const [id, reason] of expectations) {
      expect((await messageRow(id)).status).toBe("blocked");
      const entry = await lastHistoryEntry(t.db, SHOP, id);
      expect(entry).toMatchObject({ from: "ready", to: "blocked", action: "block" });
      expect(entry.note).toMatch(reason);
      expect(await deliveryRow(id)).toBeNull();
    }
    for (const message of [unsubscribed, suppressed, deleted]) expect(receivedBy(message.email)).toHaveLength(0);
  });

  it("retries a 450 with backoff and sends once it is accepted", async () => {
    const message = await fresh();
    replies.set(message.email!, [{ code: 450, message: "4.2.1 Mailbox busy" }]);
    const first = await sendDueMessages(t.db, SHOP, NOW, deps);
    expect(first).toMatchObject({ deferred: 1, sent: 0, stoppedBy: null });
    let row = await messageRow(message.id);
    expect(row).toMatchObject({ status: "ready", attempts: 1, sendingSince: null });
    expect(row.retryAt?.toISOString()).toBe(new Date(NOW.getTime() + 5 * MINUTE).toISOString());
    expect(row.lastError).toMatch(/450/);
    expect((await deliveryRow(message.id))?.status).toBe("deferred");
    expect(await lastHistoryEntry(t.db, SHOP, message.id)).toMatchObject({ to: "ready", action: "route" });

    expect(await sendDueMessages(t.db, SHOP, new Date(NOW.getTime() + 4 * MINUTE), deps)).toMatchObject({ due: 0 });
    const second = await sendDueMessages(t.db, SHOP, new Date(NOW.getTime() + 5 * MINUTE), deps);
    expect(second).toMatchObject({ sent: 1 });
    row = await messageRow(message.id);
    expect(row).toMatchObject({ status: "sent", attempts: 2, retryAt: null, lastError: null });
    expect(receivedBy(message.email)).toHaveLength(1);
  });

  it("fails a message after the last temporary attempt", async () => {
    const message = await fresh();
    replies.set(message.email!, [{ code: 451, message: "4.7.1 Greylisted" }, { code: 451, message: "4.7.1 Greylisted" }]);
    const options = { ...deps, maxAttempts: 2, backoffMs: () => MINUTE };
    expect(await sendDueMessages(t.db, SHOP, NOW, options)).toMatchObject({ deferred: 1 });
    expect(await sendDueMessages(t.db, SHOP, new Date(NOW.getTime() + MINUTE), options)).toMatchObject({ failed: 1 });
    const row = await messageRow(message.id);
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
    const entry = await lastHistoryEntry(t.db, SHOP, message.id);
    expect(entry).toMatchObject({ from: "ready", to: "failed", action: "fail" });
    expect(entry.note).toMatch(/Gave up after 2 attempts.*451/);
    expect(await t.db.suppression.count({ where: { shopId: SHOP, customerId: message.customerId } })).toBe(0);
    expect(receivedBy(message.email)).toHaveLength(0);
  });

  it("fails a hard bounce and suppresses the shopper, so their next message is blocked", async () => {
    const message = await fresh();
    replies.set(message.email!, [{ code: 550, message: "5.1.1 No such user here" }]);
    expect(await sendDueMessages(t.db, SHOP, NOW, deps)).toMatchObject({ failed: 1, stoppedBy: null });
    expect(await messageRow(message.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await lastHistoryEntry(t.db, SHOP, message.id)).note).toMatch(/Hard bounce/);
    expect((await deliveryRow(message.id))?.status).toBe("failed");
    const suppression = await t.db.suppression.findUniqueOrThrow({ where: { shopId_customerId_reason: { shopId: SHOP, customerId: message.customerId, reason: "hard-bounce" } } });
    expect(suppression.detail).toContain("550");

    const next = `${message.id}:next`;
    await sendableMessage(t.db, SHOP, { id: next, customerId: message.customerId, sendAt: NOW });
    expect(await sendDueMessages(t.db, SHOP, NOW, deps)).toMatchObject({ blocked: 1, sent: 0 });
    expect((await lastHistoryEntry(t.db, SHOP, next)).note).toMatch(/hard-bounce/);
    expect(receivedBy(message.email)).toHaveLength(0);
  });

  it("stops the run when the server cannot be reached, costing one attempt to one message", async () => {
    const a = await fresh();
    const b = await fresh();
    const down = transportTo({ host: "127.0.0.1", port: await closedPort() });
    const report = await sendDueMessages(t.db, SHOP, NOW, { ...deps, transport: down });
    expect(report).toMatchObject({ due: 2, deferred: 1, sent: 0 });
    expect(report.stoppedBy).toMatch(/ECONNREFUSED/);
    const rows = await Promise.all([messageRow(a.id), messageRow(b.id)]);
    expect(rows.map((r) => r.attempts).sort()).toEqual([0, 1]);
    expect(rows.every((r) => r.status === "ready" && r.sendingSince === null)).toBe(true);
    // The server is back: both go, once each.
    expect(await sendDueMessages(t.db, SHOP, new Date(NOW.getTime() + 10 * MINUTE), deps)).toMatchObject({ sent: 2 });
    expect(receivedBy(a.email)).toHaveLength(1);
    expect(receivedBy(b.email)).toHaveLength(1);
  });
});

async function closedPort(): Promise<number> {
  const net = await import("node:net");
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
