import type { AgentName } from "../../agents/contract";
import type { Violation } from "../violation";
import { money, percent, type MoneyFormat } from "./format";
import type { AutonomyLevel } from "./level";
import { resolveLevel, type AutonomySettings, type LevelSource, type RiskThresholds } from "./settings";

/**
 * Where one checked message goes next: out, to the merchant's approval queue, or nowhere.
 *
 * The order of the rules is the point:
 *  1. A critic "block" (or any violation whose remedy is "block") blocks, at every level. No
 *     setting lets the system send a message without consent or over the discount cap.
 *  2. Copy the critic did not pass waits for a person, at every level: autonomy is freedom to send
 *     checked copy, never unchecked copy. "Passed" means the outcome is "pass" with no findings, or
 *     "template" when the copy going out IS the template (the fallback happened). "rewrite", or
 *     "template" while the copy is still the LLM's, means the fix has not been applied yet.
 *  3. Then the level: assisted always waits; supervised waits when any risk threshold is crossed;
 *     autonomous sends.
 * Every route comes with reasons, sentences the merchant reads in the queue and the audit trail.
 */
export const CRITIC_OUTCOMES = ["pass", "rewrite", "template", "block"] as const;
export type CriticOutcome = (typeof CRITIC_OUTCOMES)[number];

/** Who wrote the copy that would go out. */
export type CopyEngine = "llm" | "template";

export type Route = "send" | "await-approval" | "block";

export type RoutingInput = MoneyFormat & {
  settings: AutonomySettings;
  objectiveId: string;
  agent: AgentName;
  /** The discount offered, as a share (0.15 = 15%); null for none. */
  discount: number | null;
  /** The shopper's predicted lifetime value, minor units; null when unknown. */
  pclvMinor: number | null;
  /** The message's expected incremental revenue, minor units. */
  expectedValueMinor: number;
  /** The critic's outcome for the copy that would go out (see rule 2 above). */
  criticOutcome: CriticOutcome;
  /** The findings behind the critic's outcome (empty when it passed). */
  violations: readonly Violation[];
  engine: CopyEngine;
  /** True when the app has never sent this shopper anything (for the optional first-message threshold). */
  firstMessageToShopper?: boolean;
};

export type RoutingDecision = { route: Route; level: AutonomyLevel; levelSource: LevelSource; reasons: string[] };

export function routeForApproval(input: RoutingInput): RoutingDecision {
  const { level, source } = resolveLevel(input.settings, input.objectiveId, input.agent);
  const decide = (route: Route, reasons: string[]): RoutingDecision => ({ route, level, levelSource: source, reasons });

  const blocking = input.violations.filter((v) => v.remedy === "block");
  if (input.criticOutcome === "block" || blocking.length > 0) {
    return decide("block", ["The critic blocked this message; it will not be sent.", ...blocking.map((v) => v.message)]);
  }
  const critic = criticConcerns(input);
  const { subject, note } = levelScope(source, input.objectiveId, input.agent);
  if (level === "assisted") return decide("await-approval", [`${subject} wait for your approval (assisted${note}).`, ...critic]);
  if (critic.length > 0) return decide("await-approval", critic);
  if (level === "supervised") {
    const risks = riskReasons(input.settings.supervised, input);
    if (risks.length > 0) return decide("await-approval", risks);
    return decide("send", [`Sent without review: ${lower(subject)} are supervised${note}, and this one is inside your guardrails and under every threshold you review.`]);
  }
  return decide("send", [`Sent without review: ${lower(subject)} run autonomously${note}, and the critic passed the copy.`]);
}

/** Why the copy does not count as passed (empty: it passed). */
function criticConcerns(input: RoutingInput): string[] {
  const findings = input.violations.map((v) => `The critic flagged: ${v.message}`);
  switch (input.criticOutcome) {
    case "pass":
      // A pass with findings is contradictory; the findings win, since sending is the irreversible step.
      return findings;
    case "template":
      if (input.engine === "template") return [];
      return ["Only the store's template copy may be used here, and this is still the AI-written copy.", ...findings];
    case "rewrite":
      return ["The critic asked for this copy to be rewritten, and it has not been yet.", ...findings];
    case "block":
      return [];
  }
}

function riskReasons(thresholds: RiskThresholds, input: RoutingInput): string[] {
  const reasons: string[] = [];
  if (thresholds.discountAbove !== null && input.discount !== null && input.discount > thresholds.discountAbove) {
    reasons.push(`Discount ${percent(input.discount)} is above the ${percent(thresholds.discountAbove)} you review.`);
  }
  if (thresholds.pclvAboveMinor !== null && input.pclvMinor !== null && input.pclvMinor > thresholds.pclvAboveMinor) {
    reasons.push(`This shopper's predicted lifetime value, ${money(input.pclvMinor, input)}, is above the ${money(thresholds.pclvAboveMinor, input)} you review.`);
  }
  if (thresholds.expectedValueAboveMinor !== null && input.expectedValueMinor > thresholds.expectedValueAboveMinor) {
    reasons.push(`Expected revenue of ${money(input.expectedValueMinor, input)} is above the ${money(thresholds.expectedValueAboveMinor, input)} you review.`);
  }
  if (thresholds.firstMessageToShopper && input.firstMessageToShopper === true) {
    reasons.push("This is the first message to this shopper, and you review first messages.");
  }
  if (thresholds.llmWrittenCopy && input.engine === "llm") reasons.push("An AI model wrote this copy, and you review AI-written copy.");
  return reasons;
}

/** Which setting the level came from, in the merchant's words: "Messages for objective "x"". */
function levelScope(source: LevelSource, objectiveId: string, agent: AgentName): { subject: string; note: string } {
  switch (source) {
    case "objective":
      return { subject: `Messages for objective "${objectiveId}"`, note: "" };
    case "agent":
      return { subject: `Messages from the ${agent} agent`, note: "" };
    case "objective-and-agent":
      return { subject: `Messages for objective "${objectiveId}" from the ${agent} agent`, note: "" };
    case "default":
      return { subject: "Messages", note: ", your default" };
  }
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
