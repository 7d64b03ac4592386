import { fromMinorUnits } from "../../domain/money/money";
import { addDays } from "../../domain/shared/time";
import { CATEGORIES, categoryByPath, type CategoryDefinition } from "./categories";
import { OTHER_PRODUCTS } from "./catalogData/otherProducts";
import type { ProductSeed } from "./catalogData/productSeed";
import { SKIN_CARE_PRODUCTS } from "./catalogData/skinCareProducts";
import { buildCollections, type CatalogCollections } from "./collections";
import * as ids from "./ids";
import type { ProductImageJson, ProductWebhookJson, VariantJson } from "./catalogPayloadTypes";
import type { Random } from "./random";
import { DEMO_SHOP } from "./shop";
import { formatInZone } from "./timestamps";

/**
 * The demo catalog: Shopify product payloads plus the generator's own typed view of them (prices in
 * minor units, the app-level category path, relative popularity). Product webhooks carry neither
 * the collections a product belongs to nor the app's category path, so both are exposed here.
 */
export type CatalogVariant = {
  id: number;
  productId: number;
  title: string;
  sku: string;
  priceMinor: number;
  compareAtMinor: number | null;
  grams: number;
  inventoryQuantity: number;
};

export type CatalogProduct = {
  id: number;
  title: string;
  handle: string;
  vendor: string;
  category: CategoryDefinition;
  tags: readonly string[];
  imageSrc: string;
  /** Relative chance that a shopper of the category picks this product. */
  popularity: number;
  variants: readonly CatalogVariant[];
};

export type DemoCatalog = CatalogCollections & {
  categories: readonly CategoryDefinition[];
  products: readonly ProductWebhookJson[];
  items: readonly CatalogProduct[];
  productsInCategory(path: string): readonly CatalogProduct[];
  /** The app-level category path ("Skin care > Cleansers") of a product id, as number or string. */
  categoryPathOf(productId: number | string): string | null;
};

const SIZE_MULTIPLIERS = [1, 1.7, 2.3] as const;
const OUT_OF_STOCK_PRODUCTS = 4;

export function buildCatalog(rng: Random, now: Date, months: number): DemoCatalog {
  const seeds = [...Object.entries(SKIN_CARE_PRODUCTS), ...Object.entries(OTHER_PRODUCTS)].flatMap(([path, list]) =>
    list.map((productSeed) => ({ category: categoryByPath(path), productSeed })),
  );
  const soldOut = new Set(rng.shuffle(seeds.map((_, n) => n)).slice(0, OUT_OF_STOCK_PRODUCTS));
  const storeOpened = addDays(now, -Math.round(months * 30.44) - 120);
  const items: CatalogProduct[] = [];
  const products: ProductWebhookJson[] = [];
  seeds.forEach(({ category, productSeed }, n) => {
    const productRng = rng.fork(`product:${n}`);
    const item = catalogProduct(productRng, n, category, productSeed, soldOut.has(n));
    items.push(item);
    products.push(productPayload(productRng, n, item, productSeed, storeOpened, now));
  });
  const byCategory = new Map<string, CatalogProduct[]>();
  for (const item of items) byCategory.set(item.category.path, [...(byCategory.get(item.category.path) ?? []), item]);
  const pathById = new Map(items.map((item) => [String(item.id), item.category.path]));
  return {
    categories: CATEGORIES,
    products,
    items,
    ...buildCollections(items, storeOpened),
    productsInCategory: (path) => byCategory.get(path) ?? [],
    categoryPathOf: (id) => pathById.get(String(id)) ?? null,
  };
}

function catalogProduct(rng: Random, n: number, category: CategoryDefinition, seed: ProductSeed, soldOut: boolean): CatalogProduct {
  const id = ids.productId(n);
  const handle = slugify(seed.title);
  const onSale = rng.chance(0.2);
  const variants = seed.sizes.map((size, position): CatalogVariant => {
    const priceMinor = variantPrice(seed.basePriceMinor, position, size);
    return {
      id: ids.variantId(n, position + 1),
      productId: id,
      title: size,
      sku: `${vendorPrefix(seed.vendor)}-${String(n + 1).padStart(4, "0")}-${position + 1}`,
      priceMinor,
      compareAtMinor: onSale ? Math.round((priceMinor * 1.25) / 100) * 100 : null,
      grams: gramsOf(size),
      inventoryQuantity: soldOut ? 0 : rng.int(3, 420),
    };
  });
  const tags = [...seed.tags, ...seed.ingredients.map((ingredient) => `ingredient:${ingredient}`)];
  return {
    id,
    title: seed.title,
    handle,
    vendor: seed.vendor,
    category,
    tags,
    imageSrc: `https://cdn.shopify.com/s/files/1/0612/3456/7890/files/${handle}.jpg`,
    // Heavy-tailed so that each category has a clear bestseller, as real sales do.
    popularity: rng.lognormal(0, 0.8),
    variants,
  };
}

