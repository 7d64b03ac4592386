import { createHash } from "node:crypto";
import type { ChatMessage, ChatModel, ChatResult } from "~/domain/content/llm/chatModel";
import { addUsage, callCostMicros, estimatePromptTokens, NO_TOKENS, type TokenUsage } from "~/domain/content/llm/cost";
import { buildCopyPrompt, draftFromReply, LLM_COPY_FORMAT, LlmCopy, rewriteMessages } from "~/domain/content/llm/copyPrompt";
import { reviewedCopyOf, type CheckRound, type Copywriter, type CopyRequest, type CopyResult, type FallbackReason } from "~/domain/content/llm/copywriter";
import type { LlmSettings } from "~/domain/content/llm/llmSettings";
import { chooseEngine } from "~/domain/content/llm/modelTiers";
import { judgeDraft, writeTemplateDraft, type ReviewedCopy, type ReviewInput, type Screening } from "~/domain/governance/reviewMessage";
import { monthlySpendMicros, recordLlmCall, type LlmCallOutcome, type LlmCallStore } from "./llmCalls.server";

/**
 * The copy stage of the review: two engines behind the Copywriter port.
 *
 *  - Template only (no model configured, the shop turned it off, or the screening already blocks
 *    the message, so no shopper data goes anywhere): the deterministic template writes, and is
 *    judged like any draft.
 *  - Model: the tier is chosen by the shopper's value and the month's spend (chooseEngine); the
 *    prompt is built from the screened brief with only the fields the jurisdiction allows; the
 *    reply is validated (JSON, shape, MessageDraft) and judged by the policy's voice rules and the
 *    critic (judgeDraft). A rewrite the critic asks for is sent back with its findings
 *    (rewriteFeedback) up to `maxRewrites` times. Any failure (timeout, HTTP error after the
 *    retries, invalid reply, a finding only the template may fix, the rewrites used up, the cap
 *    reached) falls back to the template, which is judged in turn.
 * Every model call, and every call the cap stopped, is recorded as an LlmCall row with its tier,
 * tokens, cost, outcome and the SHA-256 of the exact messages sent.
 */
export type CopyDeps = {
  /** Null: templates only, and no network call is ever made. */
  chat: ChatModel | null;
  store: LlmCallStore;
  /** The clock LlmCall rows and the month's spend use (default: the review's `now`). */
  now?: () => Date;
};

export type WrittenCopy = { copy: ReviewedCopy; checks: CheckRound[]; result: CopyResult };

/** SHA-256 (hex) of the messages exactly as sent: JSON of the array of {role, content}, in order. */
export function promptSha256(messages: readonly ChatMessage[]): string {
  return createHash("sha256").update(JSON.stringify(messages)).digest("hex");
}

/** The review stage's entry point: the copy for routeReviewed, and its rounds of checks. */
export async function writeCopy(deps: CopyDeps, input: ReviewInput, screening: Screening, settings: LlmSettings, options: { pAlive?: number | null } = {}): Promise<WrittenCopy> {
  const result = await createCopywriter(deps, settings).write({ input, screening, pAlive: options.pAlive ?? null });
  return { copy: reviewedCopyOf(result), checks: result.checks, result };
}

/** The template engine alone, behind the same port. */
export const templateCopywriter: Copywriter = {
  write: async ({ input, screening }) => templateResult(input, screening, { stage: "first-draft", tokens: NO_TOKENS, costMicros: 0, attempts: 0, checks: [] }),
};

/** The model engine with the template behind it; the template alone when no model is configured or the shop turned it off. */
export function createCopywriter(deps: CopyDeps, settings: LlmSettings): Copywriter {
  const chat = deps.chat;
  if (!chat || !settings.enabled) return templateCopywriter;
  return { write: (request) => writeWithModel({ ...deps, chat }, settings, request) };
}

function templateResult(
  input: ReviewInput,
  screening: Screening,
  so: { stage: CheckRound["stage"]; tokens: TokenUsage; costMicros: number; attempts: number; checks: CheckRound[]; fallbackReason?: FallbackReason; written?: ReturnType<typeof writeTemplateDraft> },
): CopyResult {
  const written = so.written ?? writeTemplateDraft(input, screening);
  const judgement = judgeDraft(input, screening, written.draft, { engine: "template", rewritesSoFar: 0, maxRewrites: 0 });
  return {
    draft: written.draft,
    engine: "template",
    model: null,
    modelVersion: null,
    promptSha256: null,
    templateId: written.templateId,
    variant: written.variant,
    tokens: so.tokens,
    costMicros: so.costMicros,
    attempts: so.attempts,
    ...(so.fallbackReason ? { fallbackReason: so.fallbackReason } : {}),
    checks: [...so.checks, { stage: so.stage, judgement }],
  };
}

