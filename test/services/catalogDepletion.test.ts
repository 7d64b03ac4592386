import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES } from "~/demo/generator/categories";
import { generateDemoStore } from "~/demo/generator";
import { loadDemoStore } from "~/demo/loadDemoStore.server";
import { listCategories, setCategoryDepletion } from "~/services/catalog/categories.server";
import { recomputeDepletionSuggestions } from "~/services/catalog/depletionSuggestions.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";

const NOW = new Date("2026-11-25T12:00:00Z");
const OTHER = "other-botanics.myshopify.com";

/**
 * The depletion timeline against the demo store, whose shoppers re-buy when their own supply runs
 * out (an individual interval scattered around each category's true depletion days): the data's
 * suggestion should land near the truth without being told it.
 */
describe.each(DATABASE_KINDS)("category depletion timelines on %s", (kind) => {
  let t: TestDatabase;
  let shopId: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const demo = generateDemoStore({ seed: 11, customers: 400, now: NOW, anonymousVisitors: 0 });
    shopId = demo.shop.myshopifyDomain;
    await loadDemoStore(t.db, demo, { now: NOW, scope: "read_orders" });
    await t.db.shop.create({ data: { id: OTHER, name: "Other" } });
    await t.db.category.create({ data: { shopId: OTHER, path: "Skin care > Cleansers", name: "Cleansers", parentPath: "Skin care", depletionDays: 99 } });
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  it("suggests each consumable category's timeline from repeat buyers, near the truth, and leaves the merchant's value alone", async () => {
    const before = await t.db.category.findMany({ where: { shopId }, select: { path: true, depletionDays: true } });
    const results = await recomputeDepletionSuggestions(t.db, shopId);
    const byPath = new Map(results.map((r) => [r.path, r]));
    let compared = 0;
    for (const category of CATEGORIES) {
      const result = byPath.get(category.path);
      if (category.depletionDays === null || !result || result.repeatBuyers < 20) continue;
      compared++;
      expect(result.days, category.path).not.toBeNull();
      // Individual means scatter lognormally around the truth and purchases due within five days are combined.
      expect(Math.abs((result.days as number) / category.depletionDays - 1), `${category.path}: ${result.days} vs ${category.depletionDays}`).toBeLessThan(0.3);
    }
    expect(compared).toBeGreaterThanOrEqual(5);
    // Top-level categories have no purchases of their own; durable goods are rarely bought again.
    expect(byPath.get("Skin care")?.days).toBeNull();
    for (const durable of CATEGORIES.filter((category) => category.depletionDays === null)) {
      expect(byPath.get(durable.path)?.days ?? null, durable.path).toBeNull();
    }
    const stored = await t.db.category.findMany({ where: { shopId }, select: { path: true, depletionDays: true, suggestedDepletionDays: true } });
    expect(stored.map(({ path, depletionDays }) => ({ path, depletionDays }))).toEqual(expect.arrayContaining(before));
    expect(stored.find((row) => row.path === results.find((r) => r.days !== null)?.path)?.suggestedDepletionDays).not.toBeNull();
    // Idempotent.
    expect(await recomputeDepletionSuggestions(t.db, shopId)).toEqual(results);
    // Another shop's category is not touched.
    expect(await t.db.category.findUniqueOrThrow({ where: { shopId_path: { shopId: OTHER, path: "Skin care > Cleansers" } } })).toMatchObject({ depletionDays: 99, suggestedDepletionDays: null });
  });

  it("the merchant sets and clears a timeline, only in their own shop", async () => {
    expect(await setCategoryDepletion(t.db, shopId, { path: "Skin care > Cleansers", depletionDays: 21 })).toEqual({ ok: true });
    let rows = await listCategories(t.db, shopId);
    expect(rows.find((row) => row.path === "Skin care > Cleansers")).toMatchObject({ depletionDays: 21, effectiveDepletionDays: 21 });
    expect(rows.find((row) => row.path === "Skin care > Cleansers")?.products).toBeGreaterThan(0);

    expect(await setCategoryDepletion(t.db, shopId, { path: "Skin care > Cleansers", depletionDays: null })).toEqual({ ok: true });
    rows = await listCategories(t.db, shopId);
    const cleansers = rows.find((row) => row.path === "Skin care > Cleansers");
    expect(cleansers?.depletionDays).toBeNull();
    expect(cleansers?.effectiveDepletionDays).toBe(cleansers?.suggestedDepletionDays);

    expect(await setCategoryDepletion(t.db, shopId, { path: "No such > Category", depletionDays: 10 })).toMatchObject({ ok: false });
    expect(await setCategoryDepletion(t.db, OTHER, { path: "Wellness > Sleep", depletionDays: 10 })).toMatchObject({ ok: false });
    expect(await t.db.category.findUniqueOrThrow({ where: { shopId_path: { shopId: OTHER, path: "Skin care > Cleansers" } } })).toMatchObject({ depletionDays: 99 });
  });
});
