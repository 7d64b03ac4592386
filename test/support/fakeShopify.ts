import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AdminGraphql } from "~/domain/backfill/bulkOperation";
import { serveResultFile, writeLines, type ResultFileBehaviour } from "./fakeShopifyFiles";

export type { ResultFileBehaviour };

/**
 * A local stand-in for the Shopify Admin API's bulk operations, over real HTTP: the
 * bulkOperationRunQuery mutation (with Shopify's response shapes, userErrors included, and its
 * one-bulk-query-at-a-time rule), node(id) for a BulkOperation, and the JSONL result files,
 * served with Range support from files on disk so large exports stream without being held in
 * memory. Tests drive the operations' lifecycle (complete, fail) and can break the file transfer.
 */

type Resource = "orders" | "customers" | "products";

export type FakeOperation = {
  id: string;
  resource: Resource | null;
  query: string;
  groupObjects: boolean;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED" | "EXPIRED";
  errorCode: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
  completedAt: string | null;
};

export type GraphqlCall = { query: string; variables: Record<string, unknown> | undefined };
export type FileRequest = { path: string; range: string | null };

export class FakeShopify {
  readonly operations = new Map<string, FakeOperation>();
  readonly graphqlCalls: GraphqlCall[] = [];
  readonly fileRequests: FileRequest[] = [];
  /** userErrors the next bulkOperationRunQuery answers with (one entry per call). */
  readonly runQueryUserErrors: Array<Array<{ field: string[] | null; message: string; code?: string }>> = [];
  /** Top-level GraphQL `errors` for the next requests (one entry per call). */
  readonly graphqlErrors: Array<Array<{ message: string }>> = [];
  readonly fileBehaviour = new Map<string, ResultFileBehaviour>();
  /** Export contents by resource, used by completeOperation(). */
  readonly exports = new Map<Resource, () => Iterable<string>>();

  #server: http.Server;
  #dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-shopify-"));
  #nextId = 1000;
  url = "";

  private constructor() {
    this.#server = http.createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
  }

  static async start(): Promise<FakeShopify> {
    const fake = new FakeShopify();
    await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
    const address = fake.#server.address();
    if (!address || typeof address === "string") throw new Error("fake Shopify has no port");
    fake.url = `http://127.0.0.1:${address.port}`;
    return fake;
  }

  get graphqlUrl(): string {
    return `${this.url}/admin/api/2026-07/graphql.json`;
  }

  /** The AdminGraphql port, talking to this server over HTTP as the production adapter talks to Shopify. */
  adminGraphql(): AdminGraphql {
    return async (query, variables) => {
      const response = await fetch(this.graphqlUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_test" },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    };
  }

  /** A `GraphqlClient` like shopify-app-remix's `admin` (answers a Response), for the production adapter. */
  adminClient(): { graphql: (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response> } {
    return {
      graphql: (query, options) =>
        fetch(this.graphqlUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query, variables: options?.variables }) }),
    };
  }

  setExport(resource: Resource, lines: Iterable<string> | (() => Iterable<string>)): void {
    this.exports.set(resource, typeof lines === "function" ? lines : () => lines);
  }

  /** The operation most recently created. */
  latest(): FakeOperation {
    const last = [...this.operations.values()].at(-1);
    if (!last) throw new Error("no bulk operation has been created");
    return last;
  }

