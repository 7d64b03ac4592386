import type { CriticInput, CustomerText } from "./criticInput";
import { BARE_DOMAIN, SCHEME_URL, SCRIPT_SCHEME } from "./links";
import { copyTexts, type CopyText } from "./textScan";

/** The customer-provided texts, with the shopper's first name added when the caller left it out. */
export function customerTextsOf(input: CriticInput): CustomerText[] {
  const given = [...(input.customerTexts ?? [])];
  const firstName = input.shopper.firstName?.trim();
  if (firstName && !given.some((t) => t.source === "firstName" && t.text.trim() === firstName)) given.push({ source: "firstName", text: firstName });
  return given;
}

/**
 * The draft's fields prepared once for every check. The merchant's names (the brief's titles, as
 * the brief and the catalog spell them, their attribute tags, the shop name) are blanked before
 * facts and links are read; the shopper's names only in the greeting and only before facts (a name
 * is not a price, but it may carry a link). Links are blanked before facts: "shop.com/p/serum-30"
 * holds no claim.
 */
export function scanCopy(input: CriticInput): CopyText[] {
  const { brief, catalog, shop, draft } = input;
  const merchant = [
    shop.name,
    ...brief.products.flatMap((p) => {
      const product = catalog.products.get(p.productId);
      return [p.title, product?.title ?? "", ...(product?.attributes ?? [])];
    }),
  ];
  const data = customerTextsOf(input).filter((t) => t.source === "firstName" || t.source === "lastName").map((t) => t.text);
  return copyTexts(draft, { merchant, data }, [SCRIPT_SCHEME, SCHEME_URL, BARE_DOMAIN]);
}
