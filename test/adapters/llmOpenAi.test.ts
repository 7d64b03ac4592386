import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { chatModelFromEnv, createOpenAiChatModel } from "~/adapters/llm/openAiChatModel.server";
import type { ChatRequest } from "~/domain/content/llm/chatModel";
import { completion, startFakeOpenAi, type FakeOpenAi } from "../support/fakeOpenAi";

/**
 * The OpenAI adapter with the real SDK against a local OpenAI-compatible server: what it sends,
 * what it makes of each kind of answer, and its bounded retries.
 */
let fake: FakeOpenAi;

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  expect(fake.pending()).toBe(0);
});

const Answer = z.strictObject({ subject: z.string(), paragraphs: z.array(z.string()).min(1) });

function request(changes: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Write an email." },
      { role: "user", content: "<data>{}</data>" },
    ],
    responseFormat: { name: "marketing_email", schema: Answer },
    maxOutputTokens: 500,
    timeoutMs: 5_000,
    maxRetries: 2,
    ...changes,
  };
}

const model = () => createOpenAiChatModel({ apiKey: "sk-test", baseURL: fake.baseURL, timeoutMs: 5_000, maxRetries: 0 });

describe("the OpenAI chat model adapter", () => {
  it("sends the messages with a strict json_schema response format and returns the content, usage and model version", async () => {
    fake.script(completion({ subject: "Hi", paragraphs: ["Hello"] }, { usage: { prompt_tokens: 812, completion_tokens: 95 }, model: "gpt-4o-mini-2024-07-18" }));
    const result = await model().complete(request());
    expect(result).toEqual({ ok: true, content: JSON.stringify({ subject: "Hi", paragraphs: ["Hello"] }), usage: { promptTokens: 812, completionTokens: 95 }, modelVersion: "gpt-4o-mini-2024-07-18" });
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.headers.authorization).toBe("Bearer sk-test");
    expect(sent.body.model).toBe("gpt-4o-mini");
    expect(sent.body.messages).toEqual(request().messages);
    expect(sent.body.max_completion_tokens).toBe(500);
    expect(sent.body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "marketing_email", strict: true } });
    expect(sent.body.response_format?.json_schema?.schema).toMatchObject({ type: "object", required: ["subject", "paragraphs"], additionalProperties: false });
  });

  it("retries a 429 (honouring retry-after-ms) and returns the answer that follows", async () => {
    fake.script({ kind: "status", status: 429, headers: { "retry-after-ms": "5" } }, completion({ subject: "Hi", paragraphs: ["Again"] }));
    const result = await model().complete(request({ maxRetries: 2 }));
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });

  it.each([
    ["a 5xx", 503, 3],
    ["a 429", 429, 3],
  ])("gives up on %s after maxRetries retries, as an error value with the status", async (_name, status, expectedRequests) => {
    for (let i = 0; i < expectedRequests; i++) fake.script({ kind: "status", status, headers: { "retry-after-ms": "1" } });
    const result = await model().complete(request({ maxRetries: 2 }));
    expect(result).toMatchObject({ ok: false, failure: "error", status, usage: { promptTokens: 0, completionTokens: 0 } });
    expect(fake.requests).toHaveLength(expectedRequests);
  });

  it("does not retry a 400", async () => {
    fake.script({ kind: "status", status: 400, message: "bad schema" });
    const result = await model().complete(request({ maxRetries: 2 }));
    expect(result).toMatchObject({ ok: false, failure: "error", status: 400 });
    expect(fake.requests).toHaveLength(1);
  });

  it("times out a server that never answers, retrying up to maxRetries, as a timeout value", async () => {
    fake.script({ kind: "hang" }, { kind: "hang" });
    const result = await model().complete(request({ timeoutMs: 100, maxRetries: 1 }));
    expect(result).toMatchObject({ ok: false, failure: "timeout" });
    expect(fake.requests).toHaveLength(2);
  });

  it.each([
    ["a refusal", { kind: "completion" as const, content: null, refusal: "I can't help with that." }, "refusal"],
    ["a reply cut off at the token limit", { kind: "completion" as const, content: '{"subject":"Hi","para', finishReason: "length" }, "truncated"],
    ["a content filter stop", { kind: "completion" as const, content: "", finishReason: "content_filter" }, "refusal"],
    ["an empty reply", { kind: "completion" as const, content: "   " }, "empty"],
  ])("returns %s as a failure that keeps the tokens used", async (_name, reply, failure) => {
    fake.script({ ...reply, usage: { prompt_tokens: 700, completion_tokens: 40 } });
    const result = await model().complete(request());
    expect(result).toMatchObject({ ok: false, failure, usage: { promptTokens: 700, completionTokens: 40 } });
  });

  it("reports a server that is not there as an error, not a throw", async () => {
    const gone = await startFakeOpenAi();
    const baseURL = gone.baseURL;
    await gone.close();
    const result = await createOpenAiChatModel({ apiKey: "sk-test", baseURL, maxRetries: 0 }).complete(request({ maxRetries: 0 }));
    expect(result).toMatchObject({ ok: false, failure: "error" });
  });

  it("is built from the environment only with a key or a base URL; a base URL alone needs no key", async () => {
    expect(chatModelFromEnv({})).toBeNull();
    const local = chatModelFromEnv({ OPENAI_BASE_URL: fake.baseURL });
    expect(local).not.toBeNull();
    fake.script(completion({ subject: "Hi", paragraphs: ["Local"] }));
    const result = await local!.complete(request());
    expect(result.ok).toBe(true);
    expect(fake.requests[0]?.headers.authorization).toBe("Bearer no-key-needed");
  });
});
