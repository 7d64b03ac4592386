import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { ChatModel, ChatRequest, ChatResult } from "~/domain/content/llm/chatModel";
import type { TokenUsage } from "~/domain/content/llm/cost";

/**
 * The chat-model port over the official `openai` SDK: OpenAI itself, or any server that speaks its
 * chat-completions API (set OPENAI_BASE_URL). Structured output is a strict `json_schema`
 * response format built from the zod schema by the SDK's helper (which supports zod 4); the reply
 * is returned as text and validated by the caller, so an invalid reply is a value, not a throw.
 *
 * Timeouts and retries are explicit: the client has defaults and each request passes the shop's
 * own. The SDK retries 408, 409, 429, 5xx, lost connections and timeouts up to `maxRetries` times
 * with exponential backoff and jitter, honouring Retry-After / retry-after-ms; then it gives up
 * and the copywriter falls back to the template.
 */
export type OpenAiOptions = {
  /** Absent with a baseURL: a local server that needs no key. */
  apiKey?: string;
  baseURL?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** For tests: a fetch to send requests with. */
  fetch?: typeof fetch;
};

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_RETRIES = 2;

/** What the SDK wants when a compatible server asks for no key (it refuses to construct without one). */
const NO_KEY = "no-key-needed";

export function createOpenAiChatModel(options: OpenAiOptions): ChatModel {
  const client = new OpenAI({
    apiKey: options.apiKey ?? NO_KEY,
    baseURL: options.baseURL ?? null,
    organization: null,
    project: null,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { complete: (request) => complete(client, request) };
}

/** The model from the environment, or null (templates only, no network) without a key or a base URL. */
export function chatModelFromEnv(env: { OPENAI_API_KEY?: string; OPENAI_BASE_URL?: string }): ChatModel | null {
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) return null;
  return createOpenAiChatModel({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL });
}

function usageOf(usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): TokenUsage {
  const n = (value: number | undefined) => (typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.round(value) : 0);
  return { promptTokens: n(usage?.prompt_tokens), completionTokens: n(usage?.completion_tokens) };
}

async function complete(client: OpenAI, request: ChatRequest): Promise<ChatResult> {
  let completion: OpenAI.Chat.Completions.ChatCompletion;
  try {
    completion = await client.chat.completions.create(
      {
        model: request.model,
        messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
        response_format: zodResponseFormat(request.responseFormat.schema, request.responseFormat.name),
        max_completion_tokens: request.maxOutputTokens,
      },
      { timeout: request.timeoutMs, maxRetries: request.maxRetries },
    );
  } catch (error) {
    return failureOf(error);
  }
  const usage = usageOf(completion.usage);
  const modelVersion = typeof completion.model === "string" && completion.model !== "" ? completion.model : request.model;
  const choice = completion.choices?.[0];
  const message = choice?.message;
  if (message?.refusal) return { ok: false, failure: "refusal", message: `the model refused: ${message.refusal.slice(0, 200)}`, usage, modelVersion };
  if (choice?.finish_reason === "length") return { ok: false, failure: "truncated", message: "the reply was cut off at the output token limit", usage, modelVersion };
  if (choice?.finish_reason === "content_filter") return { ok: false, failure: "refusal", message: "the provider's content filter stopped the reply", usage, modelVersion };
  const content = message?.content;
  if (typeof content !== "string" || content.trim() === "") return { ok: false, failure: "empty", message: "the reply had no content", usage, modelVersion };
  return { ok: true, content, usage, modelVersion };
}

function failureOf(error: unknown): ChatResult {
  const none: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  if (error instanceof APIConnectionTimeoutError) return { ok: false, failure: "timeout", message: "the request timed out (after any retries)", usage: none };
  if (error instanceof APIConnectionError) return { ok: false, failure: "error", message: `no connection: ${error.message}`, usage: none };
  if (error instanceof APIError) return { ok: false, failure: "error", message: `HTTP ${error.status ?? "?"}: ${error.message}`.slice(0, 300), usage: none, ...(error.status ? { status: error.status } : {}) };
  return { ok: false, failure: "error", message: (error instanceof Error ? error.message : String(error)).slice(0, 300), usage: none };
}
