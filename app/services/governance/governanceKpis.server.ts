import type { Db } from "~/db.server";
import type { GovernanceKpis, Share } from "~/domain/governance/audit";

/**
 * The governance KPIs of a shop, as the domain's governanceKpis defines them, computed by count
 * queries in the database instead of parsing every audit record in the app (governanceKpis needs
 * each record's whole history; at 100k messages that is 100k JSON documents per page view).
 *
 * - Decision accuracy over messages created since `since`. The domain replays each record's
 *   history; here the same classes come from the status column plus, where the status cannot
 *   tell, a substring match on the stored audit JSON for a person's action. Only a person's
 *   approve, reject or edit is written with an actor, and JSON escapes every quote inside a string
 *   value, so the fragment `"to":"edited-approved","action":"edit","by":{` can only be a real
 *   history entry (the system's own changes carry `"by":null`; the key order is the StatusChange
 *   schema's). The test suite checks these counts against governanceKpis over the same records on
 *   both databases, so a change in how records are serialised fails there first.
 *   Statuses settle most of it, since the machine is strict: rejected and edited-approved were
 *   changed by a person, approved was decided by one, ready / sent / failed with no person involved
 *   can only come from routing "send"; only an edit can hide behind a later status.
 *     decided   = rejected, edited-approved, approved, ready, sent, failed; or blocked after a
 *                 person approved or edited it (blocked straight from routing is not counted)
 *     changed   = rejected, edited-approved; or any later status reached after a person's edit
 *     accuracy  = (decided - changed) / decided
 *   So one substring scan (for the edit) runs over the period's settled rows, in the database.
 * - Policy compliance: messages created since `since` whose first draft passed every check
 *   (Message.firstDraftPassed) over all of them (every message has a first-draft round).
 * - Pending approvals: every message awaiting approval now, whatever its age, and how long it has
 *   waited since awaitingSince (oldest, and the median: the one or two middle rows, read by
 *   position, so the database does the sorting).
 */
const HUMAN = {
  approve: '"to":"approved","action":"approve","by":{',
  edit: '"to":"edited-approved","action":"edit","by":{',
} as const;

export async function governanceKpisOf(store: Db, shopId: string, options: { now: Date; since?: Date }): Promise<GovernanceKpis> {
  const period = { shopId, ...(options.since ? { createdAt: { gte: options.since } } : {}) };
  const [decided, changed, firstDrafts, compliant, pending] = await Promise.all([
    store.message.count({
      where: {
        ...period,
        OR: [
          { status: { in: ["rejected", "edited-approved", "approved", "ready", "sent", "failed"] } },
          { status: "blocked", OR: [{ audit: { contains: HUMAN.approve } }, { audit: { contains: HUMAN.edit } }] },
        ],
      },
    }),
    store.message.count({
      where: {
        ...period,
        OR: [{ status: { in: ["rejected", "edited-approved"] } }, { status: { in: ["approved", "ready", "sent", "failed", "blocked"] }, audit: { contains: HUMAN.edit } }],
      },
    }),
    store.message.count({ where: period }),
    store.message.count({ where: { ...period, firstDraftPassed: true } }),
    pendingApprovals(store, shopId, options.now),
  ]);
  return { decisionAccuracy: share(decided - changed, decided), policyCompliance: share(compliant, firstDrafts), pendingApprovals: pending };
}

async function pendingApprovals(store: Db, shopId: string, now: Date): Promise<GovernanceKpis["pendingApprovals"]> {
  const where = { shopId, status: "awaiting-approval" };
  const count = await store.message.count({ where });
  if (count === 0) return { count: 0, oldestAgeMs: null, medianAgeMs: null };
  // Planning and the re-check always set awaitingSince on a waiting row; one without it (written by
  // hand) is put first and aged from its creation, the same on both databases.
  const since = async (position: number): Promise<number> => {
    const row = await store.message.findFirst({ where, orderBy: [{ awaitingSince: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }], skip: position, select: { awaitingSince: true, createdAt: true } });
    return Math.max(0, now.getTime() - (row?.awaitingSince ?? row?.createdAt ?? now).getTime());
  };
  const oldest = await since(0);
  // Ascending by waiting since is descending by age: position p from the start is age rank p from the oldest.
  const middle = count % 2 === 1 ? await since((count - 1) / 2) : ((await since(count / 2 - 1)) + (await since(count / 2))) / 2;
  return { count, oldestAgeMs: oldest, medianAgeMs: middle };
}

function share(numerator: number, denominator: number): Share {
  return { numerator, denominator, share: denominator === 0 ? null : numerator / denominator };
}