const FAILURE_OUTCOME: Record<Exclude<ChatResult, { ok: true }>["failure"], LlmCallOutcome & FallbackReason> = {
  timeout: "timeout",
  error: "error",
  refusal: "invalid-output",
  truncated: "invalid-output",
  empty: "invalid-output",
};

async function writeWithModel(deps: CopyDeps & { chat: ChatModel }, settings: LlmSettings, request: CopyRequest): Promise<CopyResult> {
  const { input, screening } = request;
  // A message the screening blocks (no consent, suppressed, over a margin cap that blocks) is never
  // sent, so its shopper is not worth a prompt: restricted shoppers without consent must not be in one.
  if (screening.results.some((result) => result.violations.some((v) => v.remedy === "block"))) {
    return templateResult(input, screening, { stage: "first-draft", tokens: NO_TOKENS, costMicros: 0, attempts: 0, checks: [], fallbackReason: "blocked-before-writing" });
  }
  const written = writeTemplateDraft(input, screening);
  const target = { url: written.draft.callToAction.url, productIds: written.draft.productIds };
  const prompt = buildCopyPrompt(input, screening);
  const now = deps.now ?? (() => input.now);
  const { planned, shopper, shop } = input;
  const checks: CheckRound[] = [];
  let tokens: TokenUsage = NO_TOKENS;
  let costMicros = 0;
  let attempts = 0;
  let messages: ChatMessage[] = prompt.messages;

  const record = (tier: string, model: string, usage: TokenUsage, cost: number, outcome: LlmCallOutcome, sha: string) =>
    recordLlmCall(deps.store, {
      shopId: shop.id,
      messageId: planned.proposal.id,
      agent: planned.proposal.agent,
      objectiveId: planned.objectiveId,
      tier,
      model,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      costMicros: cost,
      outcome,
      promptSha256: sha,
      createdAt: now(),
    });
  const fallback = (reason: FallbackReason) =>
    templateResult(input, screening, { stage: attempts === 0 && checks.length === 0 ? "first-draft" : "template", tokens, costMicros, attempts, checks, fallbackReason: reason, written });

  for (let rewrites = 0; ; rewrites++) {
    const sha = promptSha256(messages);
    const spent = await monthlySpendMicros(deps.store, shop.id, now());
    const choice = chooseEngine(settings, { pclvMinor: shopper.pclvMinor, pAlive: request.pAlive ?? null }, { spentMicros: spent, estimatedPromptTokens: estimatePromptTokens(messages) });
    if (choice.engine === "template") {
      await record(choice.valueTier.name, choice.valueTier.model, NO_TOKENS, 0, "over-cap", sha);
      return fallback("over-cap");
    }
    attempts++;
    const reply = await deps.chat.complete({
      model: choice.tier.model,
      messages,
      responseFormat: { name: LLM_COPY_FORMAT, schema: LlmCopy },
      maxOutputTokens: settings.maxOutputTokens,
      timeoutMs: settings.timeoutMs,
      maxRetries: settings.maxRetries,
    });
    const cost = callCostMicros(choice.price, reply.usage);
    tokens = addUsage(tokens, reply.usage);
    costMicros += cost;
    if (!reply.ok) {
      const outcome = FAILURE_OUTCOME[reply.failure];
      await record(choice.tier.name, choice.tier.model, reply.usage, cost, outcome, sha);
      return fallback(outcome);
    }
    const parsed = draftFromReply(reply.content, target);
    if (!parsed.ok) {
      await record(choice.tier.name, choice.tier.model, reply.usage, cost, "invalid-output", sha);
      return fallback("invalid-output");
    }
    const judgement = judgeDraft(input, screening, parsed.draft, { engine: "llm", rewritesSoFar: rewrites, maxRewrites: settings.maxRewrites });
    checks.push({ stage: rewrites === 0 ? "first-draft" : "rewrite", judgement });
    const step = judgement.step;
    await record(choice.tier.name, choice.tier.model, reply.usage, cost, step.action === "send" ? "ok" : "critic-rejected", sha);
    if (step.action === "send" || step.action === "block") {
      return {
        draft: parsed.draft,
        engine: "llm",
        model: choice.tier.model,
        modelVersion: reply.modelVersion,
        promptSha256: sha,
        templateId: null,
        variant: null,
        tokens,
        costMicros,
        attempts,
        checks,
      };
    }
    if (step.action === "template") return fallback("critic-rejected");
    messages = rewriteMessages(prompt.messages, parsed.copy, step.feedback);
  }
}
