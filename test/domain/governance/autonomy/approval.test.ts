import { describe, expect, it } from "vitest";
import { applyApprovalAction, type ApprovalAction, type ApprovalErrorCode } from "~/domain/governance/autonomy/approval";
import type { MessageStatus } from "~/domain/governance/autonomy/status";
import { ADMIN, DRAFT, item, NOW, OTHER_SHOP_ADMIN } from "./fixtures";

const BY = { userId: "u-1", email: "ana@shop-a.example" };

describe("approving, rejecting and editing one message", () => {
  it("approve: awaiting -> approved, with who and when", () => {
    expect(applyApprovalAction(item("awaiting-approval"), { kind: "approve" }, ADMIN, NOW)).toEqual({
      ok: true,
      changed: true,
      status: "approved",
      draft: DRAFT,
      recheckRequired: false,
      auditEntry: { at: NOW, from: "awaiting-approval", to: "approved", action: "approve", by: BY, note: null, changedFields: [] },
    });
  });

  it("reject: awaiting -> rejected, keeping the trimmed reason", () => {
    const result = applyApprovalAction(item("awaiting-approval"), { kind: "reject", reason: "  Too pushy for a first message.\n" }, ADMIN, NOW);
    expect(result).toMatchObject({ ok: true, changed: true, status: "rejected", recheckRequired: false });
    expect(result.ok && result.auditEntry).toEqual({ at: NOW, from: "awaiting-approval", to: "rejected", action: "reject", by: BY, note: "Too pushy for a first message.", changedFields: [] });
  });

  it("edit: awaiting -> edited-approved, returns the edited draft and asks for a re-check", () => {
    const result = applyApprovalAction(item("awaiting-approval"), { kind: "edit", changes: { subject: "Running low on cleanser?", signOff: DRAFT.signOff } }, ADMIN, NOW);
    expect(result).toMatchObject({ ok: true, changed: true, status: "edited-approved", recheckRequired: true, draft: { ...DRAFT, subject: "Running low on cleanser?" } });
    // signOff was sent but unchanged: only real changes are recorded
    expect(result.ok && result.auditEntry).toEqual({ at: NOW, from: "awaiting-approval", to: "edited-approved", action: "edit", by: BY, note: null, changedFields: ["subject"] });
  });

  it("edit of nested and list fields records each field changed, sorted", () => {
    const changes = { paragraphs: ["Shorter."], callToAction: { label: "Reorder", url: DRAFT.callToAction.url } };
    const result = applyApprovalAction(item("awaiting-approval"), { kind: "edit", changes }, ADMIN, NOW);
    expect(result.ok && result.auditEntry?.changedFields).toEqual(["callToAction", "paragraphs"]);
  });
});

describe("refusals", () => {
  const cases: Array<[string, MessageStatus, ApprovalAction, ApprovalErrorCode, string | RegExp]> = [
    ["approve a sent message", "sent", { kind: "approve" }, "not-awaiting-approval", "This message was already sent."],
    ["approve a rejected message", "rejected", { kind: "approve" }, "not-awaiting-approval", "This message was already rejected."],
    ["approve a blocked message", "blocked", { kind: "approve" }, "not-awaiting-approval", /blocked by the checks/],
    ["approve a message cleared without review", "ready", { kind: "approve" }, "not-awaiting-approval", /nothing to approve/],
    ["approve a failed message", "failed", { kind: "approve" }, "not-awaiting-approval", /no longer awaiting approval/],
    ["reject an approved message", "approved", { kind: "reject", reason: "Changed my mind" }, "not-awaiting-approval", "This message was already approved."],
    ["reject a sent message", "sent", { kind: "reject", reason: "Too late" }, "not-awaiting-approval", "This message was already sent."],
    ["edit an approved message", "approved", { kind: "edit", changes: { subject: "New" } }, "not-awaiting-approval", "This message was already approved."],
    ["edit an edited message", "edited-approved", { kind: "edit", changes: { subject: "Again" } }, "not-awaiting-approval", "This message was already edited and approved."],
    ["reject without a reason", "awaiting-approval", { kind: "reject", reason: "" }, "reason-required", /Say why/],
    ["reject with only whitespace", "awaiting-approval", { kind: "reject", reason: " \n\t " }, "reason-required", /Say why/],
    ["reject with a reason over 500 characters", "awaiting-approval", { kind: "reject", reason: "x".repeat(501) }, "reason-too-long", "Keep the reason to 500 characters."],
    ["edit that changes nothing", "awaiting-approval", { kind: "edit", changes: { subject: DRAFT.subject } }, "no-changes", /approve the message instead/],
    ["edit with no fields", "awaiting-approval", { kind: "edit", changes: {} }, "no-changes", /changes nothing/],
    ["edit to an empty subject", "awaiting-approval", { kind: "edit", changes: { subject: "" } }, "invalid-edit", /\(subject\)/],
    ["edit with a bad link", "awaiting-approval", { kind: "edit", changes: { callToAction: { label: "Go", url: "not a url" } } }, "invalid-edit", /callToAction\.url/],
    ["edit of an unknown field", "awaiting-approval", { kind: "edit", changes: { html: "<b>hi</b>" } as never }, "invalid-edit", /not valid/],
  ];
  it.each(cases)("%s", (_name, status, action, code, message) => {
    const result = applyApprovalAction(item(status), action, ADMIN, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
  });

  it("a reason of exactly 500 characters (emoji count as one) is accepted", () => {
    const reason = "🙂".repeat(500);
    expect(applyApprovalAction(item("awaiting-approval"), { kind: "reject", reason }, ADMIN, NOW)).toMatchObject({ ok: true, status: "rejected" });
  });
});

describe("repeating the action that already happened is a no-op", () => {
  it.each([
    ["approve an approved message", "approved", { kind: "approve" }],
    ["approve an edited-and-approved message", "edited-approved", { kind: "approve" }],
    ["reject a rejected message (the first reason stays)", "rejected", { kind: "reject", reason: "Another reason" }],
  ] as const)("%s", (_name, status, action) => {
    expect(applyApprovalAction(item(status), action, { ...ADMIN, userId: "u-2" }, NOW)).toEqual({
      ok: true,
      changed: false,
      status,
      draft: DRAFT,
      recheckRequired: false,
      auditEntry: null,
    });
  });
});

describe("tenancy", () => {
  it.each([
    ["approve", { kind: "approve" }, "awaiting-approval"],
    ["reject", { kind: "reject", reason: "Not ours" }, "awaiting-approval"],
    ["edit", { kind: "edit", changes: { subject: "Hijacked" } }, "awaiting-approval"],
    // checked before the status, so another shop cannot even learn the message was sent
    ["approve a sent one", { kind: "approve" }, "sent"],
    ["repeat an approval", { kind: "approve" }, "approved"],
  ] as const)("an admin of shop B cannot %s shop A's message", (_name, action, status) => {
    expect(applyApprovalAction(item(status), action, OTHER_SHOP_ADMIN, NOW)).toEqual({
      ok: false,
      error: { code: "other-shop", message: "This message belongs to another shop." },
    });
  });
});
