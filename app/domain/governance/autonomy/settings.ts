import { z } from "zod";
import { AGENT_NAMES, type AgentName } from "../../agents/contract";
import { AutonomyLevel, moreCautious } from "./level";

/**
 * The risk thresholds a supervised message is held against: crossing any one of them sends the
 * message to the approval queue even though the critic passed it. Null turns a threshold off.
 *
 * The money thresholds default to off: they are in minor units of the shop currency, and no one
 * number means "high value" in both USD and JPY, so the settings page fills them in per shop. The
 * discount threshold is a share and means the same everywhere, so it has a default (10%).
 */
export const RiskThresholds = z.object({
  /** Review discounts strictly above this share (0.1 = 10%). */
  discountAbove: z.number().min(0).max(1).nullable().default(0.1),
  /** Review messages to shoppers whose predicted lifetime value is strictly above this (minor units). */
  pclvAboveMinor: z.number().int().min(0).nullable().default(null),
  /** Review messages whose expected incremental revenue is strictly above this (minor units). */
  expectedValueAboveMinor: z.number().int().min(0).nullable().default(null),
  /** Review the first message the app ever sends a shopper. */
  firstMessageToShopper: z.boolean().default(false),
  /** Review copy an LLM wrote (template copy is deterministic and was reviewed once, as a template). */
  llmWrittenCopy: z.boolean().default(false),
});
export type RiskThresholds = z.infer<typeof RiskThresholds>;

/**
 * A shop's autonomy settings. A level can be set per objective and per agent; when neither is set
 * the default applies. When BOTH are set, the more cautious one wins (assisted < supervised <
 * autonomous): a merchant who put the loyalty agent on "assisted" expects to see every loyalty
 * message, even under an objective that runs autonomously, and vice versa. An override always
 * replaces the default, in either direction, so "default assisted, this objective autonomous" works.
 */
export const AutonomySettings = z.object({
  /** New shops start assisted: nothing goes out until the merchant has seen what the system does. */
  defaultLevel: AutonomyLevel.default("assisted"),
  /** Objective id -> level. */
  objectives: z.record(z.string().min(1), AutonomyLevel).default({}),
  /** Agent -> level (any subset of agents). */
  agents: z.partialRecord(z.enum(AGENT_NAMES), AutonomyLevel).default({}),
  supervised: RiskThresholds.default(RiskThresholds.parse({})),
});
export type AutonomySettings = z.infer<typeof AutonomySettings>;

export const DEFAULT_AUTONOMY_SETTINGS: AutonomySettings = AutonomySettings.parse({});

export type LevelSource = "objective" | "agent" | "objective-and-agent" | "default";

export type ResolvedLevel = { level: AutonomyLevel; source: LevelSource };

/** The level that applies to one message, and where it came from (for the reason the merchant reads). */
export function resolveLevel(settings: AutonomySettings, objectiveId: string, agent: AgentName): ResolvedLevel {
  const byObjective = settings.objectives[objectiveId];
  const byAgent = settings.agents[agent];
  if (byObjective !== undefined && byAgent !== undefined) {
    if (byObjective === byAgent) return { level: byObjective, source: "objective-and-agent" };
    const level = moreCautious(byObjective, byAgent);
    return { level, source: level === byObjective ? "objective" : "agent" };
  }
  if (byObjective !== undefined) return { level: byObjective, source: "objective" };
  if (byAgent !== undefined) return { level: byAgent, source: "agent" };
  return { level: settings.defaultLevel, source: "default" };
}
