import type { Db } from "~/db.server";
import type { AgentName } from "~/domain/agents/contract";
import type { MessageDraft } from "~/domain/content/messageDraft";
import { buildAuditRecord, type AuditRecord } from "~/domain/governance/audit";
import type { RoutingDecision } from "~/domain/governance/autonomy";
import type { Violation } from "~/domain/governance/violation";

/**
 * Message rows as planning writes them (reviewMessages.server.ts), built by hand with the domain's
 * buildAuditRecord so governance tests control every column: status, agent, customer, times and
 * the first draft's findings. The copy is plain and names no product, price, number or date, so
 * the critic passes it against its empty brief; the call to action goes to the shop's own domain.
 */
export const CHECKED = ["facts.price", "safety.off-domain-link", "voice.banned-words", "suppression.consent"];

const ROUTING: Record<"awaiting-approval" | "ready" | "blocked", RoutingDecision> = {
  "awaiting-approval": { route: "await-approval", level: "assisted", levelSource: "default", reasons: ["Messages wait for your approval (assisted, your default)."] },
  ready: { route: "send", level: "autonomous", levelSource: "default", reasons: ["Sent without review: messages run autonomously, your default, and the critic passed the copy."] },
  blocked: { route: "block", level: "assisted", levelSource: "default", reasons: ["The critic blocked this message; it will not be sent."] },
};

export function shopDomain(shopId: string): string {
  return `www.${shopId.replace(/\.myshopify\.com$/, "")}.example`;
}

export async function createGovernanceShop(db: Db, shopId: string, name = "Fern & Moss"): Promise<void> {
  await db.shop.create({ data: { id: shopId, name, currencyCode: "USD", ianaTimezone: "UTC", primaryDomain: shopDomain(shopId) } });
}

export function plainDraft(shopId: string, overrides: Partial<MessageDraft> = {}): MessageDraft {
  return {
    subject: "Something new for you",
    preheader: "A note from the shop",
    greeting: "Hello,",
    paragraphs: ["We picked a few things you might like.", "Take a look when you have a moment."],
    callToAction: { label: "Visit the shop", url: `https://${shopDomain(shopId)}/collections/all` },
    productIds: [],
    signOff: "The team",
    ...overrides,
  };
}

export type MessageSpec = {
  shopId: string;
  id: string;
  customerId?: string;
  agent?: AgentName;
  status?: "awaiting-approval" | "ready" | "blocked";
  createdAt: Date;
  subject?: string;
  reasoning?: string[];
  /** Findings of the first draft (none: it passed). */
  violations?: Violation[];
  draft?: MessageDraft;
};

export function auditRecordFor(spec: MessageSpec): AuditRecord {
  const status = spec.status ?? "awaiting-approval";
  const customerId = spec.customerId ?? "c-1";
  const agent = spec.agent ?? "replenishment";
  return buildAuditRecord({
    shopId: spec.shopId,
    planned: {
      proposal: {
        id: spec.id,
        customerId,
        agent,
        subject: spec.subject ?? "Skin care > Cleansers",
        action: { messageType: `${agent}-reminder`, channel: "email", earliestSendAt: spec.createdAt, latestSendAt: spec.createdAt },
        brief: { products: [], numbers: {}, deadlines: {}, leadAttribute: null, discount: null },
        expectedValue: { incrementalRevenueMinor: 120, method: "prior", probabilityUplift: 0.04, orderValueMinor: 3000 },
        trace: { inputs: { usualDaysBetween: 30 }, reasoning: spec.reasoning ?? ["Buys about every 30 days."], action: "Email a reminder.", expectedImpact: "About $1.20 in extra revenue." },
      },
      sendAt: new Date(spec.createdAt.getTime() + 3_600_000),
      localSendAt: "2026-11-25 13:00",
      objectiveId: "obj-1",
      weight: 1,
      score: 120,
      discountCostMinor: 0,
    },
    currencyCode: "USD",
    routing: ROUTING[status],
    checks: [{ stage: "first-draft", at: spec.createdAt, result: { checked: CHECKED, violations: spec.violations ?? [] } }],
    copy: { engine: "template" },
    createdAt: spec.createdAt,
  });
}

/** Inserts the message; createdAt is the decision time in both the column and the record. */
export async function insertMessage(db: Db, spec: MessageSpec): Promise<AuditRecord> {
  const record = auditRecordFor(spec);
  await db.message.create({
    data: {
      shopId: spec.shopId,
      id: spec.id,
      runId: "schedule:test",
      customerId: record.customerId,
      agent: record.agent,
      objectiveId: record.objectiveId,
      status: record.status,
      sendAt: record.sendAt,
      engine: "template",
      templateId: null,
      variant: null,
      draft: JSON.stringify(spec.draft ?? plainDraft(spec.shopId)),
      brief: JSON.stringify({ products: [], numbers: {}, deadlines: {}, leadAttribute: null, discount: null }),
      policyVersion: null,
      audit: JSON.stringify(record),
      firstDraftPassed: (spec.violations ?? []).length === 0,
      awaitingSince: record.status === "awaiting-approval" ? spec.createdAt : null,
      createdAt: spec.createdAt,
    },
  });
  return record;
}
