import { z } from "zod";

/** Who a customer is, as the admin shows them, and where their locale and time zone come from. */
export type IdentityFacts = {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  redactedAt: Date | null;
  deletedAt: Date | null;
};

export function displayName(customer: IdentityFacts): string {
  if (customer.redactedAt) return `Redacted customer ${customer.id}`;
  const name = [customer.firstName, customer.lastName]
    .map((part) => part?.trim() ?? "")
    .filter(Boolean)
    .join(" ");
  return name || customer.email || `Customer ${customer.id}`;
}

export type ZoneAndLocale = {
  timeZone: string;
  timeZoneSource: "customer" | "shop";
  locale: string | null;
  localeSource: "customer" | "order" | null;
};

/**
 * The customer's own time zone (from the pixel or their address) else the shop's; their locale,
 * else the one their most recent order was placed in.
 */
export function zoneAndLocale(
  customer: { timeZone: string | null; locale: string | null },
  shopTimeZone: string,
  latestOrderLocale: string | null,
): ZoneAndLocale {
  return {
    timeZone: customer.timeZone ?? shopTimeZone,
    timeZoneSource: customer.timeZone ? "customer" : "shop",
    locale: customer.locale ?? latestOrderLocale,
    localeSource: customer.locale ? "customer" : latestOrderLocale ? "order" : null,
  };
}

const StringList = z.array(z.string());

/** A JSON array of strings as stored (tags, discount codes); anything else reads as empty. */
export function parseStringList(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const parsed = StringList.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Email marketing may be sent only to subscribed customers whose data has not been erased. */
export function canEmail(customer: { emailMarketingState: string; email: string | null; redactedAt: Date | null; deletedAt: Date | null }): boolean {
  return customer.emailMarketingState === "SUBSCRIBED" && customer.email !== null && !customer.redactedAt && !customer.deletedAt;
}
