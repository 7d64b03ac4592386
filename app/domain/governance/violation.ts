/**
 * What every check in governance reports: the policy engine (policies as code), the critic's fact
 * and safety checks, and the suppression rules. One shape, so the critic can combine them, the
 * audit trail can store them and the admin can read them.
 *
 * `rule` names the rule that was broken, as the policy document or the critic names it
 * ("margin.pclv-discount-cap", "voice.banned-words", "facts.price", "safety.off-domain-link").
 * `remedy` is what the check thinks should happen next:
 *  - "rewrite": the copy can be fixed (the LLM rewrites with this violation fed back, or the
 *    deterministic template replaces it);
 *  - "template": only the deterministic template may be used (for instance, the LLM invented a fact);
 *  - "block": the message must not be sent at all (no consent, suppressed, discount over the cap).
 */
export type Remedy = "rewrite" | "template" | "block";

export type Violation = {
  rule: string;
  kind: "policy" | "fact" | "safety" | "suppression";
  remedy: Remedy;
  /** A sentence the merchant reads in the audit trail and the approval queue. */
  message: string;
  /** The offending text or value, when there is one (kept short). */
  evidence?: string;
};

/** Every check's result: what it checked (for the audit trail's "policies checked") and what failed. */
export type CheckResult = { checked: readonly string[]; violations: readonly Violation[] };

const SEVERITY: Record<Remedy, number> = { rewrite: 0, template: 1, block: 2 };

/** The strongest remedy any violation asks for (null: nothing to do). */
export function strongestRemedy(violations: readonly Violation[]): Remedy | null {
  let worst: Remedy | null = null;
  for (const v of violations) if (worst === null || SEVERITY[v.remedy] > SEVERITY[worst]) worst = v.remedy;
  return worst;
}

export function mergeChecks(...results: readonly CheckResult[]): CheckResult {
  return { checked: results.flatMap((r) => r.checked), violations: results.flatMap((r) => r.violations) };
}
