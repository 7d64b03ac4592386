/**
 * What the app keeps of a pixel event: everything the event carries except the shopper's contact
 * details and addresses (a checkout carries email, phone and addresses). The projections never
 * read them (customers are identified by id), so they are never stored, which also keeps them out
 * of the inbox that `customers/redact` would otherwise have to comb.
 *
 * Works on the raw JSON (before zod), so the stored event is the event as sent, minus those keys.
 */
const PERSONAL_KEYS = new Set(["email", "phone", "firstName", "lastName", "billingAddress", "shippingAddress", "deliveryAddress", "address1", "address2"]);
const MAX_DEPTH = 12;

export function minimizePixelEvent(raw: unknown): unknown {
  return strip(raw, 0);
}

function strip(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((item) => strip(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (!PERSONAL_KEYS.has(key)) out[key] = strip(inner, depth + 1);
  }
  return out;
}
