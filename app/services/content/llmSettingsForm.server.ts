import type { Db } from "~/db.server";
import { LlmSettings } from "~/domain/content/llm/llmSettings";
import { currencyExponent, fromMinorUnits, toMinorUnits } from "~/domain/money/money";
import type { ObjectiveGoal } from "~/domain/agents/contract";
import { GOALS } from "~/domain/planner/objectives";
import { parseShopSettings } from "~/domain/shop/shopSettings";
import { openAiEnv } from "~/env.server";
import { llmCostSummary, monthlySpendMicros } from "./llmCalls.server";

/**
 * The Delivery settings page's "Copy by a language model" section: the shop's `llm` settings as
 * text fields and back, whether the app has a model configured at all, this month's spend against
 * the cap, and the last 30 days' cost by agent and objective.
 *
 * Conversion only: LlmSettings decides what is valid, so its messages reach the merchant. pCLV
 * thresholds are typed in the shop currency's major units (no decimals for JPY), prices and the
 * cap in US dollars (stored in micros, millionths of a dollar). Settings the form does not show
 * (timeouts, retries, output tokens, the cheapest-tier share) are kept as stored. A save replaces
 * only `llm`; every other key of the settings JSON is written back as it was, and the write lands
 * only if the document is still what was read (else it is re-read and re-applied).
 */
export type LlmTierRow = { name: string; model: string; fromPclv: string };
export type LlmPriceRow = { model: string; input: string; output: string };
export type LlmFormFields = {
  enabled: boolean;
  tiers: LlmTierRow[];
  atRiskBelowPAlive: string;
  prices: LlmPriceRow[];
  monthlyCap: string;
  maxRewrites: string;
};

/** Rows the form reads at most (LlmSettings allows five tiers; prices have no limit but a page does). */
export const MAX_TIER_ROWS = 5;
export const MAX_PRICE_ROWS = 20;

const MICROS_EXPONENT = 6;
const USD_MICROS = /^\d+(\.\d{1,6})?$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;

const FRIENDLY: Readonly<Record<string, string>> = {
  atRiskBelowPAlive: "A P(alive) from 0 to 1, such as 0.3; 0 turns this off.",
  maxRewrites: "A whole number of rewrites from 0 to 3.",
};

export function llmFormFields(form: FormData): LlmFormFields {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const rows = <T>(max: number, prefix: string, read: (i: number) => T): T[] => {
    const out: T[] = [];
    for (let i = 0; i < max && form.has(`${prefix}.${i}.model`); i++) out.push(read(i));
    return out;
  };
  return {
    enabled: ["on", "true"].includes(text("enabled")),
    tiers: rows(MAX_TIER_ROWS, "tier", (i) => ({ name: text(`tier.${i}.name`), model: text(`tier.${i}.model`), fromPclv: text(`tier.${i}.fromPclv`) })),
    atRiskBelowPAlive: text("atRiskBelowPAlive"),
    prices: rows(MAX_PRICE_ROWS, "price", (i) => ({ model: text(`price.${i}.model`), input: text(`price.${i}.input`), output: text(`price.${i}.output`) })),
    monthlyCap: text("monthlyCap"),
    maxRewrites: text("maxRewrites"),
  };
}

/** 2_500_000 micros -> "2.50"; 150 -> "0.00015" (at least two decimals, at most six). */
export function microsToUsd(micros: number): string {
  if (!Number.isSafeInteger(micros)) throw new Error(`not a whole number of micros: ${micros}`);
  const sign = micros < 0 ? "-" : "";
  const digits = String(Math.abs(micros)).padStart(MICROS_EXPONENT + 1, "0");
  const fraction = digits.slice(-MICROS_EXPONENT).replace(/0+$/u, "").padEnd(2, "0");
  return `${sign}${digits.slice(0, -MICROS_EXPONENT)}.${fraction}`;
}

/** "$2.50" -> 2_500_000; null when it is not a non-negative dollar amount with at most six decimals. */
function usdToMicros(value: string): number | null {
  const trimmed = value.trim().replace(/^\$\s*/u, "");
  if (!USD_MICROS.test(trimmed)) return null;
  const [whole, fraction = ""] = trimmed.split(".");
  const micros = Number(whole) * 10 ** MICROS_EXPONENT + Number(fraction.padEnd(MICROS_EXPONENT, "0"));
  return Number.isSafeInteger(micros) ? micros : null;
}

export function llmSettingsToFields(settings: LlmSettings, currencyCode: string): LlmFormFields {
  return {
    enabled: settings.enabled,
    tiers: settings.tiers.map((tier) => ({ name: tier.name, model: tier.model, fromPclv: fromMinorUnits(tier.minPclvMinor, currencyCode) })),
    atRiskBelowPAlive: String(settings.atRiskBelowPAlive),
    prices: Object.entries(settings.prices).map(([model, price]) => ({ model, input: microsToUsd(price.inputMicrosPerMillion), output: microsToUsd(price.outputMicrosPerMillion) })),
    monthlyCap: microsToUsd(settings.monthlyCapMicros),
    maxRewrites: String(settings.maxRewrites),
  };
}

