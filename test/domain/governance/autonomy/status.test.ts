import { describe, expect, it } from "vitest";
import { canTransition, initialStatus, isFinal, isSendable, MESSAGE_STATUSES, type MessageStatus } from "~/domain/governance/autonomy/status";
import { statusAfterRecheck, systemTransition } from "~/domain/governance/autonomy/systemTransition";
import { NOW } from "./fixtures";

describe("message statuses", () => {
  const allowed: Array<[MessageStatus, MessageStatus]> = [
    ["awaiting-approval", "approved"],
    ["awaiting-approval", "edited-approved"],
    ["awaiting-approval", "rejected"],
    ["awaiting-approval", "blocked"],
    ["approved", "sent"],
    ["approved", "failed"],
    ["approved", "blocked"],
    ["edited-approved", "ready"],
    ["edited-approved", "blocked"],
    ["edited-approved", "awaiting-approval"],
    ["ready", "sent"],
    ["ready", "failed"],
    ["ready", "blocked"],
    ["failed", "ready"],
  ];
  const key = (from: MessageStatus, to: MessageStatus) => `${from}->${to}`;
  const allowedKeys = new Set(allowed.map(([from, to]) => key(from, to)));
  const every = MESSAGE_STATUSES.flatMap((from) => MESSAGE_STATUSES.map((to) => [from, to] as [MessageStatus, MessageStatus]));

  it.each(every)("%s -> %s is allowed only if listed", (from, to) => {
    expect(canTransition(from, to)).toBe(allowedKeys.has(key(from, to)));
  });

  it.each([
    ["approved", true, false],
    ["ready", true, false],
    ["edited-approved", false, false],
    ["awaiting-approval", false, false],
    ["failed", false, false],
    ["sent", false, true],
    ["rejected", false, true],
    ["blocked", false, true],
  ] as const)("%s: sendable %s, final %s", (status, sendable, final) => {
    expect(isSendable(status)).toBe(sendable);
    expect(isFinal(status)).toBe(final);
  });

  it.each([
    ["send", "ready"],
    ["await-approval", "awaiting-approval"],
    ["block", "blocked"],
  ] as const)("a message routed %s starts %s", (route, status) => {
    expect(initialStatus(route)).toBe(status);
  });
});

describe("system transitions", () => {
  it("record the change with no actor", () => {
    expect(systemTransition("approved", "sent", "send", NOW)).toEqual({
      ok: true,
      status: "sent",
      auditEntry: { at: NOW, from: "approved", to: "sent", action: "send", by: null, note: null, changedFields: [] },
    });
  });

  it.each([
    ["sent", "ready", "retry"],
    ["rejected", "approved", "recheck"],
    ["awaiting-approval", "sent", "send"],
    ["edited-approved", "sent", "send"],
  ] as const)("refuse %s -> %s", (from, to, action) => {
    expect(systemTransition(from, to, action, NOW)).toEqual({ ok: false, error: `A message that is ${from} cannot become ${to}.` });
  });

  it.each([
    ["pass", "ready"],
    ["block", "blocked"],
    ["rewrite", "awaiting-approval"],
    ["template", "awaiting-approval"],
  ] as const)("after the critic re-checks an edit with %s, the message is %s", (outcome, status) => {
    expect(statusAfterRecheck(outcome)).toBe(status);
    expect(canTransition("edited-approved", status)).toBe(true);
  });
});
