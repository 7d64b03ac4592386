import { DAY_MS } from "../shared/time";
import type { LoyaltyRule, RewardTier } from "./loyaltyRule";

/**
 * A shopper's points under the store's loyalty rule, kept as lots: each order's points form a lot
 * that expires `expiryDays` after it was earned, and redemptions spend the oldest live lots first
 * (FIFO, the usual reading of "unspent points expire"). The balance at any moment is therefore
 * earned minus redeemed minus expired. Shared by the app (balances, expiries) and the demo generator (which only redeems what it covers).
 */
export class LoyaltyLedger {
  private readonly lots: { earnedAt: number; remaining: number }[] = [];

  constructor(private readonly rule: LoyaltyRule) {}

  balance(at: Date): number {
    return this.liveLots(at.getTime()).reduce((sum, lot) => sum + lot.remaining, 0);
  }

  earn(points: number, at: Date): void {
    if (points > 0) this.lots.push({ earnedAt: at.getTime(), remaining: points });
  }

  redeem(points: number, at: Date): void {
    if (points > this.balance(at)) throw new Error(`cannot redeem ${points} points: balance is ${this.balance(at)}`);
    let left = points;
    for (const lot of this.liveLots(at.getTime())) {
      const used = Math.min(lot.remaining, left);
      lot.remaining -= used;
      left -= used;
      if (left === 0) return;
    }
  }

  /** The richest reward tier the balance pays for at `at`, or null. */
  bestAffordableTier(at: Date): RewardTier | null {
    const balance = this.balance(at);
    const affordable = this.rule.rewardTiers.filter((tier) => tier.points <= balance);
    return affordable.reduce<RewardTier | null>((best, tier) => (!best || tier.points > best.points ? tier : best), null);
  }

  private liveLots(at: number): { earnedAt: number; remaining: number }[] {
    const expiryMs = this.rule.expiryDays === null ? Infinity : this.rule.expiryDays * DAY_MS;
    return this.lots.filter((lot) => lot.remaining > 0 && lot.earnedAt <= at && at < lot.earnedAt + expiryMs);
  }
}