function productPayload(rng: Random, n: number, item: CatalogProduct, seed: ProductSeed, storeOpened: Date, now: Date): ProductWebhookJson {
  const zone = DEMO_SHOP.ianaTimezone;
  const createdAt = formatInZone(addDays(storeOpened, -rng.int(0, 300)), zone);
  const updatedAt = formatInZone(addDays(now, -rng.between(0.5, 45)), zone);
  const image: ProductImageJson = {
    id: ids.productImageId(n),
    product_id: item.id,
    admin_graphql_api_id: ids.gid("ProductImage", ids.productImageId(n)),
    position: 1,
    src: `${item.imageSrc}?v=${1_700_000_000 + rng.int(0, 9_999_999)}`,
    alt: item.title,
    width: 2048,
    height: 2048,
    variant_ids: [],
    created_at: createdAt,
    updated_at: updatedAt,
  };
  const variants = item.variants.map(
    (variant, position): VariantJson => ({
      id: variant.id,
      product_id: item.id,
      admin_graphql_api_id: ids.gid("ProductVariant", variant.id),
      title: variant.title,
      option1: variant.title,
      option2: null,
      option3: null,
      sku: variant.sku,
      barcode: null,
      position: position + 1,
      price: fromMinorUnits(variant.priceMinor, DEMO_SHOP.currencyCode),
      compare_at_price: variant.compareAtMinor === null ? null : fromMinorUnits(variant.compareAtMinor, DEMO_SHOP.currencyCode),
      inventory_policy: "deny",
      inventory_management: "shopify",
      inventory_quantity: variant.inventoryQuantity,
      inventory_item_id: ids.inventoryItemId(n, position + 1),
      taxable: true,
      requires_shipping: true,
      grams: variant.grams,
      created_at: createdAt,
      updated_at: updatedAt,
    }),
  );
  return {
    id: item.id,
    admin_graphql_api_id: ids.gid("Product", item.id),
    title: item.title,
    handle: item.handle,
    body_html: bodyHtml(seed, item.category),
    vendor: item.vendor,
    product_type: item.category.productType,
    status: "active",
    tags: item.tags.join(", "),
    published_scope: "global",
    template_suffix: null,
    created_at: createdAt,
    updated_at: updatedAt,
    published_at: createdAt,
    options: [{ id: ids.productOptionId(n), product_id: item.id, name: "Size", position: 1, values: item.variants.map((v) => v.title) }],
    variants,
    images: [image],
    image,
    category: item.category.taxonomy,
    variant_gids: variants.map((variant) => ({ admin_graphql_api_id: variant.admin_graphql_api_id, updated_at: updatedAt })),
    has_variants_that_requires_components: false,
  };
}

function variantPrice(baseMinor: number, position: number, size: string): number {
  const multiplier = SIZE_MULTIPLIERS[position] ?? SIZE_MULTIPLIERS[SIZE_MULTIPLIERS.length - 1] ?? 1;
  // Refills are cheaper than the full bottle they refill: that is their point.
  const raw = baseMinor * multiplier * (/refill/i.test(size) ? 0.8 : 1);
  return Math.min(9000, Math.max(800, Math.round(raw / 100) * 100));
}

function bodyHtml(seed: ProductSeed, category: CategoryDefinition): string {
  const ingredients = seed.ingredients.map((name) => name.replace(/-/g, " ")).join(", ");
  const lasts = category.depletionDays === null ? "Made to last for years." : `One unit lasts about ${category.depletionDays} days of regular use.`;
  return `<p>${seed.blurb}</p>\n<p><strong>Key ingredients:</strong> ${ingredients}.</p>\n<p>${lasts}</p>`;
}

function gramsOf(size: string): number {
  const match = /(\d+)\s*(ml|g)\b/i.exec(size);
  return match ? Number(match[1]) + 80 : 150;
}

function vendorPrefix(vendor: string): string {
  return vendor
    .split(/\W+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() ?? "")
    .join("");
}

export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
