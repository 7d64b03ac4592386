import { z } from "zod";

/**
 * The objects of a bulk operation's JSONL file, as the queries in bulkQueries.ts select them
 * (GraphQL's camelCase, gids, enums in upper case). Parsed at the edge like every other payload;
 * unknown fields are stripped. Connection children (line items, variants, collections) are their
 * own lines, checked by their own schema once assembled under their parent.
 */

const str = z.string().nullish().transform((v) => v ?? null);
const Gid = z.string().regex(/^gid:\/\/shopify\/[A-Za-z]+\/\d+$/, "expected a gid such as gid://shopify/Order/1");
const DateTime = z.string().min(1);
const Amount = z.string().regex(/^-?\d+(\.\d+)?$/, "expected a decimal amount");
const MoneyBag = z.object({ shopMoney: z.object({ amount: Amount }) });

export const GqlAddress = z.object({ countryCodeV2: str, provinceCode: str, city: str, zip: str });

export const GqlCustomer = z.object({
  id: Gid,
  firstName: str,
  lastName: str,
  state: str,
  tags: z.array(z.string()).nullish().transform((v) => v ?? []),
  locale: str,
  createdAt: DateTime.nullish(),
  updatedAt: DateTime.nullish(),
  defaultEmailAddress: z.object({ emailAddress: str }).nullish(),
  defaultPhoneNumber: z.object({ phoneNumber: str }).nullish(),
  defaultAddress: GqlAddress.nullish(),
  emailMarketingConsent: z
    .object({ marketingState: z.string(), marketingOptInLevel: str, consentUpdatedAt: DateTime.nullish() })
    .nullish(),
});
export type GqlCustomer = z.infer<typeof GqlCustomer>;

export const GqlUtmParameters = z.object({ source: str, medium: str, campaign: str, content: str, term: str });
export type GqlUtmParameters = z.infer<typeof GqlUtmParameters>;

export const GqlVisit = z.object({
  landingPage: str,
  referrerUrl: str,
  source: str,
  utmParameters: GqlUtmParameters.nullish().transform((v) => v ?? null),
});
export type GqlVisit = z.infer<typeof GqlVisit>;

export const GqlJourney = z.object({
  firstVisit: GqlVisit.nullish().transform((v) => v ?? null),
  lastVisit: GqlVisit.nullish().transform((v) => v ?? null),
});
export type GqlJourney = z.infer<typeof GqlJourney>;

export const GqlOrder = z.object({
  id: Gid,
  name: z.string(),
  email: str,
  createdAt: DateTime,
  updatedAt: DateTime,
  processedAt: DateTime.nullish(),
  cancelledAt: DateTime.nullish(),
  displayFinancialStatus: str,
  currencyCode: z.string().length(3),
  totalPriceSet: MoneyBag,
  subtotalPriceSet: MoneyBag.nullish(),
  totalDiscountsSet: MoneyBag.nullish(),
  discountCodes: z.array(z.string()).nullish().transform((v) => v ?? []),
  sourceName: str,
  customerLocale: str,
  test: z.boolean().nullish(),
  customer: GqlCustomer.nullish().transform((v) => v ?? null),
  customerJourneySummary: GqlJourney.nullish().transform((v) => v ?? null),
});
export type GqlOrder = z.infer<typeof GqlOrder>;

const DiscountValue = z.union([
  z.object({ __typename: z.literal("MoneyV2"), amount: Amount }),
  z.object({ __typename: z.literal("PricingPercentageValue"), percentage: z.number() }),
  z.object({ __typename: z.string() }),
]);

export const GqlDiscountAllocation = z.object({
  allocatedAmountSet: MoneyBag,
  discountApplication: z.object({ __typename: z.string(), code: str, value: DiscountValue.nullish() }),
});
export type GqlDiscountAllocation = z.infer<typeof GqlDiscountAllocation>;

export const GqlLineItem = z.object({
  id: Gid,
  title: z.string(),
  variantTitle: str,
  sku: str,
  quantity: z.number().int().nonnegative(),
  originalUnitPriceSet: MoneyBag,
  totalDiscountSet: MoneyBag.nullish(),
  /** null when the product or variant was deleted since the order. */
  product: z.object({ id: Gid }).nullish(),
  variant: z.object({ id: Gid }).nullish(),
  discountAllocations: z.array(GqlDiscountAllocation).nullish().transform((v) => v ?? []),
});
export type GqlLineItem = z.infer<typeof GqlLineItem>;

export const GqlProduct = z.object({
  id: Gid,
  title: z.string(),
  handle: z.string(),
  descriptionHtml: str,
  productType: str,
  vendor: str,
  status: z.string(),
  tags: z.array(z.string()).nullish().transform((v) => v ?? []),
  createdAt: DateTime.nullish(),
  updatedAt: DateTime,
  publishedAt: DateTime.nullish(),
  featuredMedia: z
    .object({ preview: z.object({ image: z.object({ url: z.string() }).nullish() }).nullish() })
    .nullish(),
  category: z.object({ id: z.string(), name: z.string(), fullName: z.string() }).nullish(),
});
export type GqlProduct = z.infer<typeof GqlProduct>;

export const GqlVariant = z.object({
  id: Gid,
  title: z.string(),
  sku: str,
  price: Amount,
  compareAtPrice: Amount.nullish(),
  inventoryQuantity: z.number().int().nullish(),
  inventoryPolicy: str,
});
export type GqlVariant = z.infer<typeof GqlVariant>;

export const GqlCollection = z.object({ id: Gid, handle: z.string() });
export type GqlCollection = z.infer<typeof GqlCollection>;

/** The Shopify type a gid names: `gid://shopify/LineItem/1` -> "LineItem". */
export function gidType(gid: string): string | null {
  return /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(gid)?.[1] ?? null;
}

/** The numeric id REST payloads use: `gid://shopify/Order/450789469` -> "450789469" (kept a string: 64-bit ids). */
export function legacyId(gid: string): string {
  const match = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)$/.exec(gid);
  if (!match?.[1]) throw new Error(`not a gid: ${gid}`);
  return match[1];
}

/** Zod issues as one short message naming the fields. */
export function describeIssues(error: z.ZodError, prefix = ""): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${[prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}
