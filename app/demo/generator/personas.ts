import { addDays, DAY_MS } from "../../domain/shared/time";
import { ACQUISITION_MIX, type VisitKind } from "./campaigns";
import { makeDevices, type Device } from "./devices";
import { customerId } from "./ids";
import { emailLocalPart, shopperName, type ShopperName } from "./names";
import type { Random } from "./random";
import { REGIONS, type Place, type Region } from "./regions";
import { shoppingHour } from "./timeOfDay";
import { atLocalHour } from "./timestamps";

/**
 * Who a customer is, before anything they buy: where they live, what they are called, how they
 * found the store, their marketing consent over time and the browsers they use.
 */
export type ConsentState = "subscribed" | "not_subscribed" | "unsubscribed" | "pending";

export type ConsentTimeline = {
  state: ConsentState;
  optInLevel: "single_opt_in" | "confirmed_opt_in";
  subscribedAt: Date | null;
  unsubscribedAt: Date | null;
  updatedAt: Date | null;
};

export type AccountState = "enabled" | "disabled" | "invited" | "declined";

export type Persona = {
  index: number;
  id: number;
  region: Region;
  place: Place;
  locale: string;
  timeZone: string;
  name: ShopperName;
  email: string;
  phone: string | null;
  houseNumber: number;
  acquiredAt: Date;
  acquisition: VisitKind;
  /** Signed up for the newsletter without buying (Shopify creates customers for sign-ups too). */
  signupOnly: boolean;
  accountState: AccountState;
  consent: ConsentTimeline;
  devices: Device[];
  /** Share of this shopper's visits made while logged in (zero without an account). */
  logInShare: number;
};

const SIGNUP_ONLY_SHARE = 0.06;
const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"];

export function makePersona(rng: Random, index: number, now: Date, months: number): Persona {
  const region = rng.weighted(REGIONS.map((r) => [r, r.weight] as const));
  const place = rng.pick(region.places);
  const name = shopperName(rng, region.namePool, index);
  // Stores grow, so recent months hold slightly more new customers than early ones.
  const spanDays = months * 30.44;
  const rawAcquisition = new Date(now.getTime() - spanDays * rng.uniform() ** 1.25 * DAY_MS);
  const atShoppingHour = atLocalHour(rawAcquisition, place.timeZone, shoppingHour(rng));
  const acquiredAt = atShoppingHour.getTime() < now.getTime() ? atShoppingHour : rawAcquisition;
  const signupOnly = rng.chance(SIGNUP_ONLY_SHARE);
  const accountState = rng.weighted([["enabled", 30], ["disabled", 64], ["invited", 5], ["declined", 1]] as const);
  return {
    index,
    id: customerId(index),
    region,
    place,
    locale: region.locale,
    timeZone: place.timeZone,
    name,
    email: `${emailLocalPart(rng, name, index)}@${rng.pick(EMAIL_DOMAINS)}`,
    phone: rng.chance(0.4) ? phoneNumber(rng, region) : null,
    houseNumber: rng.int(1, 240),
    acquiredAt,
    acquisition: rng.weighted(ACQUISITION_MIX),
    signupOnly,
    accountState,
    consent: consentTimeline(rng, region, acquiredAt, now, signupOnly),
    devices: makeDevices(rng, region.inEu ? 0.7 : 0.92),
    logInShare: accountState === "enabled" ? rng.between(0.3, 0.9) : 0,
  };
}

function consentTimeline(rng: Random, region: Region, acquiredAt: Date, now: Date, signupOnly: boolean): ConsentTimeline {
  // Double opt-in is the norm in Germany and common across the EU, which leaves more sign-ups pending.
  const optInLevel = region.inEu ? "confirmed_opt_in" : "single_opt_in";
  const shares: readonly (readonly [ConsentState, number])[] = signupOnly
    ? [["subscribed", 80], ["pending", 20]]
    : region.inEu
      ? [["subscribed", 46], ["not_subscribed", 27], ["unsubscribed", 12], ["pending", 15]]
      : [["subscribed", 57], ["not_subscribed", 25], ["unsubscribed", 14], ["pending", 4]];
  const state = rng.weighted(shares);
  const optedInAt = new Date(Math.min(now.getTime(), acquiredAt.getTime() + rng.between(10, 600) * 1000));
  switch (state) {
    case "subscribed": {
      // Most opt in at their first checkout; some only after a later order or a pop-up.
      const later = rng.chance(0.2) ? addDays(acquiredAt, rng.between(0, (now.getTime() - acquiredAt.getTime()) / DAY_MS)) : optedInAt;
      const subscribedAt = later.getTime() > now.getTime() ? optedInAt : later;
      return { state, optInLevel, subscribedAt, unsubscribedAt: null, updatedAt: subscribedAt };
    }
    case "unsubscribed": {
      const unsubscribedAt = new Date(optedInAt.getTime() + rng.between(0.05, 0.95) * Math.max(0, now.getTime() - optedInAt.getTime()));
      return { state, optInLevel, subscribedAt: optedInAt, unsubscribedAt, updatedAt: unsubscribedAt };
    }
    case "pending":
      return { state, optInLevel: "confirmed_opt_in", subscribedAt: null, unsubscribedAt: null, updatedAt: optedInAt };
    case "not_subscribed":
      return { state, optInLevel, subscribedAt: null, unsubscribedAt: null, updatedAt: null };
  }
}

/** Whether the shopper had agreed to marketing email at `at` (what orders record as buyer_accepts_marketing). */
export function acceptsMarketingAt(consent: ConsentTimeline, at: Date): boolean {
  if (!consent.subscribedAt || consent.subscribedAt.getTime() > at.getTime()) return false;
  return !consent.unsubscribedAt || consent.unsubscribedAt.getTime() > at.getTime();
}

function phoneNumber(rng: Random, region: Region): string {
  // North American numbers use the 555-01xx block reserved for fiction.
  if (region.phonePrefix === "+1") return `+1${rng.pick(["212", "617", "312", "415", "206", "416", "514"])}55501${String(rng.int(0, 99)).padStart(2, "0")}`;
  return `${region.phonePrefix}${rng.int(6, 7)}${String(rng.int(0, 99_999_999)).padStart(8, "0")}`;
}
