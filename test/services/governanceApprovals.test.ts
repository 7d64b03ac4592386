import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditRecord } from "~/domain/governance/audit";
import { MessageDraft } from "~/domain/content/messageDraft";
import { decideMessage, decideMessages, governanceActor, listApprovalQueue, SHOP_ADMIN_USER_ID, splitParagraphs } from "~/services/governance/approvals.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { createGovernanceShop, insertMessage, plainDraft } from "../support/governanceMessages";

const A = "shop-a.myshopify.com";
const B = "shop-b.myshopify.com";
const T0 = new Date("2026-11-20T09:00:00Z");
const NOW = new Date("2026-11-25T12:00:00Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

const ANA = governanceActor({ shop: A, user: { id: "user-ana", email: "ana@shop-a.example" } });
const BEN = governanceActor({ shop: B, user: { id: "user-ben", email: "ben@shop-b.example" } });

/**
 * The approval queue and its actions on both databases, over Message rows written as planning
 * writes them: approve, reject (a reason required), edit and the critic's re-check, bulk actions
 * where one item is refused, another shop's ids refused without a trace, and optimistic writes.
 */
describe.each(DATABASE_KINDS)("approvals on %s", (kind) => {
  let t: TestDatabase;
  const row = (shopId: string, id: string) => t.db.message.findUniqueOrThrow({ where: { shopId_id: { shopId, id } } });
  const audit = async (shopId: string, id: string) => AuditRecord.parse(JSON.parse((await row(shopId, id)).audit));

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await createGovernanceShop(t.db, A);
    await createGovernanceShop(t.db, B, "Other shop");
    await t.db.customer.create({ data: { shopId: A, id: "c-1", firstName: "Ana", lastName: "Lima", email: "ana.lima@example.org" } });
    // Created out of order: the queue is oldest first by the time each started waiting.
    for (const [id, hours] of [["approve-me", 3], ["reject-me", 1], ["edit-ok", 4], ["edit-evil", 5], ["bulk-1", 6], ["bulk-2", 7], ["race", 8], ["stale", 9], ["shared-id", 2]] as const) {
      await insertMessage(t.db, { shopId: A, id, createdAt: at(hours), customerId: "c-1" });
    }
    await insertMessage(t.db, {
      shopId: A,
      id: "flagged",
      createdAt: at(0),
      customerId: "c-2",
      agent: "loyalty",
      violations: [{ rule: "voice.banned-words", kind: "policy", remedy: "rewrite", message: 'The copy says "cheap", which your voice rules ban.', evidence: "cheap" }],
    });
    await insertMessage(t.db, { shopId: A, id: "already-ready", createdAt: at(0), status: "ready" });
    await insertMessage(t.db, { shopId: B, id: "b-secret", createdAt: at(1), customerId: "c-9" });
    await insertMessage(t.db, { shopId: B, id: "shared-id", createdAt: at(1), customerId: "c-9" });
  }, 120_000);
  afterAll(() => t?.drop());

  it("lists the shop's own queue oldest first, with customer, reasons, findings and the draft, a page at a time", async () => {
    const first = await listApprovalQueue(t.db, A, { pageSize: 3 });
    expect(first.total).toBe(10);
    expect(first.pageCount).toBe(4);
    expect(first.rows.map((r) => r.id)).toEqual(["flagged", "reject-me", "shared-id"]);
    const flagged = first.rows[0]!;
    expect(flagged).toMatchObject({ customerName: "Customer c-2", agent: "loyalty", reasons: ["Messages wait for your approval (assisted, your default)."] });
    expect(flagged.violations).toEqual([expect.objectContaining({ rule: "voice.banned-words", stage: "first-draft" })]);
    expect(first.rows[1]).toMatchObject({ customerName: "Ana Lima", draft: plainDraft(A) });
    const last = await listApprovalQueue(t.db, A, { pageSize: 3, page: 4 });
    expect(last.rows.map((r) => r.id)).toEqual(["stale"]);
    // Never another shop's, never a message that is not waiting.
    const all = await listApprovalQueue(t.db, A, { pageSize: 100 });
    expect(all.rows.map((r) => r.id)).not.toContain("b-secret");
    expect(all.rows.map((r) => r.id)).not.toContain("already-ready");
    expect((await listApprovalQueue(t.db, B)).rows.map((r) => r.id).sort()).toEqual(["b-secret", "shared-id"]);
  });

  it("approves: the status, who and when in the audit trail, no longer waiting; approving again changes nothing", async () => {
    const result = await decideMessage(t.db, ANA, { messageId: "approve-me" }, { kind: "approve" }, NOW);
    expect(result).toEqual({ messageId: "approve-me", ok: true, changed: true, status: "approved", recheck: null });
    const stored = await row(A, "approve-me");
    expect(stored).toMatchObject({ status: "approved", awaitingSince: null });
    const record = AuditRecord.parse(JSON.parse(stored.audit));
    expect(record.status).toBe("approved");
    expect(record.approval).toEqual({ decision: "approved", by: { userId: "user-ana", email: "ana@shop-a.example" }, at: NOW, reason: null });
    expect(record.history.at(-1)).toMatchObject({ from: "awaiting-approval", to: "approved", action: "approve" });

    const again = await decideMessage(t.db, ANA, { messageId: "approve-me", seen: "2000-01-01T00:00:00.000Z" }, { kind: "approve" }, new Date(NOW.getTime() + HOUR));
    expect(again).toMatchObject({ ok: true, changed: false, status: "approved" });
    expect((await audit(A, "approve-me")).history).toHaveLength(2);
  });

  it("refuses a rejection without a reason and changes nothing; with a reason, rejects and keeps it", async () => {
    const before = await row(A, "reject-me");
    for (const reason of ["", "   \n "]) {
      const refused = await decideMessage(t.db, ANA, { messageId: "reject-me" }, { kind: "reject", reason }, NOW);
      expect(refused).toMatchObject({ ok: false, code: "reason-required" });
    }
    expect(await row(A, "reject-me")).toEqual(before);

    const reason = 'Too pushy, "again", for a loyal customer';
    const rejected = await decideMessage(t.db, ANA, { messageId: "reject-me", seen: before.updatedAt.toISOString() }, { kind: "reject", reason: `  ${reason} ` }, NOW);
    expect(rejected).toMatchObject({ ok: true, changed: true, status: "rejected" });
    const record = await audit(A, "reject-me");
    expect(record.approval).toMatchObject({ decision: "rejected", reason, by: { userId: "user-ana" } });
    expect(await row(A, "reject-me")).toMatchObject({ status: "rejected", awaitingSince: null });
    // Approving a rejected message is refused with the reason why.
    expect(await decideMessage(t.db, ANA, { messageId: "reject-me" }, { kind: "approve" }, NOW)).toMatchObject({ ok: false, code: "not-awaiting-approval", message: "This message was already rejected." });
  });

  it("an innocuous edit is re-checked by the critic and cleared to send", async () => {
    const result = await decideMessage(t.db, ANA, { messageId: "edit-ok" }, { kind: "edit", edit: { subject: "A little something for you", callToActionLabel: "Have a look" } }, NOW);
    expect(result).toMatchObject({ ok: true, changed: true, status: "ready", recheck: { violations: [] } });
    const stored = await row(A, "edit-ok");
    expect(stored.status).toBe("ready");
    expect(stored.awaitingSince).toBeNull();
    const draft = MessageDraft.parse(JSON.parse(stored.draft));
    expect(draft).toEqual({ ...plainDraft(A), subject: "A little something for you", callToAction: { ...plainDraft(A).callToAction, label: "Have a look" } });
    const record = await audit(A, "edit-ok");
    expect(record.history.slice(1).map((h) => [h.action, h.to, h.by?.userId ?? null])).toEqual([
      ["edit", "edited-approved", "user-ana"],
      ["recheck", "ready", null],
    ]);
    expect(record.history[1]!.changedFields).toEqual(["callToAction", "subject"]);
    expect(record.checks.map((c) => c.stage)).toEqual(["first-draft", "edit"]);
  });

  it("an edit that adds an off-domain link is caught by the re-check and does not become sendable", async () => {
    const paragraphs = splitParagraphs("We picked a few things you might like.\r\n\r\nMore at https://evil.example today.\n\n");
    expect(paragraphs).toEqual(["We picked a few things you might like.", "More at https://evil.example today."]);
    const result = await decideMessage(t.db, ANA, { messageId: "edit-evil" }, { kind: "edit", edit: { paragraphs } }, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(["awaiting-approval", "blocked"]).toContain(result.status);
    expect(result.recheck?.violations.map((v) => v.rule)).toContain("safety.off-domain-link");
    const stored = await row(A, "edit-evil");
    expect(stored.status).toBe(result.status);
    if (result.status === "awaiting-approval") {
      expect(stored.awaitingSince).toEqual(NOW);
      const queued = (await listApprovalQueue(t.db, A, { pageSize: 100 })).rows.find((r) => r.id === "edit-evil");
      expect(queued?.violations.map((v) => [v.rule, v.stage])).toEqual([["safety.off-domain-link", "edit"]]);
      expect(queued?.draft.paragraphs[1]).toContain("https://evil.example");
    }
    expect((await audit(A, "edit-evil")).checks.at(-1)?.violations.map((v) => v.rule)).toContain("safety.off-domain-link");
  });

  it("an edit that changes nothing, or breaks the draft, is refused", async () => {
    const before = await row(A, "bulk-1");
    expect(await decideMessage(t.db, ANA, { messageId: "bulk-1" }, { kind: "edit", edit: { subject: plainDraft(A).subject } }, NOW)).toMatchObject({ ok: false, code: "no-changes" });
    expect(await decideMessage(t.db, ANA, { messageId: "bulk-1" }, { kind: "edit", edit: { subject: "  " } }, NOW)).toMatchObject({ ok: false, code: "invalid-edit" });
    expect(await decideMessage(t.db, ANA, { messageId: "bulk-1" }, { kind: "edit", edit: { paragraphs: [] } }, NOW)).toMatchObject({ ok: false, code: "invalid-edit" });
    expect(await row(A, "bulk-1")).toEqual(before);
  });

  it("bulk approves what it can: one refused item does not stop the others, and each says why", async () => {
    const otherBefore = await row(B, "b-secret");
    const report = await decideMessages(
      t.db,
      ANA,
      [{ messageId: "bulk-1" }, { messageId: "already-ready" }, { messageId: "b-secret" }, { messageId: "bulk-2" }, { messageId: "bulk-1" }, { messageId: "no-such-message" }],
      { kind: "approve" },
      NOW,
    );
    expect(report.results.map((r) => [r.messageId, r.ok ? r.status : r.code])).toEqual([
      ["bulk-1", "approved"],
      ["already-ready", "not-awaiting-approval"],
      ["b-secret", "not-found"],
      ["bulk-2", "approved"],
      ["bulk-1", "approved"],
      ["no-such-message", "not-found"],
    ]);
    expect(report).toMatchObject({ succeeded: 3, failed: 3 });
    // The repeated id is a no-op, not a second audit entry.
    expect(report.results[4]).toMatchObject({ ok: true, changed: false });
    expect((await audit(A, "bulk-1")).history.filter((h) => h.action === "approve")).toHaveLength(1);
    expect((await row(A, "bulk-2")).status).toBe("approved");
    expect((await row(A, "already-ready")).status).toBe("ready");
    expect(await row(B, "b-secret")).toEqual(otherBefore);
  });

  it("bulk reject needs a reason for every item and records it on each", async () => {
    await insertMessage(t.db, { shopId: A, id: "bulk-3", createdAt: at(10) });
    await insertMessage(t.db, { shopId: A, id: "bulk-4", createdAt: at(11) });
    const refused = await decideMessages(t.db, ANA, [{ messageId: "bulk-3" }, { messageId: "bulk-4" }], { kind: "reject", reason: " " }, NOW);
    expect(refused).toMatchObject({ succeeded: 0, failed: 2 });
    expect((await row(A, "bulk-3")).status).toBe("awaiting-approval");
    const done = await decideMessages(t.db, ANA, [{ messageId: "bulk-3" }, { messageId: "bulk-4" }], { kind: "reject", reason: "Season is over" }, NOW);
    expect(done).toMatchObject({ succeeded: 2, failed: 0 });
    for (const id of ["bulk-3", "bulk-4"]) expect((await audit(A, id)).approval).toMatchObject({ decision: "rejected", reason: "Season is over" });
  });

  it("an admin of one shop cannot act on another shop's message, and learns nothing about it", async () => {
    const before = await row(B, "b-secret");
    for (const action of [{ kind: "approve" }, { kind: "reject", reason: "no" }, { kind: "edit", edit: { subject: "hijacked" } }] as const) {
      const result = await decideMessage(t.db, ANA, { messageId: "b-secret" }, action, NOW);
      expect(result).toMatchObject({ ok: false, code: "not-found" });
      if (!result.ok) expect(result.message).toMatch(/not in your shop/);
    }
    expect(await row(B, "b-secret")).toEqual(before);

    // The same id in both shops: each admin reaches only their own row.
    const theirs = await row(B, "shared-id");
    expect(await decideMessage(t.db, ANA, { messageId: "shared-id" }, { kind: "reject", reason: "Not for us" }, NOW)).toMatchObject({ ok: true, status: "rejected" });
    expect(await row(B, "shared-id")).toEqual(theirs);
    expect(await decideMessage(t.db, BEN, { messageId: "shared-id" }, { kind: "approve" }, NOW)).toMatchObject({ ok: true, status: "approved" });
    expect((await audit(B, "shared-id")).approval?.by).toEqual({ userId: "user-ben", email: "ben@shop-b.example" });
    expect((await row(A, "shared-id")).status).toBe("rejected");
  });

  it("refuses to overwrite a message that changed since it was shown, and lets only one of two simultaneous decisions win", async () => {
    // The page showed the message as it was at T0.
    await t.db.message.update({ where: { shopId_id: { shopId: A, id: "stale" } }, data: { updatedAt: T0 } });
    const shown = (await row(A, "stale")).updatedAt.toISOString();
    expect(shown).toBe(T0.toISOString());
    // Someone else (a session without a user: the shop's admin) edits its copy; the critic sends it
    // back to the queue, so the status is the same as shown, but the copy is not.
    const edited = await decideMessage(t.db, governanceActor({ shop: A, user: null }), { messageId: "stale" }, { kind: "edit", edit: { paragraphs: ["Visit cheap-deals.example now."] } }, NOW);
    expect(edited).toMatchObject({ ok: true, status: "awaiting-approval" });
    const before = await row(A, "stale");
    const stale = await decideMessage(t.db, ANA, { messageId: "stale", seen: shown }, { kind: "approve" }, NOW);
    expect(stale).toMatchObject({ ok: false, code: "changed-meanwhile" });
    expect(await row(A, "stale")).toEqual(before);
    expect((await audit(A, "stale")).history.find((h) => h.action === "edit")?.by).toEqual({ userId: SHOP_ADMIN_USER_ID, email: null });

    const [first, second] = await Promise.all([
      decideMessage(t.db, ANA, { messageId: "race" }, { kind: "approve" }, NOW),
      decideMessage(t.db, ANA, { messageId: "race" }, { kind: "reject", reason: "Changed my mind" }, NOW),
    ]);
    const outcomes = [first, second];
    const winners = outcomes.filter((o) => o.ok && o.changed);
    expect(winners).toHaveLength(1);
    const loser = outcomes.find((o) => !(o.ok && o.changed))!;
    expect(loser.ok ? "ok" : loser.code).toMatch(/changed-meanwhile|not-awaiting-approval/);
    const record = await audit(A, "race");
    expect(record.history.filter((h) => h.by !== null)).toHaveLength(1);
    expect(record.status).toBe(winners[0]!.ok ? winners[0]!.status : "?");
  });
});
