import { z } from "zod";

/**
 * The life of a planned message after governance has looked at it.
 *
 *   awaiting-approval --approve--> approved ---------------> sent | failed
 *                     --edit-----> edited-approved --recheck--> ready | blocked | awaiting-approval
 *                     --reject---> rejected
 *   (routed "send") -> ready ---------------------------> sent | failed
 *   (routed "block") -> blocked
 *
 * "edited-approved" is deliberately NOT sendable: a person changed the copy, so the critic must
 * check it again (facts, voice, links) before it can go; the recheck moves it on. "approved" and
 * "ready" are the only sendable states: approved by a person, or cleared by the system. Sent,
 * rejected and blocked are final; a failed send may be retried (back to ready). A message already
 * cleared may still be blocked at the last moment (the shopper unsubscribed in between).
 */
export const MESSAGE_STATUSES = ["awaiting-approval", "approved", "edited-approved", "rejected", "ready", "blocked", "sent", "failed"] as const;
export const MessageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const STATUS_TRANSITIONS: Readonly<Record<MessageStatus, readonly MessageStatus[]>> = {
  "awaiting-approval": ["approved", "edited-approved", "rejected", "blocked"],
  approved: ["sent", "failed", "blocked"],
  "edited-approved": ["ready", "blocked", "awaiting-approval"],
  rejected: [],
  ready: ["sent", "failed", "blocked"],
  blocked: [],
  sent: [],
  failed: ["ready"],
};

export function canTransition(from: MessageStatus, to: MessageStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

export function isSendable(status: MessageStatus): boolean {
  return status === "approved" || status === "ready";
}

export function isFinal(status: MessageStatus): boolean {
  return STATUS_TRANSITIONS[status].length === 0;
}

/** The status a freshly routed message starts in. */
export function initialStatus(route: "send" | "await-approval" | "block"): MessageStatus {
  return route === "send" ? "ready" : route === "block" ? "blocked" : "awaiting-approval";
}
