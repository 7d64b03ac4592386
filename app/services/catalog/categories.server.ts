import type { Db } from "~/db.server";
import { effectiveDepletionDays, type CategoryDepletionForm } from "~/domain/catalog/depletion";

export type CategoryRow = {
  path: string;
  name: string;
  parentPath: string | null;
  depletionDays: number | null;
  suggestedDepletionDays: number | null;
  effectiveDepletionDays: number | null;
  products: number;
};

/** A shop's categories in path order, with their depletion timelines and product counts. */
export async function listCategories(store: Db, shopId: string): Promise<CategoryRow[]> {
  const [categories, counts] = await Promise.all([
    store.category.findMany({ where: { shopId }, orderBy: { path: "asc" } }),
    store.product.groupBy({ by: ["categoryPath"], where: { shopId, deletedAt: null, categoryPath: { not: null } }, _count: { _all: true } }),
  ]);
  const products = new Map(counts.map((row) => [row.categoryPath, row._count._all]));
  return categories.map((category) => ({
    path: category.path,
    name: category.name,
    parentPath: category.parentPath,
    depletionDays: category.depletionDays,
    suggestedDepletionDays: category.suggestedDepletionDays,
    effectiveDepletionDays: effectiveDepletionDays(category),
    products: products.get(category.path) ?? 0,
  }));
}

export type SetDepletionOutcome = { ok: true } | { ok: false; error: string };

/** The merchant sets (or, with null, clears) a category's depletion timeline. Scoped by shop. */
export async function setCategoryDepletion(store: Db, shopId: string, form: CategoryDepletionForm): Promise<SetDepletionOutcome> {
  const { count } = await store.category.updateMany({ where: { shopId, path: form.path }, data: { depletionDays: form.depletionDays } });
  return count === 1 ? { ok: true } : { ok: false, error: `No category "${form.path}" in this shop.` };
}
