import { describe, expect, it } from "vitest";
import type { AuditRecord } from "~/domain/governance/audit/auditRecord";
import { governanceKpis } from "~/domain/governance/audit/kpis";
import { ANA, BLOCK, change, CLEAN, HOUR, NOW, PRICE_WRONG, record, SEND, WAIT } from "./fixtures";

const byAna = { by: ANA };
const firstDraft = (result: typeof CLEAN | typeof PRICE_WRONG) => ({ checks: [{ stage: "first-draft" as const, at: NOW, result }] });

/**
 * Eleven hand-made messages. Expected:
 *  decided 7 (auto-sent, auto-ready, auto-failed, approved+sent, edited, rejected, edited-then-approved)
 *  unchanged 4 (the three automatic ones and the plain approval) -> 4/7
 *  first drafts checked 10 (one record has no checks), clean 7 (three had the price wrong) -> 7/10
 *  pending 3, waiting 5h, 10h (since it came back after an edit, not since -30h) and 0h (clock skew)
 */
const SET: Array<[string, AuditRecord]> = [
  ["auto-sent", record("auto-sent", SEND, [change(null, "ready", "route", -50), change("ready", "sent", "send", -49)], firstDraft(CLEAN))],
  ["auto-ready", record("auto-ready", SEND, [change(null, "ready", "route", -3)], firstDraft(CLEAN))],
  ["auto-failed", record("auto-failed", SEND, [change(null, "ready", "route", -3), change("ready", "failed", "fail", -2)], firstDraft(PRICE_WRONG))],
  ["approved", record("approved", WAIT, [change(null, "awaiting-approval", "route", -40), change("awaiting-approval", "approved", "approve", -39, byAna), change("approved", "sent", "send", -38)], firstDraft(CLEAN))],
  ["edited", record("edited", WAIT, [change(null, "awaiting-approval", "route", -40), change("awaiting-approval", "edited-approved", "edit", -39, byAna)], firstDraft(PRICE_WRONG))],
  ["rejected", record("rejected", WAIT, [change(null, "awaiting-approval", "route", -40), change("awaiting-approval", "rejected", "reject", -39, { ...byAna, note: "No." })], firstDraft(CLEAN))],
  [
    "edited-then-approved",
    record("edited-then-approved", WAIT, [
      change(null, "awaiting-approval", "route", -40),
      change("awaiting-approval", "edited-approved", "edit", -39, byAna),
      change("edited-approved", "awaiting-approval", "recheck", -38),
      change("awaiting-approval", "approved", "approve", -37, byAna),
    ], { checks: [] }),
  ],
  ["blocked", record("blocked", BLOCK, [change(null, "blocked", "route", -10)], firstDraft(PRICE_WRONG))],
  ["pending", record("pending", WAIT, [change(null, "awaiting-approval", "route", -5)], firstDraft(CLEAN))],
  [
    "pending-again",
    record("pending-again", WAIT, [
      change(null, "awaiting-approval", "route", -30),
      change("awaiting-approval", "edited-approved", "edit", -20, byAna),
      change("edited-approved", "awaiting-approval", "recheck", -10),
    ], firstDraft(CLEAN)),
  ],
  ["pending-skewed", record("pending-skewed", WAIT, [change(null, "awaiting-approval", "route", 1)], firstDraft(CLEAN))],
];

describe("governance KPIs on a hand-made set", () => {
  const kpis = governanceKpis(SET.map(([, r]) => r), NOW);

  it("decision accuracy: 4 of 7 decided messages needed no human change", () => {
    expect(kpis.decisionAccuracy).toEqual({ numerator: 4, denominator: 7, share: 4 / 7 });
  });

  it("policy compliance: 7 of 10 first drafts passed every check", () => {
    expect(kpis.policyCompliance).toEqual({ numerator: 7, denominator: 10, share: 0.7 });
  });

  it("pending approvals: count, oldest and median wait", () => {
    expect(kpis.pendingApprovals).toEqual({ count: 3, oldestAgeMs: 10 * HOUR, medianAgeMs: 5 * HOUR });
  });
});

describe("each message's part in the KPIs", () => {
  it.each([
    // [record, counts as decided, counts as unchanged, pending]
    ["auto-sent", 1, 1, 0],
    ["auto-ready", 1, 1, 0],
    ["auto-failed", 1, 1, 0],
    ["approved", 1, 1, 0],
    ["edited", 1, 0, 0],
    ["rejected", 1, 0, 0],
    ["edited-then-approved", 1, 0, 0],
    ["blocked", 0, 0, 0],
    ["pending", 0, 0, 1],
    ["pending-again", 0, 0, 1],
  ] as const)("%s", (id, decided, unchanged, pending) => {
    const one = SET.find(([name]) => name === id)?.[1] as AuditRecord;
    const kpis = governanceKpis([one], NOW);
    expect([kpis.decisionAccuracy.denominator, kpis.decisionAccuracy.numerator, kpis.pendingApprovals.count]).toEqual([decided, unchanged, pending]);
  });

  it("an even number of waits has the mean of the middle two as its median", () => {
    const two = SET.filter(([name]) => name === "pending" || name === "pending-again").map(([, r]) => r);
    expect(governanceKpis(two, NOW).pendingApprovals).toEqual({ count: 2, oldestAgeMs: 10 * HOUR, medianAgeMs: 7.5 * HOUR });
  });

  it("with no records every share is null, not 0", () => {
    expect(governanceKpis([], NOW)).toEqual({
      decisionAccuracy: { numerator: 0, denominator: 0, share: null },
      policyCompliance: { numerator: 0, denominator: 0, share: null },
      pendingApprovals: { count: 0, oldestAgeMs: null, medianAgeMs: null },
    });
  });
});
