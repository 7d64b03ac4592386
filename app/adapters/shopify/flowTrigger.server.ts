import { z } from "zod";
import type { AdminGraphql } from "~/domain/backfill/bulkOperation";
import type { FlowTriggerRequest } from "~/domain/delivery/flowPayload";

/**
 * Starts the merchant's Shopify Flow workflows for one event: the Admin GraphQL mutation
 * `flowTriggerReceive(handle:, payload:)`, whose payload carries the fields the trigger extension
 * declares (extensions/flow-trigger-<agent>/shopify.extension.toml). Shopify answers only
 * `userErrors`. GraphQL `errors` and `userErrors` come back as a failed outcome with Shopify's
 * message; a network failure throws.
 */

export const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation FlowTriggerReceive($handle: String, $payload: JSON) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors { field message }
    }
  }`;

/** What an Admin mutation answered: `response` is kept on the Delivery row as the channel's answer. */
export type AdminCallOutcome = { ok: true; response: unknown } | { ok: false; error: string; response: unknown };

export const UserError = z.object({ field: z.array(z.string()).nullish(), message: z.string() }).passthrough();
export const GraphqlErrors = z.array(z.object({ message: z.string() }).passthrough());

const Response = z.object({
  data: z.object({ flowTriggerReceive: z.object({ userErrors: z.array(UserError) }).nullish() }).nullish(),
  errors: GraphqlErrors.nullish(),
});

export async function triggerFlow(graphql: AdminGraphql, request: FlowTriggerRequest): Promise<AdminCallOutcome> {
  const body = await graphql(FLOW_TRIGGER_RECEIVE, { handle: request.handle, payload: request.payload });
  const parsed = Response.safeParse(body);
  if (!parsed.success) return { ok: false, error: `unexpected response from flowTriggerReceive: ${parsed.error.issues[0]?.message ?? ""}`, response: body };
  const { data, errors } = parsed.data;
  if (errors?.length) return { ok: false, error: errors.map((e) => e.message).join("; "), response: { errors } };
  const result = data?.flowTriggerReceive;
  if (!result) return { ok: false, error: "flowTriggerReceive returned nothing", response: body };
  if (result.userErrors.length > 0) return { ok: false, error: describeUserErrors(result.userErrors), response: result };
  return { ok: true, response: result };
}

export function describeUserErrors(errors: ReadonlyArray<z.infer<typeof UserError>>): string {
  return errors.map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message)).join("; ");
}