type Candidate = {
  /** What LlmSettings validates. */
  value: unknown;
  /** Errors found while converting the text (they win over the schema's for the same field). */
  errors: Record<string, string>;
  /** Candidate tier index -> form row. */
  tierRows: number[];
  /** Model name -> form row of its price. */
  priceRows: Map<string, number>;
};

const blank = (...values: string[]) => values.every((value) => value.trim() === "");

/** Pure: the form as a candidate for LlmSettings; blank rows are dropped, the hidden settings kept from `current`. */
export function llmCandidate(fields: LlmFormFields, current: LlmSettings, currencyCode: string): Candidate {
  const errors: Record<string, string> = {};
  const exponent = currencyExponent(currencyCode);
  const tierRows: number[] = [];
  const tiers: unknown[] = [];
  fields.tiers.forEach((row, i) => {
    if (blank(row.name, row.model, row.fromPclv)) return;
    const amount = row.fromPclv.trim();
    let minPclvMinor = Number.NaN;
    if (amount === "") errors[`tier.${i}.fromPclv`] = "Enter the pCLV this tier starts at (0 for every shopper).";
    else if (!DECIMAL.test(amount)) errors[`tier.${i}.fromPclv`] = `An amount in ${currencyCode} such as ${fromMinorUnits(100 * 10 ** exponent, currencyCode)}.`;
    else if ((amount.split(".")[1] ?? "").replace(/0+$/u, "").length > exponent) {
      errors[`tier.${i}.fromPclv`] = exponent === 0 ? `${currencyCode} amounts have no decimals.` : `${currencyCode} amounts have at most ${exponent} decimals.`;
    } else minPclvMinor = toMinorUnits(amount, currencyCode);
    tierRows.push(i);
    tiers.push({ name: row.name.trim(), model: row.model.trim(), minPclvMinor });
  });

  const priceRows = new Map<string, number>();
  const prices: Record<string, unknown> = {};
  fields.prices.forEach((row, i) => {
    if (blank(row.model, row.input, row.output)) return;
    const model = row.model.trim();
    if (model === "") {
      errors[`price.${i}.model`] = "Name the model.";
      return;
    }
    if (priceRows.has(model)) {
      errors[`price.${i}.model`] = `${model} is listed twice.`;
      return;
    }
    const price = (field: "input" | "output"): number => {
      const micros = usdToMicros(row[field]);
      if (micros === null) errors[`price.${i}.${field}`] = "US dollars per million tokens, such as 0.15 (at most six decimals).";
      return micros ?? Number.NaN;
    };
    priceRows.set(model, i);
    prices[model] = { inputMicrosPerMillion: price("input"), outputMicrosPerMillion: price("output") };
  });

  const pAlive = fields.atRiskBelowPAlive.trim();
  const cap = usdToMicros(fields.monthlyCap);
  if (cap === null) errors.monthlyCap = "US dollars a month, such as 20.00; 0 turns the model off.";
  const rewrites = fields.maxRewrites.trim();
  return {
    value: {
      ...current,
      enabled: fields.enabled,
      tiers,
      atRiskBelowPAlive: DECIMAL.test(pAlive) ? Number(pAlive) : Number.NaN,
      prices,
      monthlyCapMicros: cap ?? Number.NaN,
      maxRewrites: WHOLE.test(rewrites) ? Number(rewrites) : Number.NaN,
    },
    errors,
    tierRows,
    priceRows,
  };
}

const TIER_FIELD: Readonly<Record<string, string>> = { name: "name", model: "model", minPclvMinor: "fromPclv" };
const PRICE_FIELD: Readonly<Record<string, string>> = { inputMicrosPerMillion: "input", outputMicrosPerMillion: "output" };

export type ParsedLlmForm = { ok: true; settings: LlmSettings } | { ok: false; errors: Record<string, string> };

/** Pure: the form validated with LlmSettings, or each field's error (keys as the form names them). */
export function parseLlmForm(fields: LlmFormFields, current: LlmSettings, currencyCode: string): ParsedLlmForm {
  const candidate = llmCandidate(fields, current, currencyCode);
  const errors = { ...candidate.errors };
  const parsed = LlmSettings.safeParse(candidate.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, second, third] = issue.path.map(String);
      let field = "form";
      let message = issue.message;
      if (head === "tiers" && second !== undefined && third !== undefined) field = `tier.${candidate.tierRows[Number(second)] ?? 0}.${TIER_FIELD[third] ?? "name"}`;
      else if (head === "tiers") field = "tiers";
      else if (head === "prices" && second !== undefined) {
        const row = candidate.priceRows.get(second);
        field = row === undefined ? "prices" : `price.${row}.${(third && PRICE_FIELD[third]) ?? "model"}`;
        if (issue.code === "invalid_key") message = issue.issues[0]?.message ?? message;
      } else if (head === "prices") field = "prices";
      else if (head === "monthlyCapMicros") field = "monthlyCap";
      else if (head === "enabled" || head === "atRiskBelowPAlive" || head === "maxRewrites") field = head;
      else message = `${issue.path.join(".")}: ${issue.message}`;
      errors[field] ??= FRIENDLY[field] ?? message;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors: Object.keys(errors).length > 0 ? errors : { form: "The settings are not valid." } };
  return { ok: true, settings: parsed.data };
}

