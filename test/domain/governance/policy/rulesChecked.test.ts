import { describe, expect, it } from "vitest";
import {
  checkDiscount,
  checkProcessingConsent,
  checkSuppression,
  checkVoice,
  DEFAULT_POLICY,
  POLICY_RULES,
  policyRulesChecked,
} from "~/domain/governance/policy";
import { at, draft, policy } from "./policyFixtures";

const RICH = policy({
  margin: { collectionCaps: [{ categoryPrefix: "Tea", maxDiscount: 0.05 }], objectiveBudgets: { "*": 10_000 } },
  voice: { rules: [{ noEmoji: true, requiredPhrases: ["Demo Store"], bannedPhrases: ["cheap"], contractions: "none", maxReadingGrade: 8, noSlang: true }] },
});
const SPARSE = policy({
  margin: { rules: [], perShopper: null },
  voice: { rules: [] },
  suppression: { quietHours: null, complaintDays: 0, bounceDays: 0, recentPurchaseHours: 0, recentPurchaseHoursByAgent: {} },
});

describe("policyRulesChecked: the rules a policy makes the system evaluate", () => {
  it.each([
    {
      name: "the defaults",
      p: DEFAULT_POLICY,
      rules: [
        "margin.max-discount", "margin.pclv-discount-cap", "margin.shopper-discount-cap", "margin.shopper-discount-value",
        "voice.banned-words", "voice.no-slang", "voice.contractions", "voice.reading-level",
        "jurisdiction.data-minimisation", "jurisdiction.consent",
        "suppression.suppressed", "suppression.consent", "suppression.recent-purchase", "suppression.recent-complaint", "suppression.recent-bounce",
        "suppression.frequency-day", "suppression.frequency-week", "suppression.quiet-hours", "suppression.send-rate",
      ],
    },
    {
      name: "everything switched off that can be: what remains cannot be bypassed",
      p: SPARSE,
      rules: [
        "margin.max-discount", "jurisdiction.data-minimisation", "jurisdiction.consent",
        "suppression.suppressed", "suppression.consent", "suppression.frequency-day", "suppression.frequency-week", "suppression.send-rate",
      ],
    },
  ])("$name", ({ p, rules }) => {
    expect(policyRulesChecked(p)).toEqual(rules);
  });

  it("adds the rules a richer policy switches on", () => {
    const rules = policyRulesChecked(RICH);
    for (const rule of ["margin.collection-cap", "margin.objective-budget", "voice.no-emoji", "voice.required-phrases"]) expect(rules).toContain(rule);
  });

  it("names only rules the engine knows", () => {
    const known = new Set<string>(Object.values(POLICY_RULES));
    expect(policyRulesChecked(RICH).filter((rule) => !known.has(rule))).toEqual([]);
  });

  it("every check reports a subset of the document's list, and every violation names a known rule", () => {
    const now = at("2026-06-10T12:00:00Z");
    const results = [
      checkDiscount(RICH, { discount: 0.5, agent: "loyalty", pclvMinor: 100, categoryPaths: ["Tea"], orderValueMinor: 3_000, objectiveId: "x", objectiveSpentMinor: 9_900, recentDiscounts: [], now }),
      checkVoice(RICH, draft({ subject: "Cheap 🎉", paragraphs: ["Don't wait, lol."], signOff: "Bye" }), { categoryPaths: ["Tea"], vendors: [] }),
      checkProcessingConsent(RICH, { countryCode: "DE", emailMarketingState: "NOT_SUBSCRIBED" }),
      checkSuppression(RICH, { emailMarketingState: "NOT_SUBSCRIBED", hasEmail: true, suppressed: null, timeZone: "UTC", lastOrderAt: now, lastComplaintAt: now, lastBounceAt: now, messageTimes: [now] }, { agent: "loyalty", sendAt: now, shopSendTimes: [] }, now),
    ];
    const listed = new Set<string>(policyRulesChecked(RICH));
    const known = new Set<string>(Object.values(POLICY_RULES));
    for (const result of results) {
      expect(result.checked.filter((rule) => !listed.has(rule))).toEqual([]);
      expect(result.violations.length).toBeGreaterThan(0);
      expect(result.violations.filter((v) => !known.has(v.rule))).toEqual([]);
    }
  });
});
