import type { CatalogSnapshot } from "../../agents/contract";

/**
 * Collections are category paths ("Skin care > Serums"). A policy names a prefix by whole
 * segments, case-insensitively: "Skin care" covers "Skin care > Serums" and "skin care", but not
 * "Skin care tools" (a different collection that merely starts with the same letters).
 */
function segments(path: string): string[] {
  return path
    .split(">")
    .map((segment) => segment.trim().replace(/\s+/gu, " ").toLocaleLowerCase("en"))
    .filter((segment) => segment.length > 0);
}

export function categoryPrefixCovers(prefix: string, categoryPath: string): boolean {
  const want = segments(prefix);
  const have = segments(categoryPath);
  return want.length > 0 && want.length <= have.length && want.every((segment, i) => segment === have[i]);
}

/** The same prefix written two ways ("Home>Candles", "home > candles") is one collection. */
export function canonicalCategoryPrefix(prefix: string): string {
  return segments(prefix).join(" > ");
}

export function sameVendor(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase("en") === b.trim().toLocaleLowerCase("en");
}

/** The category paths of the products a brief names, for the collection caps and voice scopes. */
export function categoryPathsOf(productIds: readonly string[], catalog: Pick<CatalogSnapshot, "products">): string[] {
  const paths = new Set<string>();
  for (const id of productIds) {
    const path = catalog.products.get(id)?.categoryPath;
    if (path) paths.add(path);
  }
  return [...paths].sort();
}
