import { DEFAULT_QUIET_HOURS } from "../../planner/quietHours";

/**
 * The defaults a shop starts with, one place for all of them so the admin's "reset to defaults"
 * and the schema agree. Money is in the shop currency's minor units and the figures assume a
 * currency with two decimals (10_000 = 100.00); a merchant in another currency edits them.
 * Discounts are shares of the price (0.1 = 10%), like ContentBrief.discount.
 */

export const DEFAULT_MARGIN = {
  /** No offer, whoever it is for, goes above this. */
  maxDiscount: 0.3,
  /** Shoppers worth little so far, or not yet valued, get small offers: a discount must not cost more than they bring. */
  rules: [
    { when: { pclvBelowMinor: 10_000 }, maxDiscount: 0.1 },
    { when: { pclvUnknown: true as const }, maxDiscount: 0.1 },
  ],
  /** At most a quarter off, and 50.00 in discounts, per shopper per 30 days. */
  perShopper: { windowDays: 30, maxDiscount: 0.25, maxValueMinor: 5_000 },
};

/** Fields that may reach a prompt for a shopper in the EU or a region the merchant lists. */
export const DEFAULT_RESTRICTED_ALLOWLIST = ["firstName", "locale", "categories", "loyaltyPoints", "loyaltyTier"];

/** Everyone else: a little more context, still never contact details (see NEVER_IN_PROMPTS). */
export const DEFAULT_ALLOWLIST = [...DEFAULT_RESTRICTED_ALLOWLIST, "orderCount", "lastOrderAt", "recentProducts", "timeZone", "countryCode"];

/** Phrases spam filters and careful brands both dislike. */
export const DEFAULT_BANNED_PHRASES = ["act now", "risk-free", "once in a lifetime", "100% free"];

export const DEFAULT_VOICE_RULE = {
  scope: "*",
  bannedPhrases: DEFAULT_BANNED_PHRASES,
  noSlang: true,
  contractions: "no-informal" as const,
  /** Grade 10: plain enough for nearly every adult reader, roomy enough for product names. */
  maxReadingGrade: 10,
};

export const DEFAULT_SUPPRESSION = {
  recentPurchaseHours: 48,
  /** The post-purchase agent writes about the order itself, so it is not held back by it. */
  recentPurchaseHoursByAgent: { "post-purchase": 0 },
  complaintDays: 180,
  bounceDays: 14,
  maxPerDay: 1,
  maxPerWeek: 3,
  quietHours: DEFAULT_QUIET_HOURS,
  maxSendsPerMinute: 600,
};