  /** Completes an operation with its resource's export (or the lines given), written to a file served over HTTP. */
  async completeOperation(id: string, lines?: Iterable<string>): Promise<FakeOperation> {
    const operation = this.#operation(id);
    const source = lines ?? (operation.resource ? this.exports.get(operation.resource)?.() : undefined) ?? [];
    const name = `${id.replace(/\D/g, "")}.jsonl`;
    const file = path.join(this.#dir, name);
    const { count, roots, bytes } = await writeLines(file, source);
    Object.assign(operation, {
      status: "COMPLETED",
      objectCount: count,
      rootObjectCount: roots,
      fileSize: bytes,
      url: count === 0 ? null : `${this.url}/results/${name}`,
      completedAt: new Date().toISOString(),
    });
    return operation;
  }

  /** Completes an operation with these exact bytes (a last line without newline, a truncated line). */
  async completeWithContent(id: string, content: string): Promise<FakeOperation> {
    const operation = this.#operation(id);
    const name = `${id.replace(/\D/g, "")}.jsonl`;
    await fs.promises.writeFile(path.join(this.#dir, name), content);
    const lines = content.split("\n").filter((line) => line.length > 0);
    return Object.assign(operation, {
      status: "COMPLETED",
      objectCount: lines.length,
      rootObjectCount: lines.filter((line) => !line.includes('"__parentId"')).length,
      fileSize: Buffer.byteLength(content),
      url: `${this.url}/results/${name}`,
      completedAt: new Date().toISOString(),
    });
  }

  failOperation(id: string, errorCode = "INTERNAL_SERVER_ERROR"): FakeOperation {
    return Object.assign(this.#operation(id), { status: "FAILED", errorCode });
  }

  /** A result file's path on this server (for behaviours). */
  filePath(operation: FakeOperation): string {
    if (!operation.url) throw new Error(`${operation.id} has no result file`);
    return new URL(operation.url).pathname;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    fs.rmSync(this.#dir, { recursive: true, force: true });
  }

  #operation(id: string): FakeOperation {
    const operation = this.operations.get(id);
    if (!operation) throw new Error(`unknown bulk operation ${id}`);
    return operation;
  }

  async #handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", this.url);
    if (request.method === "POST" && /^\/admin\/api\/[\d-]+\/graphql\.json$/.test(url.pathname)) {
      const body = JSON.parse(await readBody(request)) as { query: string; variables?: Record<string, unknown> };
      this.graphqlCalls.push({ query: body.query, variables: body.variables });
      return json(response, this.#graphql(body.query, body.variables ?? {}));
    }
    if (request.method === "GET" && url.pathname.startsWith("/results/")) {
      const range = request.headers.range ?? null;
      this.fileRequests.push({ path: url.pathname, range });
      return serveResultFile(path.join(this.#dir, path.basename(url.pathname)), range, response, this.fileBehaviour.get(url.pathname) ?? {});
    }
    response.statusCode = 404;
    response.end();
  }

  #graphql(query: string, variables: Record<string, unknown>): unknown {
    const errors = this.graphqlErrors.shift();
    if (errors) return { errors };
    if (query.includes("bulkOperationRunQuery")) return { data: { bulkOperationRunQuery: this.#runQuery(query, variables) } };
    if (/\bnode\(id:/.test(query)) {
      const operation = this.operations.get(String(variables.id));
      return { data: { node: operation ? present(operation) : null } };
    }
    return { errors: [{ message: `fake Shopify does not answer: ${query.slice(0, 80)}` }] };
  }

  #runQuery(mutation: string, variables: Record<string, unknown>): unknown {
    const userErrors = this.runQueryUserErrors.shift();
    if (userErrors) return { bulkOperation: null, userErrors: userErrors.map((e) => ({ code: null, ...e })) };
    const running = [...this.operations.values()].find((op) => op.status === "CREATED" || op.status === "RUNNING");
    if (running) {
      return {
        bulkOperation: null,
        userErrors: [{ field: null, code: "OPERATION_IN_PROGRESS", message: `A bulk query operation for this app and shop is already in progress: ${running.id}.` }],
      };
    }
    const query = String(variables.query ?? "");
    const resource = /^\s*\{\s*(orders|customers|products)\b/.exec(query)?.[1] as Resource | undefined;
    if (!resource) return { bulkOperation: null, userErrors: [{ field: ["query"], code: "INVALID", message: "Bulk queries must contain at least one connection." }] };
    const id = `gid://shopify/BulkOperation/${this.#nextId++}`;
    const operation: FakeOperation = {
      id,
      resource,
      query,
      groupObjects: /groupObjects:\s*true/.test(mutation),
      status: "CREATED",
      errorCode: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      url: null,
      completedAt: null,
    };
    this.operations.set(id, operation);
    return { bulkOperation: present(operation), userErrors: [] };
  }

}

function present(operation: FakeOperation): Record<string, unknown> {
  return {
    id: operation.id,
    status: operation.status,
    errorCode: operation.errorCode,
    // UnsignedInt64 values are strings in Shopify's JSON.
    objectCount: String(operation.objectCount),
    rootObjectCount: String(operation.rootObjectCount),
    fileSize: operation.fileSize === null ? null : String(operation.fileSize),
    url: operation.url,
    partialDataUrl: null,
    completedAt: operation.completedAt,
  };
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function json(response: http.ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}
