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
export type FlowTriggerCall = { handle: string; payload: Record<string, unknown> };
export type FakeMetafield = { id: string; ownerId: string; namespace: string; key: string; type: string; value: string };
type FakeUserError = { field: string[] | null; message: string; code?: string | null; elementIndex?: number | null };
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
  /** Flow triggers the app has deployed: handle -> the payload keys its fields declare (customer_id included). */
  readonly flowTriggers = new Map<string, ReadonlySet<string>>();
  /** flowTriggerReceive calls that started workflows. */
  readonly flowTriggerCalls: FlowTriggerCall[] = [];
  /** userErrors the next flowTriggerReceive answers with (one entry per call). */
  readonly flowTriggerUserErrors: Array<Array<{ field: string[] | null; message: string }>> = [];
  /** Metafield definitions: "<namespace as the app writes it>.<key>" -> type. */
  readonly metafieldDefinitions = new Map<string, string>();
  /** Stored metafields: "<ownerId> <namespace>.<key>" -> metafield (namespace as the app wrote it). */
  readonly metafields = new Map<string, FakeMetafield>();
  /** The app's id, which `$app` namespaces resolve to (`$app:x` -> `app--<id>--x`). */
  readonly appId = "4242";
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
    if (query.includes("flowTriggerReceive")) return { data: { flowTriggerReceive: this.#flowTriggerReceive(variables) } };
    if (query.includes("metafieldsSet")) return { data: { metafieldsSet: this.#metafieldsSet(variables) } };
    return { errors: [{ message: `fake Shopify does not answer: ${query.slice(0, 80)}` }] };
  }

  /** flowTriggerReceive(handle:, payload:): the handle must be a deployed trigger and the payload carry exactly its fields. */
  #flowTriggerReceive(variables: Record<string, unknown>): { userErrors: FakeUserError[] } {
    const injected = this.flowTriggerUserErrors.shift();
    if (injected) return { userErrors: injected };
    const handle = String(variables.handle ?? "");
    const keys = this.flowTriggers.get(handle);
    if (!keys) return { userErrors: [{ field: ["handle"], message: `Could not find a trigger with handle '${handle}'.` }] };
    const payload = variables.payload;
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return { userErrors: [{ field: ["payload"], message: "Payload must be a JSON object." }] };
    const sent = Object.keys(payload);
    const errors: FakeUserError[] = [
      ...sent.filter((key) => !keys.has(key)).map((key) => ({ field: ["payload", key], message: `'${key}' is not a field of trigger '${handle}'.` })),
      ...[...keys].filter((key) => !sent.includes(key)).map((key) => ({ field: ["payload", key], message: `Missing field '${key}'.` })),
    ];
    if (errors.length > 0) return { userErrors: errors };
    this.flowTriggerCalls.push({ handle, payload: payload as Record<string, unknown> });
    return { userErrors: [] };
  }

  /** metafieldsSet(metafields:): atomic; values are checked against their definition's type. */
  #metafieldsSet(variables: Record<string, unknown>): { metafields: Array<Omit<FakeMetafield, "ownerId">> | null; userErrors: FakeUserError[] } {
    const inputs = Array.isArray(variables.metafields) ? (variables.metafields as Array<Record<string, unknown>>) : [];
    const errors: FakeUserError[] = [];
    if (inputs.length > 25) errors.push({ field: ["metafields"], code: "LESS_THAN_OR_EQUAL_TO", message: "Exceeded the maximum metafields input limit of 25.", elementIndex: null });
    inputs.forEach((input, index) => {
      const at = (name: string) => ["metafields", String(index), name];
      const [ownerId, namespace, key, type, value] = ["ownerId", "namespace", "key", "type", "value"].map((name) => (typeof input[name] === "string" ? (input[name] as string) : ""));
      if (!/^gid:\/\/shopify\/Customer\/\d+$/.test(ownerId ?? "")) errors.push({ field: at("ownerId"), code: "INVALID", message: "Owner does not exist.", elementIndex: index });
      const defined = this.metafieldDefinitions.get(`${namespace}.${key}`);
      if (defined && defined !== type) {
        errors.push({ field: at("type"), code: "INVALID_TYPE", message: `Type '${type}' must be consistent with the definition's type: '${defined}'.`, elementIndex: index });
      } else {
        const problem = invalidMetafieldValue(type ?? "", value ?? "");
        if (problem) errors.push({ field: at("value"), code: "INVALID_VALUE", message: problem, elementIndex: index });
      }
    });
    if (errors.length > 0) return { metafields: null, userErrors: errors };
    const written = inputs.map((input) => {
      const [ownerId, namespace, key, type, value] = ["ownerId", "namespace", "key", "type", "value"].map((name) => String(input[name])) as [string, string, string, string, string];
      const slot = `${ownerId} ${namespace}.${key}`;
      const id = this.metafields.get(slot)?.id ?? `gid://shopify/Metafield/${this.#nextId++}`;
      this.metafields.set(slot, { id, ownerId, namespace, key, type, value });
      return { id, namespace: namespace.replace(/^\$app(?::(.+))?$/, (_all, sub: string | undefined) => `app--${this.appId}${sub ? `--${sub}` : ""}`), key, type, value };
    });
    return { metafields: written, userErrors: [] };
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

/** Why a value does not fit its metafield type (the types the app writes), or null. */
function invalidMetafieldValue(type: string, value: string): string | null {
  switch (type) {
    case "number_integer":
      return /^-?\d+$/.test(value) ? null : "Value must be an integer.";
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : "Value must be in YYYY-MM-DD format.";
    case "json":
      try {
        JSON.parse(value);
        return null;
      } catch {
        return "Value is invalid JSON.";
      }
    case "list.product_reference": {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return "Value is invalid JSON.";
      }
      return Array.isArray(parsed) && parsed.every((item) => typeof item === "string" && /^gid:\/\/shopify\/Product\/\d+$/.test(item))
        ? null
        : "Value must be a list of product references.";
    }
    case "single_line_text_field":
      return value.includes("\n") ? "Value must be a single line." : null;
    default:
      return `Type '${type}' is not supported by this fake.`;
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
