import { mergeChecks, strongestRemedy, type CheckResult, type Violation } from "../violation";
import { scanCopy } from "./copyScan";
import type { CriticInput } from "./criticInput";
import { checkFacts } from "./factChecks";
import { checkSafety } from "./safetyChecks";

export type CriticOutcome = "pass" | "rewrite" | "template" | "block";

export type CriticVerdict = {
  outcome: CriticOutcome;
  violations: readonly Violation[];
  /** Every rule checked, passed or not, for the audit trail's "policies checked". */
  checked: readonly string[];
};

/** The verdict of a set of check results: the strongest remedy any violation asks for, or pass. */
export function verdictOf(...results: readonly CheckResult[]): CriticVerdict {
  const merged = mergeChecks(...results);
  return { outcome: strongestRemedy(merged.violations) ?? "pass", violations: merged.violations, checked: [...new Set(merged.checked)] };
}

/**
 * The critic: its own fact and safety checks plus the policy engine's results (voice, tone,
 * margin, suppression), which are passed in rather than re-run so each rule lives in one place.
 */
export function critique(input: CriticInput): CriticVerdict {
  const texts = scanCopy(input);
  return verdictOf(checkFacts(input, texts), checkSafety(input, texts), ...(input.policyResults ?? []));
}
