import type { Proposal } from "~/domain/agents/contract";
import { routeForApproval, type RoutingDecision } from "~/domain/governance/autonomy/route";
import { AutonomySettings } from "~/domain/governance/autonomy/settings";
import { buildAuditRecord, type AuditPieces, type AuditRecord } from "~/domain/governance/audit/auditRecord";
import type { StatusChange } from "~/domain/governance/audit/statusChange";
import type { PlannedMessage } from "~/domain/planner/planner";

export const NOW = new Date("2026-06-10T12:00:00Z");
export const HOUR = 3_600_000;
export const at = (hoursFromNow: number): Date => new Date(NOW.getTime() + hoursFromNow * HOUR);
export const HASH = "a".repeat(64);
export const ANA = { userId: "u-1", email: "ana@shop-a.example" };

export function proposal(changes: Partial<Proposal> = {}): Proposal {
  return {
    id: "prop-1",
    customerId: "c-1",
    agent: "replenishment",
    subject: "Skin care > Cleansers",
    action: { messageType: "replenishment-reminder", channel: "email", earliestSendAt: at(-1), latestSendAt: at(48) },
    brief: { products: [{ productId: "p-cleanser", title: "Daily Gel Cleanser", priceMinor: 2400 }], numbers: { usualDaysBetween: 30 }, deadlines: {}, leadAttribute: "vegan", discount: null },
    expectedValue: { incrementalRevenueMinor: 130, method: "P(purchase uplift) = 0.05 x $26.00", probabilityUplift: 0.05, orderValueMinor: 2600 },
    trace: {
      inputs: { lastPurchaseDaysAgo: 40, usualDaysBetween: 30 },
      reasoning: ["Buys cleanser about every 30 days.", "Last bought 40 days ago."],
      action: "Email a reminder for the Daily Gel Cleanser.",
      expectedImpact: "About $1.30 in extra revenue.",
    },
    ...changes,
  };
}

export function planned(changes: Partial<Proposal> = {}): PlannedMessage {
  return { proposal: proposal(changes), sendAt: at(1), localSendAt: "2026-06-10 08:00", objectiveId: "obj-1", weight: 1, score: 130, discountCostMinor: 0 };
}

export const SEND: RoutingDecision = routeForApproval({
  settings: AutonomySettings.parse({ defaultLevel: "autonomous" }),
  objectiveId: "obj-1",
  agent: "replenishment",
  discount: null,
  pclvMinor: null,
  expectedValueMinor: 130,
  criticOutcome: "pass",
  violations: [],
  engine: "template",
});
export const WAIT: RoutingDecision = { ...SEND, route: "await-approval", level: "assisted", reasons: ["Messages wait for your approval (assisted, your default)."] };
export const BLOCK: RoutingDecision = { ...SEND, route: "block", reasons: ["The critic blocked this message; it will not be sent."] };

export const CLEAN = { checked: ["margin.discount-cap", "facts.price"], violations: [] };
export const PRICE_WRONG = {
  checked: ["margin.discount-cap", "facts.price"],
  violations: [{ rule: "facts.price", kind: "fact" as const, remedy: "template" as const, message: "The copy says $19, the catalog says $24.", evidence: "$19" }],
};

export function change(from: StatusChange["from"], to: StatusChange["to"], action: StatusChange["action"], hours: number, extra: Partial<StatusChange> = {}): StatusChange {
  return { at: at(hours), from, to, action, by: null, note: null, changedFields: [], ...extra };
}

/** A record for the KPI and search tables: a routing, a first-draft check and a history. */
export function record(id: string, routing: RoutingDecision, history: StatusChange[], changes: Partial<AuditPieces> & { proposal?: Partial<Proposal> } = {}): AuditRecord {
  const { proposal: proposalChanges, ...pieces } = changes;
  return buildAuditRecord({
    shopId: "shop-a",
    planned: planned({ id, ...proposalChanges }),
    currencyCode: "USD",
    routing,
    checks: [{ stage: "first-draft", at: NOW, result: CLEAN }],
    copy: { engine: "template" },
    createdAt: history[0]?.at ?? NOW,
    history,
    ...pieces,
  });
}
