import type { ModelPrice } from "./llmSettings";

/**
 * Cost arithmetic for model calls, in integer USD micros (millionths of a dollar) so sums over a
 * month are exact. A call costs tokens x price per million, rounded up to the next micro (a bill
 * never comes in under what the provider charges).
 */
export type TokenUsage = { promptTokens: number; completionTokens: number };

export const NO_TOKENS: TokenUsage = Object.freeze({ promptTokens: 0, completionTokens: 0 });

const PER_MILLION = 1_000_000;

function tokens(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

export function callCostMicros(price: ModelPrice, usage: TokenUsage): number {
  const units = tokens(usage.promptTokens) * price.inputMicrosPerMillion + tokens(usage.completionTokens) * price.outputMicrosPerMillion;
  return Math.ceil(units / PER_MILLION);
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { promptTokens: a.promptTokens + tokens(b.promptTokens), completionTokens: a.completionTokens + tokens(b.completionTokens) };
}

/**
 * Tokens a prompt will use, estimated before sending it (for the spending cap): about four
 * characters a token for English and German, rounded up, plus a few per message for the chat
 * format. Deliberately generous; the recorded cost uses the provider's own count.
 */
export function estimatePromptTokens(messages: ReadonlyArray<{ content: string }>): number {
  return messages.reduce((sum, message) => sum + Math.ceil(message.content.length / 4) + 4, 3);
}

/** What a call could cost at most: the estimated prompt plus every output token allowed. */
export function worstCaseCostMicros(price: ModelPrice, promptTokens: number, maxOutputTokens: number): number {
  return callCostMicros(price, { promptTokens, completionTokens: maxOutputTokens });
}

/** The calendar month (UTC) `now` falls in: [from, to). Spending caps are per such month. */
export function monthWindow(now: Date): { from: Date; to: Date } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { from, to };
}
