import type { CriticVerdict } from "./verdict";

export type ComplianceRate = { passed: number; total: number; /** null with no messages: no rate, rather than 0% or 100%. */ rate: number | null };

/** The share of verdicts that passed every check (the critic's own and the policies passed in). */
export function complianceRate(verdicts: readonly CriticVerdict[]): ComplianceRate {
  const passed = verdicts.filter((v) => v.outcome === "pass").length;
  return { passed, total: verdicts.length, rate: verdicts.length === 0 ? null : passed / verdicts.length };
}

/**
 * The KPI pair, from each message's verdicts in the order they were given (first draft first):
 * `firstDraft` is how often the copywriter got it right first time (what the learning loop
 * improves); `final` is how often the message that went out passed (anything else was blocked).
 * Messages with no verdicts are left out.
 */
export function complianceRates(histories: ReadonlyArray<readonly CriticVerdict[]>): { firstDraft: ComplianceRate; final: ComplianceRate } {
  const reviewed = histories.filter((h) => h.length > 0);
  return {
    firstDraft: complianceRate(reviewed.map((h) => h[0] as CriticVerdict)),
    final: complianceRate(reviewed.map((h) => h[h.length - 1] as CriticVerdict)),
  };
}
