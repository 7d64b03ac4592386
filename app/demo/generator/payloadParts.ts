import { fromMinorUnits } from "../../domain/money/money";
import type { AddressJson, MoneySet } from "./payloadTypes";
import type { Persona } from "./personas";
import { DEMO_SHOP } from "./shop";

/** Small pieces shared by the order, checkout and customer payloads. */
export function money(minor: number): string {
  return fromMinorUnits(minor, DEMO_SHOP.currencyCode);
}

/** The store charges in its own currency only, so shop and presentment amounts agree. */
export function moneySet(minor: number): MoneySet {
  const amount = money(minor);
  return {
    shop_money: { amount, currency_code: DEMO_SHOP.currencyCode },
    presentment_money: { amount, currency_code: DEMO_SHOP.currencyCode },
  };
}

const STREETS: Record<string, string> = {
  US: "Main Street", CA: "Queen Street West", GB: "High Street", DE: "Hauptstraße", FR: "rue de la Paix",
  NL: "Prinsengracht", ES: "Calle Mayor", AU: "George Street", JP: "千代田", IL: "רחוב הרצל",
  AE: "شارع الشيخ زايد", EG: "شارع التحرير",
};

export function streetAddress(persona: Persona, houseNumber: number): string {
  const street = STREETS[persona.region.countryCode] ?? "Main Street";
  if (persona.locale === "fr-CA") return `${houseNumber} rue Saint-Denis`;
  return ["DE", "NL", "ES", "IL"].includes(persona.region.countryCode) ? `${street} ${houseNumber}` : `${houseNumber} ${street}`;
}

export function addressJson(persona: Persona): AddressJson {
  return {
    first_name: persona.name.firstName,
    last_name: persona.name.lastName,
    address1: streetAddress(persona, persona.houseNumber),
    city: persona.place.city,
    province: persona.place.province,
    province_code: persona.place.provinceCode,
    country: persona.region.country,
    country_code: persona.region.countryCode,
    zip: persona.place.zip,
    phone: persona.phone,
  };
}

/** A documentation-range IPv4 address (RFC 5737): realistic in shape, routable nowhere. */
export function documentationIp(seed: number): string {
  const prefixes = ["192.0.2", "198.51.100", "203.0.113"];
  return `${prefixes[seed % 3]}.${(seed % 253) + 1}`;
}
