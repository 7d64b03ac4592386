import type { z } from "zod";
import type { ProductPayload, VariantPayload } from "../events/webhookPayloads";
import { legacyId, type GqlCollection, type GqlProduct, type GqlVariant } from "./bulkObjects";

export type RestVariant = z.input<typeof VariantPayload> & { admin_graphql_api_id: string };
/**
 * `collection_handles` is not part of ProductPayload (product webhooks do not carry collections):
 * the schema strips it; the catalog projection may read it from the raw payload.
 */
export type RestProduct = z.input<typeof ProductPayload> & { admin_graphql_api_id: string; collection_handles: string[] };

/** A GraphQL product with its variants and collections as the `products/update` webhook would send it. */
export function restProduct(product: GqlProduct, variants: readonly GqlVariant[], collections: readonly GqlCollection[]): RestProduct {
  const productId = legacyId(product.id);
  const imageUrl = product.featuredMedia?.preview?.image?.url ?? null;
  return {
    id: productId,
    admin_graphql_api_id: product.id,
    title: product.title,
    handle: product.handle,
    body_html: product.descriptionHtml,
    product_type: product.productType,
    vendor: product.vendor,
    status: restStatus(product.status),
    // REST joins tags into one string, as the schema expects.
    tags: product.tags.join(", "),
    created_at: product.createdAt ?? null,
    updated_at: product.updatedAt,
    published_at: product.publishedAt ?? null,
    variants: variants.map((variant) => restVariant(variant, productId)),
    image: imageUrl ? { src: imageUrl } : null,
    category: product.category
      ? { admin_graphql_api_id: product.category.id, name: product.category.name, full_name: product.category.fullName }
      : null,
    collection_handles: collections.map((collection) => collection.handle),
  };
}

export function restVariant(variant: GqlVariant, productId: string): RestVariant {
  return {
    id: legacyId(variant.id),
    admin_graphql_api_id: variant.id,
    product_id: productId,
    title: variant.title,
    sku: variant.sku,
    price: variant.price,
    compare_at_price: variant.compareAtPrice ?? null,
    inventory_quantity: variant.inventoryQuantity ?? null,
    // ProductVariantInventoryPolicy DENY | CONTINUE; REST: "deny" | "continue".
    inventory_policy: variant.inventoryPolicy ? variant.inventoryPolicy.toLowerCase() : null,
  };
}

const REST_STATUSES = ["active", "draft", "archived", "unlisted"] as const;

/** ProductStatus ACTIVE | ARCHIVED | DRAFT | UNLISTED; REST sends it in lower case (an unknown one reads as active, as the schema does). */
function restStatus(status: string): (typeof REST_STATUSES)[number] {
  const lower = status.toLowerCase();
  return REST_STATUSES.find((known) => known === lower) ?? "active";
}
