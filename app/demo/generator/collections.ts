import { addDays } from "../../domain/shared/time";
import type { CatalogProduct } from "./catalog";
import { CATEGORIES } from "./categories";
import * as ids from "./ids";
import type { CollectJson, CollectionWebhookJson } from "./catalogPayloadTypes";
import { DEMO_SHOP } from "./shop";
import { formatInZone } from "./timestamps";

/**
 * Custom collections mirror the category hierarchy: one per top level ("Skin care") and one per
 * leaf ("Cleansers"). Membership is expressed as REST collects, since product webhooks do not
 * say which collections a product is in.
 */
export type CatalogCollections = {
  collections: readonly CollectionWebhookJson[];
  collects: readonly CollectJson[];
  /** The leaf collection of each app category path. */
  collectionOfCategory(path: string): CollectionWebhookJson;
  /** Handles of the collections a product belongs to (top level first). */
  collectionHandlesOf(productId: number | string): readonly string[];
  productsInCollection(handle: string): readonly CatalogProduct[];
};

export function buildCollections(items: readonly CatalogProduct[], storeOpened: Date): CatalogCollections {
  const at = formatInZone(addDays(storeOpened, -1), DEMO_SHOP.ianaTimezone);
  const topLevels = [...new Set(CATEGORIES.map((category) => category.topLevel))];
  const collections: CollectionWebhookJson[] = [];
  const byTitlePath = new Map<string, CollectionWebhookJson>();
  const add = (titlePath: string, title: string, handle: string): void => {
    const id = ids.collectionId(collections.length + 1);
    const collection: CollectionWebhookJson = {
      id,
      admin_graphql_api_id: ids.gid("Collection", id),
      handle,
      title,
      body_html: `<p>${title} from ${DEMO_SHOP.name}.</p>`,
      sort_order: "best-selling",
      published_scope: "web",
      updated_at: at,
      published_at: at,
    };
    collections.push(collection);
    byTitlePath.set(titlePath, collection);
  };
  for (const top of topLevels) add(top, top, handleOf(top));
  for (const category of CATEGORIES) add(category.path, category.name, handleOf(category.name));

  const collects: CollectJson[] = [];
  const handlesByProduct = new Map<string, string[]>();
  const productsByHandle = new Map<string, CatalogProduct[]>();
  for (const item of items) {
    for (const titlePath of [item.category.topLevel, item.category.path]) {
      const collection = byTitlePath.get(titlePath);
      if (!collection) throw new Error(`no collection for ${titlePath}`);
      collects.push({
        id: ids.collectId(collects.length + 1),
        collection_id: collection.id,
        product_id: item.id,
        position: collects.filter((c) => c.collection_id === collection.id).length + 1,
        created_at: at,
        updated_at: at,
      });
      handlesByProduct.set(String(item.id), [...(handlesByProduct.get(String(item.id)) ?? []), collection.handle]);
      productsByHandle.set(collection.handle, [...(productsByHandle.get(collection.handle) ?? []), item]);
    }
  }
  return {
    collections,
    collects,
    collectionOfCategory: (path) => {
      const found = byTitlePath.get(path);
      if (!found) throw new Error(`no collection for category ${path}`);
      return found;
    },
    collectionHandlesOf: (productId) => handlesByProduct.get(String(productId)) ?? [],
    productsInCollection: (handle) => productsByHandle.get(handle) ?? [],
  };
}

function handleOf(title: string): string {
  return title.toLowerCase().replace(/&/g, "and").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
