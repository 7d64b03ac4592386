import type { AuditRecord } from "./auditRecord";

/**
 * Governance KPIs over a set of audit records (the service picks the period and the shop).
 * Shares are null, not 0, when nothing qualifies: "no data" and "0% accurate" must look different.
 *
 * Decision accuracy: of the messages whose decision reached an outcome, the share that needed no
 * human change.
 *  - Unchanged (numerator and denominator): people only ever approved it as it was, or no person
 *    acted and the system cleared it itself (routed "send", now ready, sent or failed: a failed
 *    send is a delivery problem, not a wrong decision).
 *  - Changed (denominator only): a person edited or rejected it at any point, even if a later
 *    approval followed (an edit the critic sent back and a person then approved still needed a
 *    human change). A rejection counts: the system proposed a message a person overruled.
 *  - Not counted: awaiting approval now (no outcome yet, even after an earlier edit), and blocked
 *    with no person acting (the guardrails stopped it; no person judged the proposal).
 *
 * Policy compliance: of the messages with a first-draft check, the share whose first draft had no
 * violations at all (policy, fact, safety or suppression: every check governance ran counts, and
 * a later rewrite or template fallback does not redeem the first draft; that is the point of
 * measuring it).
 *
 * Pending approvals: messages now awaiting approval, and how long they have waited at `now`,
 * measured from when they last entered "awaiting-approval" (a re-check can send one back), in
 * milliseconds; a wait that would be negative (clock skew) counts as 0. The median of an even
 * count is the mean of the middle two.
 */
export type Share = { numerator: number; denominator: number; share: number | null };

export type GovernanceKpis = {
  decisionAccuracy: Share;
  policyCompliance: Share;
  pendingApprovals: { count: number; oldestAgeMs: number | null; medianAgeMs: number | null };
};

const AUTO_CLEARED = new Set(["ready", "sent", "failed"]);

export function governanceKpis(records: readonly AuditRecord[], now: Date): GovernanceKpis {
  let decided = 0;
  let unchanged = 0;
  let firstDrafts = 0;
  let compliant = 0;
  const ages: number[] = [];
  for (const record of records) {
    const outcome = decisionOutcome(record);
    if (outcome !== null) {
      decided += 1;
      if (outcome === "unchanged") unchanged += 1;
    }
    const firstDraft = record.checks.find((check) => check.stage === "first-draft");
    if (firstDraft !== undefined) {
      firstDrafts += 1;
      if (firstDraft.violations.length === 0) compliant += 1;
    }
    if (record.status === "awaiting-approval") ages.push(Math.max(0, now.getTime() - waitingSince(record).getTime()));
  }
  ages.sort((a, b) => a - b);
  return {
    decisionAccuracy: share(unchanged, decided),
    policyCompliance: share(compliant, firstDrafts),
    pendingApprovals: { count: ages.length, oldestAgeMs: ages.length === 0 ? null : (ages[ages.length - 1] as number), medianAgeMs: median(ages) },
  };
}

function decisionOutcome(record: AuditRecord): "unchanged" | "changed" | null {
  if (record.status === "awaiting-approval") return null;
  const human = record.history.filter((change) => change.by !== null);
  if (human.some((change) => change.action === "edit" || change.action === "reject")) return "changed";
  if (human.some((change) => change.action === "approve")) return "unchanged";
  if (record.routing.route === "send" && AUTO_CLEARED.has(record.status)) return "unchanged";
  return null;
}

function waitingSince(record: AuditRecord): Date {
  for (let i = record.history.length - 1; i >= 0; i--) {
    const change = record.history[i];
    if (change?.to === "awaiting-approval") return change.at;
  }
  return record.createdAt;
}

function share(numerator: number, denominator: number): Share {
  return { numerator, denominator, share: denominator === 0 ? null : numerator / denominator };
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
