/**
 * Personal data inside raw inbox payloads (pure functions, used by the export and the redaction).
 *
 * The inbox keeps every webhook body verbatim so events can be replayed; after `customers/redact`
 * those bodies must not keep the shopper's personal data either. A webhook or backfill body is
 * scrubbed in place: contact details, names, addresses, notes, free-text tags, browser and landing
 * details are nulled and an embedded customer is reduced to its id, while ids, amounts, line items
 * and timestamps stay, so the scrubbed body still validates and replays to the same anonymous
 * rows. A pixel event is replaced whole by a marker: it is nothing but browsing, which the
 * redaction deletes, so replaying it must fail validation rather than bring the browsing back.
 */

export type PersonKeys = {
  customerId: string;
  /** Lower-cased. */
  emails: ReadonlySet<string>;
  orderIds: ReadonlySet<string>;
  clientIds: ReadonlySet<string>;
  cartTokens: ReadonlySet<string>;
};

/** Keys whose values are personal data wherever they appear in a Shopify payload. */
const ERASED_KEYS = new Set([
  "email",
  "contact_email",
  "email_address",
  "phone",
  "first_name",
  "last_name",
  "note",
  "note_attributes",
  "tags",
  "browser_ip",
  "client_details",
  "customer_locale",
  "landing_site",
  "landing_site_ref",
  "referring_site",
  "abandoned_checkout_url",
  "billing_address",
  "shipping_address",
  "default_address",
  "addresses",
  "sms_marketing_consent",
]);

const EMAIL_KEYS = new Set(["email", "contact_email", "email_address"]);
const CUSTOMER_ID_KEYS = new Set(["customer_id", "customerId"]);

export const REDACTED_PIXEL_PAYLOAD = { redacted: "customers/redact" } as const;

/** Whether a raw inbox payload is about this customer (their record, their orders, carts or browsers). */
export function concernsCustomer(source: string, topic: string, payload: unknown, keys: PersonKeys): boolean {
  if (!isObject(payload)) return false;
  const resource = topic.split("/")[0] ?? topic;
  if (resource === "customers" && idOf(payload.id) === keys.customerId) return true;
  if (resource === "orders" && keys.orderIds.has(idOf(payload.id) ?? "")) return true;
  if (resource === "carts" && keys.cartTokens.has(typeof payload.token === "string" ? payload.token : "")) return true;
  if (source === "pixel" && typeof payload.clientId === "string" && keys.clientIds.has(payload.clientId)) return true;
  return someObject(payload, (object) => {
    for (const [key, value] of Object.entries(object)) {
      if (key === "customer" && isObject(value) && idOf(value.id) === keys.customerId) return true;
      if (CUSTOMER_ID_KEYS.has(key) && idOf(value) === keys.customerId) return true;
      if (key === "clientId" && typeof value === "string" && keys.clientIds.has(value)) return true;
      if (EMAIL_KEYS.has(key) && typeof value === "string" && keys.emails.has(value.trim().toLowerCase())) return true;
    }
    return false;
  });
}

/** The payload without personal data (see the file comment). */
export function scrubPersonalData(source: string, payload: unknown): unknown {
  if (source === "pixel") return REDACTED_PIXEL_PAYLOAD;
  return scrub(payload);
}

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (ERASED_KEYS.has(key)) out[key] = Array.isArray(inner) ? [] : null;
    else if (key === "customer" && isObject(inner)) out[key] = { id: inner.id ?? null };
    else out[key] = scrub(inner);
  }
  return out;
}

function someObject(value: unknown, test: (object: Record<string, unknown>) => boolean): boolean {
  if (Array.isArray(value)) return value.some((item) => someObject(item, test));
  if (!isObject(value)) return false;
  return test(value) || Object.values(value).some((inner) => someObject(inner, test));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A Shopify id as the app keeps it: digits, from a number, a digit string or a gid. */
function idOf(value: unknown): string | null {
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  if (typeof value === "string") {
    const match = /^(?:gid:\/\/shopify\/[A-Za-z]+\/)?(\d+)$/.exec(value);
    return match ? (match[1] as string) : null;
  }
  return null;
}
