/**
 * Which of the store's categories a product belongs to. Agents reason in the merchant's own
 * categories ("Skin care > Cleansers"), and each category has a depletion timeline; Shopify gives
 * three hints, used in this order:
 * 1. the product type, when the merchant has filed that type under a category;
 * 2. Shopify's standard product taxonomy: its last two levels become the path
 *    ("Health & Beauty > ... > Skin Care > Facial Cleansers" -> "Skin Care > Facial Cleansers");
 * 3. the product type alone, as a top-level category.
 * A product with none of them has no category (agents then treat it as uncategorised).
 */
export type KnownCategory = { path: string; productTypes: readonly string[] };

export type CategoryPlacement = {
  path: string;
  name: string;
  parentPath: string | null;
  /** True when the category does not exist yet and should be created with this product type. */
  isNew: boolean;
};

export function placeProduct(
  product: { productType: string | null; taxonomyFullName: string | null },
  categories: readonly KnownCategory[],
): CategoryPlacement | null {
  const productType = product.productType?.trim() || null;
  if (productType) {
    const filed = categories.find((category) => category.productTypes.some((type) => sameType(type, productType)));
    if (filed) return { ...split(filed.path), isNew: false };
  }
  const levels = (product.taxonomyFullName ?? "").split(">").map((level) => level.trim()).filter(Boolean);
  const path = levels.length > 0 ? levels.slice(-2).join(" > ") : productType;
  if (!path) return null;
  return { ...split(path), isNew: !categories.some((category) => category.path === path) };
}

function split(path: string): { path: string; name: string; parentPath: string | null } {
  const levels = path.split(" > ");
  return { path, name: levels.at(-1) ?? path, parentPath: levels.length > 1 ? levels.slice(0, -1).join(" > ") : null };
}

function sameType(a: string, b: string): boolean {
  return a.trim().localeCompare(b.trim(), undefined, { sensitivity: "accent" }) === 0;
}
