import { z } from "zod";
import type { GraphqlClient } from "~/adapters/shopify/shopProfile.server";

/**
 * Activates the app's web pixel on a shop (extensions/web-pixel), or updates its settings when it
 * is already active: the app URL the pixel posts to and the shop's domain. Meant for `afterAuth`
 * (install and every re-auth), so a changed app URL reaches the pixel. Shopify validates the
 * settings against shopify.extension.toml.
 */
const CREATE = `#graphql
  mutation WebPixelCreate($webPixel: WebPixelInput!) {
    webPixelCreate(webPixel: $webPixel) {
      userErrors { code field message }
      webPixel { id settings }
    }
  }`;

const CURRENT = `#graphql
  query WebPixel {
    webPixel { id settings }
  }`;

const UPDATE = `#graphql
  mutation WebPixelUpdate($id: ID!, $webPixel: WebPixelInput!) {
    webPixelUpdate(id: $id, webPixel: $webPixel) {
      userErrors { code field message }
      webPixel { id settings }
    }
  }`;

const UserErrors = z.array(z.object({ code: z.string().nullish(), field: z.array(z.string()).nullish(), message: z.string() }));
const WebPixel = z.object({ id: z.string(), settings: z.unknown() });
const MutationResult = z.object({ userErrors: UserErrors, webPixel: WebPixel.nullish() });
const CreateResponse = z.object({ data: z.object({ webPixelCreate: MutationResult }) });
const UpdateResponse = z.object({ data: z.object({ webPixelUpdate: MutationResult }) });
const CurrentResponse = z.object({ data: z.object({ webPixel: WebPixel.nullish() }) });

export type WebPixelSettings = { appUrl: string; shop: string };
export type ConnectOutcome = { ok: true; id: string; action: "created" | "updated" } | { ok: false; error: string };

export async function connectWebPixel(admin: GraphqlClient, settings: WebPixelSettings): Promise<ConnectOutcome> {
  const input = { webPixel: { settings: JSON.stringify(settings) } };
  const created = CreateResponse.parse(await (await admin.graphql(CREATE, { variables: input })).json()).data.webPixelCreate;
  if (created.webPixel && created.userErrors.length === 0) return { ok: true, id: created.webPixel.id, action: "created" };
  if (!created.userErrors.some((error) => error.code === "TAKEN")) return { ok: false, error: describe(created.userErrors) };

  const current = CurrentResponse.parse(await (await admin.graphql(CURRENT)).json()).data.webPixel;
  if (!current) return { ok: false, error: "webPixelCreate says TAKEN but no web pixel was found" };
  const updated = UpdateResponse.parse(await (await admin.graphql(UPDATE, { variables: { id: current.id, ...input } })).json()).data.webPixelUpdate;
  if (updated.webPixel && updated.userErrors.length === 0) return { ok: true, id: updated.webPixel.id, action: "updated" };
  return { ok: false, error: describe(updated.userErrors) };
}

function describe(errors: z.infer<typeof UserErrors>): string {
  return errors.map((error) => `${error.code ?? "ERROR"}: ${error.message}`).join("; ") || "no web pixel returned";
}
