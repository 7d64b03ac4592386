import { z } from "zod";
import { placeProduct } from "~/domain/catalog/categoryPath";
import { ProductDeletePayload, ProductPayload } from "~/domain/events/webhookPayloads";
import { mayReplace } from "~/domain/projections/freshness";
import { productRecords } from "~/domain/projections/shopifyRecords";
import { parsePayload, type Projection, type ProjectionContext } from "./projection.server";

/** Collections are not on product webhooks; a backfill adds their handles as `collection_handles`. */
const ProductWithCollections = ProductPayload.extend({ collection_handles: z.array(z.string()).optional() });

/**
 * products/create, products/update (and backfilled products): the catalog. The product is placed
 * in the store's categories (domain/catalog/categoryPath.ts), creating a category the first time a
 * new taxonomy path appears, and its variants are replaced as a set (a variant missing from the
 * payload was deleted). Order lines that arrived before their product get its category now.
 */
export const applyProduct: Projection = async (context, payload) => {
  const product = parsePayload(ProductWithCollections, payload);
  const { tx, shopId } = context;
  const where = { shopId_id: { shopId, id: product.id } };
  const existing = await tx.product.findUnique({ where, select: { sourceUpdatedAt: true, collections: true } });
  if (existing && !mayReplace(existing.sourceUpdatedAt, product.updated_at)) return;

  const categoryPath = await placeInCategory(context, product.product_type, product.category?.full_name ?? null);
  const collections = product.collection_handles ?? (existing ? (JSON.parse(existing.collections) as string[]) : []);
  const records = productRecords(product, { currencyCode: context.shop.currencyCode, categoryPath, collections });
  await tx.product.upsert({ where, create: { shopId, ...records.product }, update: { ...records.product, deletedAt: null } });
  await tx.productVariant.deleteMany({ where: { shopId, productId: product.id } });
  if (records.variants.length) await tx.productVariant.createMany({ data: records.variants.map((variant) => ({ shopId, ...variant })) });
  if (categoryPath) {
    await tx.orderLineItem.updateMany({ where: { shopId, productId: product.id, categoryPath: null }, data: { categoryPath } });
  }
};

async function placeInCategory(context: ProjectionContext, productType: string | null, taxonomyFullName: string | null): Promise<string | null> {
  const { tx, shopId } = context;
  const categories = (await tx.category.findMany({ where: { shopId }, select: { path: true, productTypes: true } })).map((row) => ({
    path: row.path,
    productTypes: JSON.parse(row.productTypes) as string[],
  }));
  const placement = placeProduct({ productType, taxonomyFullName }, categories);
  if (!placement) return null;
  if (placement.isNew) {
    if (placement.parentPath && !categories.some((c) => c.path === placement.parentPath)) {
      await tx.category.create({ data: { shopId, path: placement.parentPath, name: placement.parentPath.split(" > ").at(-1) ?? placement.parentPath } });
    }
    await tx.category.create({
      data: { shopId, path: placement.path, name: placement.name, parentPath: placement.parentPath, productTypes: JSON.stringify(productType ? [productType] : []) },
    });
  }
  return placement.path;
}

/** products/delete: kept (orders refer to it) but marked deleted, so agents never recommend it. */
export const applyProductDelete: Projection = async ({ tx, shopId, receivedAt }, payload) => {
  const { id } = parsePayload(ProductDeletePayload, payload);
  await tx.product.updateMany({ where: { shopId, id, deletedAt: null }, data: { deletedAt: receivedAt } });
};
