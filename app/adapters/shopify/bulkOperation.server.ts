import { z } from "zod";
import type { AdminGraphql, BulkOperationState } from "~/domain/backfill/bulkOperation";
import type { GraphqlClient } from "./shopProfile.server";

/**
 * Bulk operations through the Admin GraphQL API: start one, read its state. Responses are parsed
 * with zod; GraphQL `errors` and mutation `userErrors` come back as values with Shopify's message,
 * network failures throw.
 */

/** The production AdminGraphql: shopify-app-remix's `admin.graphql`, which answers a Response. */
export function adminGraphqlFrom(admin: GraphqlClient): AdminGraphql {
  return async (query, variables) => {
    try {
      const response = await admin.graphql(query, variables ? { variables } : undefined);
      return await response.json();
    } catch (error) {
      // @shopify/shopify-api throws GraphqlQueryError for a response with `errors`; its body is the JSON.
      const body = typeof error === "object" && error !== null && "body" in error ? error.body : undefined;
      if (typeof body === "object" && body !== null && "errors" in body) return body;
      throw error;
    }
  };
}

const RUN_QUERY_MUTATION = `#graphql
  mutation BackfillRunQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: true) {
      bulkOperation { ${operationFields()} }
      userErrors { field message code }
    }
  }`;

const OPERATION_QUERY = `#graphql
  query BackfillOperation($id: ID!) {
    node(id: $id) {
      ... on BulkOperation { ${operationFields()} }
    }
  }`;

function operationFields(): string {
  return "id status errorCode objectCount rootObjectCount fileSize url partialDataUrl completedAt";
}

/** UnsignedInt64 is serialized as a string of digits. */
const Count = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);

const Operation = z.object({
  id: z.string(),
  status: z.string(),
  errorCode: z.string().nullish().transform((v) => v ?? null),
  objectCount: Count.nullish().transform((v) => v ?? 0),
  rootObjectCount: Count.nullish().transform((v) => v ?? 0),
  fileSize: Count.nullish().transform((v) => v ?? null),
  url: z.string().nullish().transform((v) => v ?? null),
  partialDataUrl: z.string().nullish().transform((v) => v ?? null),
  completedAt: z.string().nullish().transform((v) => v ?? null),
});

const GraphqlErrors = z.array(z.object({ message: z.string() })).nullish();

const RunQueryResponse = z.object({
  data: z
    .object({
      bulkOperationRunQuery: z
        .object({
          bulkOperation: Operation.nullish(),
          userErrors: z.array(z.object({ field: z.array(z.string()).nullish(), message: z.string(), code: z.string().nullish() })),
        })
        .nullish(),
    })
    .nullish(),
  errors: GraphqlErrors,
});

const OperationResponse = z.object({
  // Another node type would come back as {} (the fragment does not apply): read as "not found".
  data: z.object({ node: z.union([Operation, z.object({}).strict().transform(() => null)]).nullish() }).nullish(),
  errors: GraphqlErrors,
});

export type StartOutcome = { ok: true; operation: BulkOperationState } | { ok: false; error: string };

/** Submits one bulk query (grouped output: each object's children follow it). */
export async function runBulkQuery(graphql: AdminGraphql, query: string): Promise<StartOutcome> {
  const parsed = RunQueryResponse.safeParse(await graphql(RUN_QUERY_MUTATION, { query }));
  if (!parsed.success) return { ok: false, error: `unexpected response from bulkOperationRunQuery: ${parsed.error.issues[0]?.message ?? ""}` };
  const { data, errors } = parsed.data;
  if (errors?.length) return { ok: false, error: errors.map((e) => e.message).join("; ") };
  const payload = data?.bulkOperationRunQuery;
  if (payload?.userErrors.length) {
    return { ok: false, error: payload.userErrors.map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message)).join("; ") };
  }
  if (!payload?.bulkOperation) return { ok: false, error: "bulkOperationRunQuery returned no bulk operation" };
  return { ok: true, operation: payload.bulkOperation };
}

export type FetchOutcome = { ok: true; operation: BulkOperationState | null } | { ok: false; error: string };

/** A bulk operation's current state; `operation: null` when Shopify does not know the id. */
export async function fetchBulkOperation(graphql: AdminGraphql, id: string): Promise<FetchOutcome> {
  const parsed = OperationResponse.safeParse(await graphql(OPERATION_QUERY, { id }));
  if (!parsed.success) return { ok: false, error: `unexpected response reading ${id}: ${parsed.error.issues[0]?.message ?? ""}` };
  const { data, errors } = parsed.data;
  if (errors?.length) return { ok: false, error: errors.map((e) => e.message).join("; ") };
  return { ok: true, operation: data?.node ?? null };
}
