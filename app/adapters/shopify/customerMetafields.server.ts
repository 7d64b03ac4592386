import { z } from "zod";
import type { AdminGraphql } from "~/domain/backfill/bulkOperation";
import type { MetafieldsSetRequest } from "~/domain/delivery/metafieldPayload";
import { describeUserErrors, GraphqlErrors, UserError, type AdminCallOutcome } from "./flowTrigger.server";

/**
 * Writes a customer's metafields in the app's reserved namespace with the Admin GraphQL mutation
 * `metafieldsSet` (at most 25 per call, atomic: one bad value and nothing is written). A value that
 * does not fit its definition's type comes back as `userErrors` (code, field, elementIndex), which
 * is a failed outcome with Shopify's message; a network failure throws.
 */

export const METAFIELDS_SET = `#graphql
  mutation CustomerMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id namespace key type }
      userErrors { field message code elementIndex }
    }
  }`;

/** metafieldsSet's documented limit per call. */
export const METAFIELDS_PER_CALL = 25;

const MetafieldsSetUserError = UserError.extend({ code: z.string().nullish(), elementIndex: z.number().int().nullish() });

const Response = z.object({
  data: z
    .object({
      metafieldsSet: z
        .object({
          metafields: z.array(z.object({ id: z.string(), namespace: z.string(), key: z.string(), type: z.string() }).passthrough()).nullish(),
          userErrors: z.array(MetafieldsSetUserError),
        })
        .nullish(),
    })
    .nullish(),
  errors: GraphqlErrors.nullish(),
});

export async function setCustomerMetafields(graphql: AdminGraphql, request: MetafieldsSetRequest): Promise<AdminCallOutcome> {
  if (request.metafields.length === 0) return { ok: true, response: { metafields: [], userErrors: [] } };
  if (request.metafields.length > METAFIELDS_PER_CALL) {
    return { ok: false, error: `metafieldsSet takes at most ${METAFIELDS_PER_CALL} metafields, not ${request.metafields.length}`, response: null };
  }
  const body = await graphql(METAFIELDS_SET, { metafields: request.metafields });
  const parsed = Response.safeParse(body);
  if (!parsed.success) return { ok: false, error: `unexpected response from metafieldsSet: ${parsed.error.issues[0]?.message ?? ""}`, response: body };
  const { data, errors } = parsed.data;
  if (errors?.length) return { ok: false, error: errors.map((e) => e.message).join("; "), response: { errors } };
  const result = data?.metafieldsSet;
  if (!result) return { ok: false, error: "metafieldsSet returned nothing", response: body };
  if (result.userErrors.length > 0) {
    const described = result.userErrors.map((e) => {
      const input = typeof e.elementIndex === "number" ? request.metafields[e.elementIndex] : undefined;
      const where = input ? `${input.key} (${input.type}): ` : "";
      return `${where}${e.code ? `${e.code} ` : ""}${describeUserErrors([e])}`;
    });
    return { ok: false, error: described.join("; "), response: result };
  }
  return { ok: true, response: result };
}
