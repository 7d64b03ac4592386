import type { ZodType } from "zod";
import type { TokenUsage } from "./cost";

/**
 * The port to a chat model with structured output (implemented in app/adapters/llm with the
 * OpenAI SDK, which speaks to OpenAI or any compatible server). It never throws for what a model
 * or a network can do wrong: every failure is a value the copywriter records and falls back from.
 */
export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type ChatRequest = {
  model: string;
  messages: readonly ChatMessage[];
  /** The JSON the reply must be: sent as a strict json_schema response format. */
  responseFormat: { name: string; schema: ZodType };
  maxOutputTokens: number;
  /** Per attempt. */
  timeoutMs: number;
  /** Retries after 429, 5xx, a lost connection or a timeout (the SDK's backoff, honouring Retry-After). */
  maxRetries: number;
};

export type ChatFailure = "timeout" | "error" | "refusal" | "truncated" | "empty";

export type ChatResult =
  | { ok: true; content: string; usage: TokenUsage; modelVersion: string }
  | {
      ok: false;
      failure: ChatFailure;
      message: string;
      /** What the provider reported using (zero when nothing came back). */
      usage: TokenUsage;
      status?: number;
      modelVersion?: string;
    };

export interface ChatModel {
  complete(request: ChatRequest): Promise<ChatResult>;
}
