import type { Money } from "./payloadTypes";

/**
 * Raw products/*, collections/* and collect JSON as the demo store emits it (see payloadTypes.ts
 * for the conventions).
 */
export type VariantJson = {
  id: number;
  product_id: number;
  admin_graphql_api_id: string;
  title: string;
  option1: string;
  option2: null;
  option3: null;
  sku: string;
  barcode: string | null;
  position: number;
  price: Money;
  compare_at_price: Money | null;
  inventory_policy: "deny" | "continue";
  inventory_management: "shopify";
  inventory_quantity: number;
  inventory_item_id: number;
  taxable: boolean;
  requires_shipping: boolean;
  grams: number;
  created_at: string;
  updated_at: string;
};

export type ProductImageJson = {
  id: number;
  product_id: number;
  admin_graphql_api_id: string;
  position: number;
  src: string;
  alt: string;
  width: number;
  height: number;
  variant_ids: number[];
  created_at: string;
  updated_at: string;
};

/** products/create, products/update. */
export type ProductWebhookJson = {
  id: number;
  admin_graphql_api_id: string;
  title: string;
  handle: string;
  body_html: string;
  vendor: string;
  product_type: string;
  status: "active" | "draft" | "archived";
  tags: string;
  published_scope: "web" | "global";
  template_suffix: null;
  created_at: string;
  updated_at: string;
  published_at: string;
  options: { id: number; product_id: number; name: string; position: number; values: string[] }[];
  variants: VariantJson[];
  images: ProductImageJson[];
  image: ProductImageJson | null;
  category: { admin_graphql_api_id: string; name: string; full_name: string };
  variant_gids: { admin_graphql_api_id: string; updated_at: string }[];
  has_variants_that_requires_components: boolean;
};

/** collections/create (a custom collection; membership travels separately as collects). */
export type CollectionWebhookJson = {
  id: number;
  admin_graphql_api_id: string;
  handle: string;
  title: string;
  body_html: string;
  sort_order: "best-selling" | "manual";
  published_scope: "web";
  updated_at: string;
  published_at: string;
};

/** The REST Collect resource: one product in one custom collection. */
export type CollectJson = {
  id: number;
  collection_id: number;
  product_id: number;
  position: number;
  created_at: string;
  updated_at: string;
};
