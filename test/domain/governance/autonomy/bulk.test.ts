import { describe, expect, it } from "vitest";
import type { ApprovalAction } from "~/domain/governance/autonomy/approval";
import { applyBulk } from "~/domain/governance/autonomy/bulk";
import { ADMIN, item, NOW } from "./fixtures";

const QUEUE = [
  item("awaiting-approval", { messageId: "m-1" }),
  item("sent", { messageId: "m-2" }),
  item("awaiting-approval", { messageId: "m-3", shopId: "shop-b" }),
  item("awaiting-approval", { messageId: "m-4" }),
  item("approved", { messageId: "m-5" }),
];

/** Per message: the status after, or the error code. */
function outcome(action: ApprovalAction) {
  const bulk = applyBulk(QUEUE, action, ADMIN, NOW);
  return { summary: [bulk.succeeded, bulk.failed], results: bulk.results.map(({ messageId, result }) => [messageId, result.ok ? result.status : result.error.code]) };
}

describe("bulk actions: one bad item does not stop the rest", () => {
  it.each([
    [
      "approve",
      { kind: "approve" },
      [3, 2],
      [["m-1", "approved"], ["m-2", "not-awaiting-approval"], ["m-3", "other-shop"], ["m-4", "approved"], ["m-5", "approved"]],
    ],
    [
      "reject",
      { kind: "reject", reason: "Off-season" },
      [2, 3],
      [["m-1", "rejected"], ["m-2", "not-awaiting-approval"], ["m-3", "other-shop"], ["m-4", "rejected"], ["m-5", "not-awaiting-approval"]],
    ],
    [
      "edit",
      { kind: "edit", changes: { signOff: "Warmly, Glow" } },
      [2, 3],
      [["m-1", "edited-approved"], ["m-2", "not-awaiting-approval"], ["m-3", "other-shop"], ["m-4", "edited-approved"], ["m-5", "not-awaiting-approval"]],
    ],
    [
      "reject without a reason",
      { kind: "reject", reason: "   " },
      [0, 5],
      [["m-1", "reason-required"], ["m-2", "not-awaiting-approval"], ["m-3", "other-shop"], ["m-4", "reason-required"], ["m-5", "not-awaiting-approval"]],
    ],
  ] as const)("%s", (_name, action, summary, results) => {
    expect(outcome(action)).toEqual({ summary, results });
  });

  it("audits each change once, and not the message that was already approved", () => {
    const bulk = applyBulk(QUEUE, { kind: "approve" }, ADMIN, NOW);
    expect(bulk.results.map(({ result }) => (result.ok ? result.auditEntry?.to ?? "no entry" : "refused"))).toEqual(["approved", "refused", "refused", "approved", "no entry"]);
  });

  it("the same message selected twice is approved once; the second is a no-op", () => {
    const bulk = applyBulk([item("awaiting-approval"), item("awaiting-approval")], { kind: "approve" }, ADMIN, NOW);
    expect(bulk.results.map(({ result }) => result.ok && [result.changed, result.auditEntry?.action ?? null])).toEqual([
      [true, "approve"],
      [false, null],
    ]);
  });

  it("an empty selection does nothing", () => {
    expect(applyBulk([], { kind: "approve" }, ADMIN, NOW)).toEqual({ results: [], succeeded: 0, failed: 0 });
  });
});
