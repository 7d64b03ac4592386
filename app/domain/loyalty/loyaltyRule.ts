import { z } from "zod";
import { currencyExponent } from "../money/money";

/**
 * Shopify has no native loyalty points, so the app keeps them, earned by a rule the merchant sets:
 * points per unit of currency spent (after discounts), reward tiers that are redeemed through
 * discount codes named `LOYALTY-<points>`, and an expiry after which unspent points lapse.
 */
export const RewardTier = z.object({
  name: z.string().min(1),
  points: z.number().int().positive(),
  /** The reward's value, in minor units of the shop currency. */
  rewardMinor: z.number().int().positive(),
});
export type RewardTier = z.infer<typeof RewardTier>;

export const LoyaltyRule = z
  .object({
    pointsPerCurrencyUnit: z.number().positive().max(1000).default(1),
    rewardTiers: z
      .array(RewardTier)
      .min(1)
      .default([
        { name: "Bronze reward", points: 250, rewardMinor: 500 },
        { name: "Silver reward", points: 500, rewardMinor: 1200 },
        { name: "Gold reward", points: 1000, rewardMinor: 3000 },
      ]),
    /** Days after earning that unspent points expire; null means points never expire. */
    expiryDays: z.number().int().positive().nullable().default(365),
  })
  .refine((rule) => new Set(rule.rewardTiers.map((t) => t.points)).size === rule.rewardTiers.length, {
    message: "reward tiers must have distinct point thresholds",
  });
export type LoyaltyRule = z.infer<typeof LoyaltyRule>;

export const DEFAULT_LOYALTY_RULE: LoyaltyRule = LoyaltyRule.parse({});

/** Points earned by an order: whole points, rounded down, on what the shopper actually paid for goods. */
export function pointsForSpend(rule: LoyaltyRule, spentMinor: number, currencyCode: string): number {
  if (spentMinor <= 0) return 0;
  const points = (spentMinor * rule.pointsPerCurrencyUnit) / 10 ** currencyExponent(currencyCode);
  // Floats land just below whole numbers (0.57 * 100 = 56.999...); 12 significant digits undo that.
  return Math.floor(Number(points.toPrecision(12)));
}

const REDEMPTION_CODE = /^LOYALTY-(\d+)$/i;

/** The discount code through which a reward tier is redeemed at checkout. */
export function redemptionCode(tier: RewardTier): string {
  return `LOYALTY-${tier.points}`;
}

/** Points redeemed by a discount code, or null when the code is not a loyalty redemption. */
export function pointsRedeemedByCode(rule: LoyaltyRule, code: string): number | null {
  const match = REDEMPTION_CODE.exec(code.trim());
  if (!match) return null;
  const points = Number(match[1]);
  return rule.rewardTiers.some((tier) => tier.points === points) ? points : null;
}
