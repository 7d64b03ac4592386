import { parseUtm } from "../events/utm";
import type { BasketSnapshot, CatalogSnapshot } from "./contract";

/**
 * The attribute a cart follow-up leads with: the one that brought the shopper in, when a product
 * in the basket carries it, else the strongest attribute of the basket's most valuable product.
 * "Brought in" reads the ad's content first (the creative's angle), then the campaign, then the
 * search term, from the basket's UTM fields or, where those are empty, its landing URL. Words are
 * compared by stem, so the "durability" campaign matches a product tagged "durable" and
 * "sustainability" matches "sustainable"; a multi-word attribute ("clean-ingredients") matches
 * when all its words appear. A campaign theme no product in the basket carries is not claimed:
 * the brief holds facts, and the product is not "durable" because the ad said so.
 */
export type LeadSource = "ad-content" | "campaign" | "search-term" | "product";

export type LeadAttribute = { attribute: string | null; source: LeadSource | null; explanation: string };

const SUFFIXES = /(ability|ibility|able|ible|ity|ness|ies|es|s)$/;

export function stem(word: string): string {
  const stemmed = word.replace(SUFFIXES, "");
  return stemmed.length >= 3 ? stemmed : word;
}

export function stems(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0)
    .map(stem);
}

/** True when every word of the attribute appears, by stem, in the visit's text. */
export function attributeMatches(attribute: string, visitText: string): boolean {
  const wanted = stems(attribute);
  const offered = new Set(stems(visitText));
  return wanted.length > 0 && wanted.every((word) => offered.has(word));
}

export function leadAttributeFor(basket: BasketSnapshot, linesByValue: BasketSnapshot["lines"], catalog: CatalogSnapshot): LeadAttribute {
  const landing = parseUtm(basket.landingSite);
  const visit: ReadonlyArray<[LeadSource, string, string | null]> = [
    ["ad-content", "ad content", basket.utmContent ?? landing.content],
    ["campaign", "campaign", basket.utmCampaign ?? landing.campaign],
    ["search-term", "search term", landing.term],
  ];
  const products = linesByValue.flatMap((line) => {
    const product = line.productId ? catalog.products.get(line.productId) : undefined;
    return product ? [product] : [];
  });
  for (const [source, label, text] of visit) {
    if (!text) continue;
    for (const product of products) {
      const attribute = product.attributes.find((a) => attributeMatches(a, text));
      if (attribute) {
        return { attribute, source, explanation: `They came in through the ${label} "${text}"; ${product.title} is tagged "${attribute}", so the message leads with it.` };
      }
    }
  }
  const themes = visit.flatMap(([, label, text]) => (text ? [`${label} "${text}"`] : []));
  const strongest = products.find((product) => product.attributes.length > 0);
  const unmatched = themes.length > 0 ? `They came in through the ${themes.join(" and ")}, which no product in the basket carries as an attribute; ` : "No campaign or ad attribute is known for their visit; ";
  if (!strongest) return { attribute: null, source: null, explanation: `${unmatched}and no product in it has attributes, so the message leads with the products themselves.` };
  const attribute = strongest.attributes[0] as string;
  return { attribute, source: "product", explanation: `${unmatched}so it leads with "${attribute}", the strongest attribute of ${strongest.title}, the most valuable item in it.` };
}
