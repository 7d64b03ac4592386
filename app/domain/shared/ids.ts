import { z } from "zod";

/**
 * Shopify object ids arrive as JSON numbers in REST-shaped webhook payloads and as
 * `gid://shopify/Type/123` strings from GraphQL. The app keeps the numeric part as a string:
 * strings compare and index the same on SQLite and PostgreSQL, and never lose precision.
 */
export const ShopifyId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^(gid:\/\/shopify\/[A-Za-z]+\/)?\d+$/)])
  .transform((value) => (typeof value === "number" ? String(value) : value.replace(/^gid:\/\/shopify\/[A-Za-z]+\//, "")));
export type ShopifyId = z.output<typeof ShopifyId>;

/** A gid for a numeric id, as the Admin GraphQL API names objects. */
export function toGid(type: string, id: string): string {
  return `gid://shopify/${type}/${id}`;
}

/**
 * Quote integers of 16+ digits in `"...id": 1234...` positions before JSON.parse, so ids beyond
 * Number.MAX_SAFE_INTEGER (Shopify's own documentation examples use them) survive parsing.
 */
export function parseShopifyJson(text: string): unknown {
  const guarded = text.replace(/("(?:id|[a-z_]*_id)"\s*:\s*)(\d{16,})(?=\s*[,}\]])/g, '$1"$2"');
  return JSON.parse(guarded);
}
