import { describe, expect, it } from "vitest";
import { applyApprovalAction } from "~/domain/governance/autonomy/approval";
import { systemTransition } from "~/domain/governance/autonomy/systemTransition";
import { AuditRecord, buildAuditRecord, recordCheck, recordStatusChange, type AuditPieces } from "~/domain/governance/audit/auditRecord";
import { ANA, at, BLOCK, CLEAN, HASH, NOW, planned, PRICE_WRONG, SEND, WAIT } from "./fixtures";

const PIECES: AuditPieces = {
  shopId: "shop-a",
  planned: planned(),
  currencyCode: "USD",
  routing: WAIT,
  checks: [
    { stage: "first-draft", at: NOW, result: PRICE_WRONG },
    { stage: "template", at: NOW, result: CLEAN },
  ],
  copy: { engine: "llm", model: "gpt-4.1-mini", modelVersion: "2025-04-14", promptSha256: HASH },
  createdAt: NOW,
};

describe("building an audit record", () => {
  it("takes inputs, reasoning, action and impact from the trace, and starts the history at routing", () => {
    const record = buildAuditRecord(PIECES);
    expect(record).toEqual({
      id: "prop-1",
      shopId: "shop-a",
      customerId: "c-1",
      agent: "replenishment",
      objectiveId: "obj-1",
      subject: "Skin care > Cleansers",
      messageType: "replenishment-reminder",
      createdAt: NOW,
      sendAt: at(1),
      status: "awaiting-approval",
      inputs: { lastPurchaseDaysAgo: 40, usualDaysBetween: 30 },
      reasoning: ["Buys cleanser about every 30 days.", "Last bought 40 days ago."],
      action: "Email a reminder for the Daily Gel Cleanser.",
      expectedImpact: {
        summary: "About $1.30 in extra revenue.",
        incrementalRevenueMinor: 130,
        currencyCode: "USD",
        method: "P(purchase uplift) = 0.05 x $26.00",
        probabilityUplift: 0.05,
        discount: null,
        discountCostMinor: 0,
      },
      routing: { route: "await-approval", level: "assisted", levelSource: "default", reasons: ["Messages wait for your approval (assisted, your default)."] },
      checks: [
        { stage: "first-draft", at: NOW, ...PRICE_WRONG },
        { stage: "template", at: NOW, ...CLEAN },
      ],
      copy: { engine: "llm", model: "gpt-4.1-mini", modelVersion: "2025-04-14", promptSha256: HASH },
      approval: null,
      history: [{ at: NOW, from: null, to: "awaiting-approval", action: "route", by: null, note: "Messages wait for your approval (assisted, your default).", changedFields: [] }],
    });
  });

  it.each([
    ["send", SEND, "ready"],
    ["await-approval", WAIT, "awaiting-approval"],
    ["block", BLOCK, "blocked"],
  ] as const)("a message routed %s starts %s", (_route, routing, status) => {
    expect(buildAuditRecord({ ...PIECES, routing }).status).toBe(status);
  });

  it.each([
    ["LLM copy without a model", { engine: "llm", modelVersion: "v1", promptSha256: HASH }, /model/],
    ["LLM copy without a version", { engine: "llm", model: "m", promptSha256: HASH }, /modelVersion/],
    ["LLM copy without the prompt hash", { engine: "llm", model: "m", modelVersion: "v1" }, /promptSha256/],
    ["a hash that is not 64 hex digits", { engine: "llm", model: "m", modelVersion: "v1", promptSha256: "abc" }, /SHA-256/],
    ["an uppercase hash", { engine: "llm", model: "m", modelVersion: "v1", promptSha256: "A".repeat(64) }, /SHA-256/],
  ] as const)("refuses %s", (_name, copy, message) => {
    expect(() => buildAuditRecord({ ...PIECES, copy })).toThrow(message);
  });

  it("template copy needs no model or hash", () => {
    expect(buildAuditRecord({ ...PIECES, copy: { engine: "template" } }).copy).toEqual({ engine: "template", model: null, modelVersion: null, promptSha256: null });
  });
});

describe("following a message through approval and sending", () => {
  it("records each state change, who approved it and when", () => {
    let record = buildAuditRecord(PIECES);
    const item = { messageId: record.id, shopId: record.shopId, status: record.status, draft: { subject: "s", preheader: "", greeting: "", paragraphs: ["p"], callToAction: { label: "Go", url: "https://x.example" }, productIds: [], signOff: "" } };
    const approval = applyApprovalAction(item, { kind: "approve" }, { shopId: "shop-a", ...ANA }, at(2));
    if (!approval.ok || approval.auditEntry === null) throw new Error("expected an approval");
    record = recordStatusChange(record, approval.auditEntry);
    const sent = systemTransition(record.status, "sent", "send", at(3));
    if (!sent.ok) throw new Error(sent.error);
    record = recordStatusChange(record, sent.auditEntry);

    expect(record.status).toBe("sent");
    expect(record.approval).toEqual({ decision: "approved", by: ANA, at: at(2), reason: null });
    expect(record.history.map((h) => [h.to, h.at.toISOString(), h.by?.userId ?? "system"])).toEqual([
      ["awaiting-approval", NOW.toISOString(), "system"],
      ["approved", at(2).toISOString(), "u-1"],
      ["sent", at(3).toISOString(), "system"],
    ]);
    expect(AuditRecord.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it("a rejection keeps its reason in the approval summary", () => {
    const record = recordStatusChange(buildAuditRecord(PIECES), { at: at(1), from: "awaiting-approval", to: "rejected", action: "reject", by: ANA, note: "Wrong season.", changedFields: [] });
    expect(record.approval).toEqual({ decision: "rejected", by: ANA, at: at(1), reason: "Wrong season." });
  });

  it("an edit re-checked by the critic keeps the edit as the human decision", () => {
    let record = buildAuditRecord(PIECES);
    record = recordStatusChange(record, { at: at(1), from: "awaiting-approval", to: "edited-approved", action: "edit", by: ANA, note: null, changedFields: ["subject"] });
    record = recordCheck(record, "edit", at(1), CLEAN);
    record = recordStatusChange(record, { at: at(1), from: "edited-approved", to: "ready", action: "recheck", by: null, note: null, changedFields: [] });
    expect(record.status).toBe("ready");
    expect(record.approval?.decision).toBe("edited-approved");
    expect(record.checks.map((c) => c.stage)).toEqual(["first-draft", "template", "edit"]);
  });

  it("refuses a change that does not start where the record is", () => {
    expect(() => recordStatusChange(buildAuditRecord(PIECES), { at: at(1), from: "approved", to: "sent", action: "send", by: null, note: null, changedFields: [] })).toThrow(/does not follow awaiting-approval/);
  });

  it.each([
    ["a status the history does not end at", { status: "sent" }, /disagrees with the history/],
    ["an approval the history does not show", { approval: { decision: "approved", by: ANA, at: NOW, reason: null } }, /approval disagrees/],
    ["an empty history", { history: [] }, /history/],
  ])("the schema refuses %s", (_name, changes, message) => {
    const stored = JSON.parse(JSON.stringify(buildAuditRecord(PIECES)));
    const result = AuditRecord.safeParse({ ...stored, ...changes });
    expect(result.success).toBe(false);
    expect(result.error?.message).toMatch(message);
  });
});
