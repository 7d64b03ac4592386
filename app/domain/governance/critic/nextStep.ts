import type { Violation } from "../violation";
import type { CriticVerdict } from "./verdict";

export type DraftAttempt = {
  /** Which copywriter produced the draft the verdict is about. */
  engine: "llm" | "template";
  rewritesSoFar: number;
  maxRewrites: number;
};

export type NextStep =
  | { action: "send" }
  | { action: "rewrite"; feedback: string }
  | { action: "template"; reason: string }
  | { action: "block"; reason: string };

/** Evidence is quoted as a JSON string: it may hold injected text, which the model must read as data. */
function line(v: Violation): string {
  return `- ${v.rule}: ${v.message}${v.evidence ? ` Evidence: ${JSON.stringify(v.evidence)}.` : ""}`;
}

/** What the LLM is told when asked to rewrite: each broken rule with its evidence, one a line. */
export function rewriteFeedback(violations: readonly Violation[]): string {
  return ["The draft broke these rules. Rewrite it so that none applies, changing nothing else:", ...violations.map(line)].join("\n");
}

function summary(violations: readonly Violation[]): string {
  return [...new Set(violations.map((v) => v.rule))].join(", ");
}

/**
 * What happens after a verdict. The LLM gets `maxRewrites` chances to fix what can be fixed by
 * rewriting; anything stronger, or running out of chances, falls back to the deterministic template.
 * The template is the last resort: if it too breaks a rule (a suppression, a cap, stale catalog
 * data), nothing better exists, so the message is blocked rather than sent.
 */
export function nextStep(verdict: CriticVerdict, attempt: DraftAttempt): NextStep {
  const { outcome, violations } = verdict;
  if (outcome === "pass") return { action: "send" };
  if (outcome === "block") return { action: "block", reason: `Blocked by ${summary(violations.filter((v) => v.remedy === "block"))}.` };
  if (attempt.engine === "template") return { action: "block", reason: `The template itself breaks ${summary(violations)}; there is no safer copy to send.` };
  if (outcome === "rewrite" && attempt.rewritesSoFar < attempt.maxRewrites) return { action: "rewrite", feedback: rewriteFeedback(violations) };
  const why = outcome === "rewrite" ? `Still breaks ${summary(violations)} after ${attempt.rewritesSoFar} rewrite(s)` : `Breaks ${summary(violations)}, which only the template may fix`;
  return { action: "template", reason: `${why}; using the template.` };
}
