import { LoyaltyLedger } from "../loyalty/loyaltyLedger";
import type { LoyaltyRule, RewardTier } from "../loyalty/loyaltyRule";
import { DAY_MS } from "../shared/time";

/**
 * A shopper's loyalty standing, replayed through the store's LoyaltyLedger (FIFO lots that expire
 * under the loyalty rule), so the balance shown here is the one agents and checkout rely on.
 * Ledger entries: earn (+), redeem (-), adjust (either sign); `expire` rows are shown in the
 * history but not replayed, because the ledger derives expiry itself and would count them twice.
 */
export type LoyaltyEntryFact = {
  id: string;
  kind: string;
  points: number;
  occurredAt: Date;
  expiresAt: Date | null;
  orderId: string | null;
};

export type LoyaltyHistoryLine = LoyaltyEntryFact & { balanceAfter: number };

export type LoyaltySummary = {
  balance: number;
  earned: number;
  redeemed: number;
  /** Earned points that lapsed unspent (earned - redeemed - balance). */
  expired: number;
  /** Redemptions the ledger could not cover (data out of step), reported rather than hidden. */
  uncoveredRedemptions: number;
  nextExpiry: { points: number; at: Date } | null;
  expiringWithin30Days: number;
  bestAffordableTier: RewardTier | null;
  /** Newest first, with the balance right after each entry. */
  history: LoyaltyHistoryLine[];
};

export function summariseLoyalty(rule: LoyaltyRule, entries: readonly LoyaltyEntryFact[], now: Date): LoyaltySummary {
  const ledger = new LoyaltyLedger(rule);
  const chronological = entries.filter((e) => e.occurredAt.getTime() <= now.getTime()).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id));
  let earned = 0;
  let redeemed = 0;
  let uncovered = 0;
  const earnedAt: number[] = [];
  const history: LoyaltyHistoryLine[] = [];
  for (const entry of chronological) {
    if (entry.kind !== "expire" && entry.points > 0) {
      ledger.earn(entry.points, entry.occurredAt);
      earned += entry.points;
      earnedAt.push(entry.occurredAt.getTime());
    } else if (entry.kind !== "expire" && entry.points < 0) {
      const covered = Math.min(-entry.points, ledger.balance(entry.occurredAt));
      if (covered > 0) ledger.redeem(covered, entry.occurredAt);
      redeemed += covered;
      uncovered += -entry.points - covered;
    }
    history.push({ ...entry, balanceAfter: ledger.balance(entry.occurredAt) });
  }
  const balance = ledger.balance(now);
  const expiryMs = rule.expiryDays === null ? null : rule.expiryDays * DAY_MS;
  let nextExpiry: LoyaltySummary["nextExpiry"] = null;
  if (expiryMs !== null) {
    // With no further activity the balance only falls when a lot expires: find the first such fall.
    for (const at of [...new Set(earnedAt.map((t) => t + expiryMs))].sort((a, b) => a - b)) {
      if (at <= now.getTime()) continue;
      const points = ledger.balance(new Date(at - 1)) - ledger.balance(new Date(at));
      if (points > 0) {
        nextExpiry = { points, at: new Date(at) };
        break;
      }
    }
  }
  return {
    balance,
    earned,
    redeemed,
    expired: earned - redeemed - balance,
    uncoveredRedemptions: uncovered,
    nextExpiry,
    expiringWithin30Days: balance - ledger.balance(new Date(now.getTime() + 30 * DAY_MS)),
    bestAffordableTier: ledger.bestAffordableTier(now),
    history: history.reverse(),
  };
}
