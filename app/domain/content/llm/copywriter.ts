import type { MessageDraft } from "../messageDraft";
import type { Judgement, ReviewInput, ReviewedCopy, Screening } from "../../governance/reviewMessage";
import type { TokenUsage } from "./cost";

/**
 * The copywriter port: two engines behind one interface. The deterministic template writes every
 * message it is asked to; the language model writes when the shop has one configured, the message
 * is worth it and the month's budget allows, and the template takes over on any failure, invalid
 * output, or copy the critic will not pass after the allowed rewrites. Whoever wrote it, the copy
 * is judged by the same policy and critic checks (judgeDraft), and every round is returned so the
 * review stage can route the message and write the audit record.
 */
export type CopyEngineName = "template" | "llm";

export type CopyRequest = {
  input: ReviewInput;
  screening: Screening;
  /** The shopper's P(alive), when known: at-risk shoppers get the top tier. */
  pAlive?: number | null;
};

export type CheckRound = { stage: "first-draft" | "rewrite" | "template"; judgement: Judgement };

export type FallbackReason = "blocked-before-writing" | "over-cap" | "timeout" | "error" | "invalid-output" | "critic-rejected";

export type CopyResult = {
  draft: MessageDraft;
  engine: CopyEngineName;
  /** The model asked for, and the version that answered (null for template copy). */
  model: string | null;
  modelVersion: string | null;
  /** SHA-256 (hex) of the exact messages sent for the draft used (null for template copy). */
  promptSha256: string | null;
  templateId: string | null;
  variant: string | null;
  /** Every model call made for this message, summed (also for calls whose drafts were discarded). */
  tokens: TokenUsage;
  costMicros: number;
  /** Model calls made (0: the template wrote it without trying the model). */
  attempts: number;
  /**
   * Why the template wrote it although a model is configured and the shop has it on (absent when
   * the model's copy is used, or when the template is the only engine).
   */
  fallbackReason?: FallbackReason;
  /** The rounds of checks, in order; the last one decides. */
  checks: CheckRound[];
};

export interface Copywriter {
  write(request: CopyRequest): Promise<CopyResult>;
}

export function reviewedCopyOf(result: CopyResult): ReviewedCopy {
  return {
    draft: result.draft,
    engine: result.engine,
    templateId: result.templateId,
    variant: result.variant,
    model: result.model,
    modelVersion: result.modelVersion,
    promptSha256: result.promptSha256,
  };
}
