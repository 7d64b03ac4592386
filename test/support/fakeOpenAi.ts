import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A local OpenAI-compatible server for tests: POST /v1/chat/completions answers from a script, in
 * order, and every request is kept (headers and parsed body) for the test to inspect. The real
 * `openai` client talks to it over HTTP on 127.0.0.1, so retries, timeouts and the request body
 * are the SDK's own.
 */
export type FakeUsage = { prompt_tokens: number; completion_tokens: number };

export type FakeReply =
  /** A completion whose message content is `content` (any text: valid JSON or not). */
  | { kind: "completion"; content: string | null; usage?: FakeUsage; model?: string; finishReason?: string; refusal?: string }
  /** An HTTP error with an OpenAI-style error body. */
  | { kind: "status"; status: number; message?: string; headers?: Record<string, string> }
  /** Never answers (until the server closes). */
  | { kind: "hang" };

export type FakeRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: ChatBody };

export type ChatBody = {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
  max_completion_tokens?: number;
  [key: string]: unknown;
};

export type FakeOpenAi = {
  /** What to pass as the SDK's baseURL ("http://127.0.0.1:<port>/v1"). */
  baseURL: string;
  requests: FakeRequest[];
  /** Adds replies to the end of the script. */
  script(...replies: FakeReply[]): void;
  /** Replies not yet used. */
  pending(): number;
  close(): Promise<void>;
};

export const DEFAULT_USAGE: FakeUsage = { prompt_tokens: 1_000, completion_tokens: 200 };

export function completion(content: unknown, options: { usage?: FakeUsage; model?: string } = {}): FakeReply {
  return { kind: "completion", content: typeof content === "string" ? content : JSON.stringify(content), ...options };
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  const queue: FakeReply[] = [];
  const sockets = new Set<Socket>();
  let served = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "";
      if (req.method !== "POST" || path !== "/v1/chat/completions") {
        send(res, 404, { error: { message: `no route ${req.method} ${path}`, type: "invalid_request_error" } });
        return;
      }
      let body: ChatBody;
      try {
        body = JSON.parse(text) as ChatBody;
      } catch {
        send(res, 400, { error: { message: "body is not JSON", type: "invalid_request_error" } });
        return;
      }
      requests.push({ method: req.method, path, headers: req.headers, body });
      const reply = queue.shift();
      if (!reply) {
        // Out of script: an error the SDK does not retry, so a test that asked for too many calls fails fast.
        send(res, 400, { error: { message: "the fake has no scripted reply left", type: "invalid_request_error" } }, { "x-should-retry": "false" });
        return;
      }
      respond(res, reply, body, ++served);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => void queue.push(...replies),
    pending: () => queue.length,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function respond(res: http.ServerResponse, reply: FakeReply, body: ChatBody, n: number): void {
  if (reply.kind === "hang") return;
  if (reply.kind === "status") {
    send(res, reply.status, { error: { message: reply.message ?? `scripted ${reply.status}`, type: reply.status === 429 ? "rate_limit_error" : "server_error" } }, reply.headers);
    return;
  }
  const usage = reply.usage ?? DEFAULT_USAGE;
  send(res, 200, {
    id: `chatcmpl-fake-${n}`,
    object: "chat.completion",
    created: 1_780_000_000,
    model: reply.model ?? `${body.model}-2024-fake`,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: reply.content, refusal: reply.refusal ?? null },
        finish_reason: reply.finishReason ?? "stop",
        logprobs: null,
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
}
