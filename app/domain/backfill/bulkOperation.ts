import { z } from "zod";

/** A bulk operation as the Admin API reports it (node(id) / bulkOperationRunQuery), counts as numbers. */
export type BulkOperationState = {
  id: string;
  /** CREATED | RUNNING | COMPLETED | FAILED | CANCELING | CANCELED | EXPIRED */
  status: string;
  /** ACCESS_DENIED | INTERNAL_SERVER_ERROR | TIMEOUT, for FAILED operations */
  errorCode: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
  partialDataUrl: string | null;
  completedAt: string | null;
};

export type OperationOutcome =
  | { kind: "waiting"; objectCount: number }
  | { kind: "completed"; url: string | null; objectCount: number }
  | { kind: "failed"; error: string };

/**
 * What a bulk operation's state means for its run. A COMPLETED operation with no `url` exported
 * nothing (an empty store): Shopify writes no file then.
 */
export function outcomeOf(operation: BulkOperationState): OperationOutcome {
  switch (operation.status) {
    case "CREATED":
    case "RUNNING":
      return { kind: "waiting", objectCount: operation.objectCount };
    case "COMPLETED":
      return { kind: "completed", url: operation.url, objectCount: operation.objectCount };
    case "FAILED":
      return { kind: "failed", error: `Shopify could not complete the export (${operation.errorCode ?? "no error code"})` };
    case "CANCELING":
    case "CANCELED":
      return { kind: "failed", error: "the export was canceled" };
    case "EXPIRED":
      return { kind: "failed", error: "the export's result file expired before it was imported" };
    default:
      return { kind: "failed", error: `unknown bulk operation status ${operation.status}` };
  }
}

/**
 * The `bulk_operations/finish` webhook body: flat, with status and error code in lower case
 * (`"completed"`, `"failed"`, `"canceled"`; `"access_denied"`, ...). It carries no result URL:
 * that is read with node(id) afterwards.
 */
export const BulkOperationFinishPayload = z.object({
  admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/BulkOperation\/\d+$/),
  status: z.string().transform((v) => v.toUpperCase()),
  error_code: z
    .string()
    .nullish()
    .transform((v) => (v ? v.toUpperCase() : null)),
  type: z.string().nullish(),
  completed_at: z.string().nullish(),
  created_at: z.string().nullish(),
});
export type BulkOperationFinishPayload = z.infer<typeof BulkOperationFinishPayload>;

/**
 * The port the backfill talks to Shopify through: one Admin GraphQL request, answering the JSON
 * body (`{ data, errors }`). Production wraps shopify-app-remix's `admin.graphql`
 * (app/adapters/shopify/bulkOperation.server.ts); tests point it at a local fake Shopify.
 */
export type AdminGraphql = (query: string, variables?: Record<string, unknown>) => Promise<unknown>;
