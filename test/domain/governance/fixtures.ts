import { DEFAULT_POLICY, type PolicyDocument } from "~/domain/governance/policy";

/** The default policy without the frequency caps, so every message planned for one shopper can be looked at. */
export const ROOMY: PolicyDocument = { ...DEFAULT_POLICY, suppression: { ...DEFAULT_POLICY.suppression, maxPerDay: 10, maxPerWeek: 20, recentPurchaseHours: 48 } };
