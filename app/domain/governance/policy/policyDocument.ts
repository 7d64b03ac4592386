import { z } from "zod";
import { AGENT_NAMES } from "../../agents/contract";
import { QuietHours } from "../../planner/quietHours";
import {
  DEFAULT_ALLOWLIST,
  DEFAULT_MARGIN,
  DEFAULT_RESTRICTED_ALLOWLIST,
  DEFAULT_SUPPRESSION,
  DEFAULT_VOICE_RULE,
} from "./policyDefaults";

/**
 * A shop's policy document: the rules no agent, copywriter or approver can talk its way past.
 * Stored per shop as JSON and edited as JSON text in the admin, so every object is strict (a
 * misspelt key is an error, not a silently ignored rule) and every section may be left out (it
 * then takes the defaults in policyDefaults.ts; deleting a section never switches its rules off).
 * Cross-field contradictions are checked in policyContradictions.ts, after this schema.
 * `version` lets later schemas migrate old documents (policyVersion.ts).
 */

/** A discount as a share of the price, like ContentBrief.discount. */
const Share = z
  .number()
  .min(0, "A discount cap cannot be negative.")
  .max(1, "Discount caps are shares of the price: 0.1 means 10%, and 1 (100%) is the most; 10 would mean 1000%.");

const MinorUnits = z.number().int("Use whole minor units (cents), not decimals.").min(0, "An amount cannot be negative.");

const Phrase = z.string().trim().min(1, "A phrase cannot be empty.").max(100, "A phrase is at most 100 characters.");

/** Which shoppers a margin rule covers. Several conditions must all hold; `{}` covers everyone. */
export const MarginCondition = z.strictObject({
  /** pCLV strictly below this (minor units). */
  pclvBelowMinor: MinorUnits.optional(),
  /** pCLV at or above this (minor units). */
  pclvAtLeastMinor: MinorUnits.optional(),
  /** Only shoppers whose pCLV is not known yet (a pCLV band never covers them). */
  pclvUnknown: z.literal(true).optional(),
  /** Only proposals from these agents. */
  agents: z.array(z.enum(AGENT_NAMES)).min(1, "List at least one agent, or leave `agents` out.").optional(),
});
export type MarginCondition = z.infer<typeof MarginCondition>;

export const MarginRule = z.strictObject({ when: MarginCondition, maxDiscount: Share });
export type MarginRule = z.infer<typeof MarginRule>;

/** A cap for products in a collection: the category path prefix, by whole segments ("Skin care" covers "Skin care > Serums"). */
export const CollectionCap = z.strictObject({ categoryPrefix: z.string().trim().min(1, "Name a category path."), maxDiscount: Share });
export type CollectionCap = z.infer<typeof CollectionCap>;

export const PerShopperCap = z.strictObject({
  windowDays: z.number().int().min(1, "The window is at least one day.").max(365, "The window is at most a year."),
  /** The largest share any single offer to one shopper may carry within the window. */
  maxDiscount: Share,
  /** The total value of the discounts offered to one shopper within the window, this offer included. */
  maxValueMinor: MinorUnits,
});
export type PerShopperCap = z.infer<typeof PerShopperCap>;

export const MarginPolicy = z.strictObject({
  maxDiscount: Share.default(DEFAULT_MARGIN.maxDiscount),
  /** Over a cap: "clamp" lowers the offer to what the policy allows; "block" stops the message. */
  onExceed: z.enum(["clamp", "block"]).default("clamp"),
  rules: z.array(MarginRule).default(() => structuredClone(DEFAULT_MARGIN.rules)),
  collectionCaps: z.array(CollectionCap).default(() => []),
  /** Null: no per-shopper cap beyond the others. */
  perShopper: PerShopperCap.nullable().default(() => ({ ...DEFAULT_MARGIN.perShopper })),
  /** Objective id, or "*" for every objective not named, to a discount budget (minor units) for that objective. */
  objectiveBudgets: z
    .record(z.string().min(1, "Name the objective, or use \"*\"."), z.number().int("Use whole minor units.").min(0, "An objective's discount budget cannot be negative."))
    .default(() => ({})),
});
export type MarginPolicy = z.infer<typeof MarginPolicy>;

export const CONTRACTION_POLICIES = ["any", "no-informal", "none"] as const;

/** "*", "category:<path prefix>" or "vendor:<name>". */
export const VoiceScope = z
  .string()
  .trim()
  .regex(/^(\*|category:\s*\S.*|vendor:\s*\S.*)$/u, 'A scope is "*", "category:<category path prefix>" or "vendor:<vendor name>".');