export type SaveLlmResult = { ok: true; settings: LlmSettings; fields: LlmFormFields } | { ok: false; errors: Record<string, string> };

/** Validates the form and stores it as the shop's `llm` settings; nothing is written on any error. */
export async function saveLlmSettings(store: Db, shopId: string, fields: LlmFormFields): Promise<SaveLlmResult> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await store.shop.findUnique({ where: { id: shopId }, select: { settings: true, currencyCode: true } });
    if (!row) return { ok: false, errors: { form: "No such shop." } };
    // Throws on corrupt settings rather than overwrite them with defaults.
    const current = parseShopSettings(row.settings);
    const parsed = parseLlmForm(fields, current.llm, row.currencyCode);
    if (!parsed.ok) return parsed;
    const stored = JSON.stringify({ ...(JSON.parse(row.settings) as Record<string, unknown>), llm: parsed.settings });
    const written = await store.shop.updateMany({ where: { id: shopId, settings: row.settings }, data: { settings: stored } });
    if (written.count === 1) return { ok: true, settings: parsed.settings, fields: llmSettingsToFields(parsed.settings, row.currencyCode) };
  }
  throw new Error(`the settings of ${shopId} kept changing while saving llm`);
}

export type ModelConfiguration = {
  /** OPENAI_API_KEY or OPENAI_BASE_URL is set (the key itself never leaves the server). */
  configured: boolean;
  apiKeySet: boolean;
  baseUrlSet: boolean;
  /** The variables are set but invalid (the problem, without their values). */
  problem: string | null;
};

export function modelConfiguration(source: Record<string, string | undefined> = process.env): ModelConfiguration {
  try {
    const openAi = openAiEnv(source);
    const apiKeySet = Boolean(openAi.OPENAI_API_KEY);
    const baseUrlSet = Boolean(openAi.OPENAI_BASE_URL);
    return { configured: apiKeySet || baseUrlSet, apiKeySet, baseUrlSet, problem: null };
  } catch {
    return { configured: false, apiKeySet: false, baseUrlSet: false, problem: "OPENAI_API_KEY or OPENAI_BASE_URL is set but not valid; the app's log names the problem." };
  }
}

export type LlmCostRow = { agent: string; objective: string; calls: number; messages: number; cost: string; costPerMessage: string };

export type LlmSettingsView = {
  currencyCode: string;
  fields: LlmFormFields;
  model: ModelConfiguration;
  /** This calendar month (UTC): spend and cap in dollars, and the share of the cap used (null: no cap). */
  month: { spend: string; cap: string; share: number | null; spendMicros: number; capMicros: number };
  /** The last 30 days, by agent and objective, dearest first. */
  last30Days: { from: string; to: string; rows: LlmCostRow[]; total: LlmCostRow };
};

const DAY_MS = 86_400_000;
const usd = (micros: number) => `$${microsToUsd(micros)}`;

export async function loadLlmSettingsView(store: Db, shopId: string, now: Date, source: Record<string, string | undefined> = process.env): Promise<LlmSettingsView> {
  const shop = await store.shop.findUnique({ where: { id: shopId }, select: { settings: true, currencyCode: true } });
  const currencyCode = shop?.currencyCode ?? "USD";
  const settings = parseShopSettings(shop?.settings ?? "{}").llm;
  const from = new Date(now.getTime() - 30 * DAY_MS);
  const [spendMicros, summary] = await Promise.all([monthlySpendMicros(store, shopId, now), llmCostSummary(store, shopId, from, now)]);
  const objectiveIds = [...new Set(summary.byAgentObjective.map((line) => line.objectiveId).filter((id): id is string => id !== null))];
  const objectives = await store.objective.findMany({ where: { shopId, id: { in: objectiveIds } }, select: { id: true, goal: true } });
  const labelOf = new Map(objectives.map((o) => [o.id, GOALS[o.goal as ObjectiveGoal]?.label ?? o.goal]));
  const capMicros = settings.monthlyCapMicros;
  return {
    currencyCode,
    fields: llmSettingsToFields(settings, currencyCode),
    model: modelConfiguration(source),
    month: { spend: usd(spendMicros), cap: usd(capMicros), share: capMicros > 0 ? spendMicros / capMicros : null, spendMicros, capMicros },
    last30Days: {
      from: from.toISOString(),
      to: now.toISOString(),
      rows: summary.byAgentObjective.map((line) => ({
        agent: line.agent,
        objective: line.objectiveId === null ? "–" : (labelOf.get(line.objectiveId) ?? line.objectiveId),
        calls: line.calls,
        messages: line.messages,
        cost: usd(line.costMicros),
        costPerMessage: usd(line.costPerMessageMicros),
      })),
      total: {
        agent: "Total",
        objective: "",
        calls: summary.total.calls,
        messages: summary.total.messages,
        cost: usd(summary.total.costMicros),
        costPerMessage: usd(summary.total.messages === 0 ? 0 : Math.round(summary.total.costMicros / summary.total.messages)),
      },
    },
  };
}
