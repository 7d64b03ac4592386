import type { z } from "zod";
import type { Db } from "~/db.server";
import { BrandVoice } from "~/domain/content/templates/brandVoice";
import { AutonomySettings } from "~/domain/governance/autonomy";
import { formatPath } from "~/domain/governance/policy";
import { GOALS } from "~/domain/planner/objectives";
import { parseShopSettings, type ShopSettings } from "~/domain/shop/shopSettings";
import { activeObjectives } from "~/services/planning/objectives.server";
import { AUTONOMY_ERROR_FIELDS, autonomyCandidate, brandVoiceCandidate, type AutonomyFormFields, type BrandVoiceFormFields } from "./governanceForms";
import { policyHistory, policyInForce } from "./policyStore.server";

/**
 * What the Policies page shows and saves besides the policy document itself (policyStore.server.ts):
 * the autonomy settings and the brand voice, both kept in the shop's settings JSON. A save
 * validates with the domain's schema and replaces only its own key; every other setting (and any
 * key this version does not know) is written back as it was. Two saves at once cannot lose each
 * other's change: the write only lands if the settings are still what was read, else it is
 * re-read and re-applied.
 */
export type GovernanceSettingsView = {
  currencyCode: string;
  policy: { text: string; version: number | null; savedBy: string | null; savedAt: Date | null };
  history: Array<{ version: number; savedBy: string; createdAt: Date }>;
  autonomy: AutonomySettings;
  brandVoice: BrandVoice;
  /** The active objectives, for per-objective levels (oldest first). */
  objectives: Array<{ id: string; label: string }>;
};

export async function loadGovernanceSettings(store: Db, shopId: string): Promise<GovernanceSettingsView> {
  const [shop, inForce, history, objectives] = await Promise.all([
    store.shop.findUnique({ where: { id: shopId }, select: { currencyCode: true, settings: true } }),
    policyInForce(store, shopId),
    policyHistory(store, shopId, 10),
    activeObjectives(store, shopId),
  ]);
  const settings = parseShopSettings(shop?.settings ?? "{}");
  return {
    currencyCode: shop?.currencyCode ?? "USD",
    policy: { text: JSON.stringify(inForce.policy, null, 2), version: inForce.version, savedBy: inForce.savedBy, savedAt: inForce.savedAt },
    history,
    autonomy: settings.autonomy,
    brandVoice: settings.brandVoice,
    // Two active objectives with the same goal are told apart by their order ("Recover carts (2)").
    objectives: objectives.map((objective, i) => {
      const same = objectives.filter((o) => o.goal === objective.goal);
      const nth = objectives.slice(0, i + 1).filter((o) => o.goal === objective.goal).length;
      return { id: objective.id, label: same.length > 1 ? `${GOALS[objective.goal].label} (${nth})` : GOALS[objective.goal].label };
    }),
  };
}

export type SettingsSaveResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** Validates the Autonomy form against AutonomySettings and stores it; per-objective levels only for the shop's active objectives. */
export async function saveAutonomySettings(store: Db, shopId: string, fields: AutonomyFormFields): Promise<SettingsSaveResult<AutonomySettings>> {
  const shop = await store.shop.findUnique({ where: { id: shopId }, select: { currencyCode: true } });
  if (!shop) return { ok: false, errors: { form: "No such shop." } };
  const active = new Set((await activeObjectives(store, shopId)).map((objective) => objective.id));
  const onForm: AutonomyFormFields = { ...fields, objectives: Object.fromEntries(Object.entries(fields.objectives).filter(([id]) => active.has(id))) };
  return updateSetting(store, shopId, "autonomy", (settings) => {
    const parsed = AutonomySettings.safeParse(autonomyCandidate(onForm, settings.autonomy, shop.currencyCode));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: autonomyErrors(parsed.error) };
  });
}

export async function saveBrandVoice(store: Db, shopId: string, fields: BrandVoiceFormFields): Promise<SettingsSaveResult<BrandVoice>> {
  return updateSetting(store, shopId, "brandVoice", () => {
    const parsed = BrandVoice.safeParse(brandVoiceCandidate(fields));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: Object.fromEntries(parsed.error.issues.map((issue) => [formatPath(issue.path) || "form", issue.message])) };
  });
}

async function updateSetting<K extends "autonomy" | "brandVoice">(
  store: Db,
  shopId: string,
  key: K,
  next: (settings: ShopSettings) => SettingsSaveResult<ShopSettings[K]>,
): Promise<SettingsSaveResult<ShopSettings[K]>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await store.shop.findUnique({ where: { id: shopId }, select: { settings: true } });
    if (!row) return { ok: false, errors: { form: "No such shop." } };
    // Throws on corrupt settings rather than overwrite them with defaults.
    const settings = parseShopSettings(row.settings);
    const result = next(settings);
    if (!result.ok) return result;
    const stored = JSON.stringify({ ...(JSON.parse(row.settings) as Record<string, unknown>), [key]: result.value });
    const written = await store.shop.updateMany({ where: { id: shopId, settings: row.settings }, data: { settings: stored } });
    if (written.count === 1) return result;
  }
  throw new Error(`the settings of ${shopId} kept changing while saving ${key}`);
}

function autonomyErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = formatPath(issue.path);
    const [head, second] = issue.path.map(String);
    const field =
      AUTONOMY_ERROR_FIELDS[path] ??
      (head === "agents" && second ? `agent.${second}` : head === "objectives" && second ? `objective.${second}` : head === "defaultLevel" ? "defaultLevel" : "form");
    errors[field] ??= issue.message;
  }
  return errors;
}