/**
 * Voice rules only add constraints: every rule whose scope matches the message applies, and the
 * strictest setting wins. A narrower scope can tighten the voice, never loosen it, so no
 * collection or vendor rule can switch off the shop-wide one.
 */
export const VoiceRule = z.strictObject({
  scope: VoiceScope.default("*"),
  bannedPhrases: z.array(Phrase).default(() => []),
  /** Each must appear somewhere in the draft. */
  requiredPhrases: z.array(Phrase).default(() => []),
  noEmoji: z.boolean().default(false),
  /** The built-in slang list (wordLists.ts) plus `extraSlang`. */
  noSlang: z.boolean().default(false),
  extraSlang: z.array(Phrase).default(() => []),
  /** "no-informal": no gonna/ain't/y'all...; "none": no contractions at all (don't, we're). */
  contractions: z.enum(CONTRACTION_POLICIES).default("any"),
  /** Flesch-Kincaid grade of the body (readingLevel.ts); null: no limit. */
  maxReadingGrade: z.number().min(1, "A reading grade is at least 1.").max(20, "A reading grade is at most 20.").nullable().default(null),
});
export type VoiceRule = z.infer<typeof VoiceRule>;

export const VoicePolicy = z.strictObject({
  rules: z.array(VoiceRule).default(() => [VoiceRule.parse(DEFAULT_VOICE_RULE)]),
});
export type VoicePolicy = z.infer<typeof VoicePolicy>;

const CountryCode = z.string().regex(/^[A-Z]{2}$/u, "Use a two-letter ISO country code in capitals, such as DE.");
const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/u, "A field name is letters, digits and underscores, starting with a letter.");

export const JurisdictionPolicy = z.strictObject({
  /** Countries treated like the EU (data minimisation, consented processing only), in addition to the 27. */
  restrictedRegions: z.array(CountryCode).default(() => []),
  /** A shopper whose country is unknown cannot be shown to be outside the EU, so by default is treated as inside. */
  unknownCountry: z.enum(["restricted", "default"]).default("restricted"),
  /** Profile fields that may leave the database for a prompt, for restricted shoppers. */
  restrictedAllowlist: z.array(FieldName).default(() => [...DEFAULT_RESTRICTED_ALLOWLIST]),
  /** The same for everyone else. Contact details are never allowed, whatever the lists say. */
  defaultAllowlist: z.array(FieldName).default(() => [...DEFAULT_ALLOWLIST]),
});
export type JurisdictionPolicy = z.infer<typeof JurisdictionPolicy>;

const Hours = z.number().min(0, "Hours cannot be negative.").max(720, "At most 720 hours (30 days).");
const Days = z.number().int("Use whole days.").min(0, "Days cannot be negative.").max(3650, "At most 3650 days.");
const PerPeriod = z.number().int("Use a whole number of messages.").min(1, "Allow at least one message (suppress a shopper instead of capping at zero).");

export const SuppressionPolicy = z.strictObject({
  /** No marketing within this many hours after an order... */
  recentPurchaseHours: Hours.default(DEFAULT_SUPPRESSION.recentPurchaseHours),
  /** ...unless the agent has its own figure (0: not held back by a recent order). */
  recentPurchaseHoursByAgent: z.partialRecord(z.enum(AGENT_NAMES), Hours).default(() => ({ ...DEFAULT_SUPPRESSION.recentPurchaseHoursByAgent })),
  complaintDays: Days.default(DEFAULT_SUPPRESSION.complaintDays),
  bounceDays: Days.default(DEFAULT_SUPPRESSION.bounceDays),
  /** Per shopper, across agents, in any 24 hours / any 7 days. */
  maxPerDay: PerPeriod.default(DEFAULT_SUPPRESSION.maxPerDay),
  maxPerWeek: PerPeriod.default(DEFAULT_SUPPRESSION.maxPerWeek),
  /** In the shopper's zone; null: none. */
  quietHours: QuietHours.nullable().default(() => ({ ...DEFAULT_SUPPRESSION.quietHours })),
  /** Per shop, in any 60 seconds. */
  maxSendsPerMinute: z.number().int().min(1, "Allow at least one send a minute.").max(100_000).default(DEFAULT_SUPPRESSION.maxSendsPerMinute),
});
export type SuppressionPolicy = z.infer<typeof SuppressionPolicy>;

export const POLICY_VERSION = 1;

export const PolicyDocument = z.strictObject({
  version: z.literal(POLICY_VERSION, `This app reads policy version ${POLICY_VERSION}.`),
  margin: MarginPolicy.prefault({}),
  voice: VoicePolicy.prefault({}),
  jurisdiction: JurisdictionPolicy.prefault({}),
  suppression: SuppressionPolicy.prefault({}),
});
export type PolicyDocument = z.infer<typeof PolicyDocument>;
