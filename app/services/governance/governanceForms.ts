import { AGENT_NAMES } from "~/domain/agents/contract";
import { fromMinorUnits, toMinorUnits } from "~/domain/money/money";
import type { AutonomySettings } from "~/domain/governance/autonomy";
import type { BrandVoiceInput } from "~/domain/content/templates/brandVoice";

/**
 * The Policies page's Autonomy and Brand voice forms, as text fields, to and from the shapes the
 * settings schemas validate. Conversion only: the zod schemas (AutonomySettings, BrandVoice) decide
 * what is valid, so their messages reach the merchant. Amounts are typed in the shop's currency and
 * the discount threshold as a percent; a blank threshold turns it off, a blank level means "use the
 * default". Something that is not a plain number is passed on as typed so the schema names it.
 */
export type AutonomyFormFields = {
  defaultLevel: string;
  /** Agent -> level, "" for "use the default". */
  agents: Record<string, string>;
  /** Active objective id -> level, "" for "use the default". */
  objectives: Record<string, string>;
  discountAbovePercent: string;
  pclvAbove: string;
  expectedValueAbove: string;
  firstMessageToShopper: boolean;
  llmWrittenCopy: boolean;
};

export type BrandVoiceFormFields = { tone: string; formality: string; useFirstName: boolean; signOffName: string };

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};
const checked = (form: FormData, name: string): boolean => ["on", "true"].includes(text(form, name));

export function autonomyFormFields(form: FormData, objectiveIds: readonly string[]): AutonomyFormFields {
  return {
    defaultLevel: text(form, "defaultLevel"),
    agents: Object.fromEntries(AGENT_NAMES.map((agent) => [agent, text(form, `agent.${agent}`)])),
    objectives: Object.fromEntries(objectiveIds.map((id) => [id, text(form, `objective.${id}`)])),
    discountAbovePercent: text(form, "discountAbovePercent"),
    pclvAbove: text(form, "pclvAbove"),
    expectedValueAbove: text(form, "expectedValueAbove"),
    firstMessageToShopper: checked(form, "firstMessageToShopper"),
    llmWrittenCopy: checked(form, "llmWrittenCopy"),
  };
}

export function autonomyToFields(settings: AutonomySettings, objectiveIds: readonly string[], currencyCode: string): AutonomyFormFields {
  const { supervised } = settings;
  return {
    defaultLevel: settings.defaultLevel,
    agents: Object.fromEntries(AGENT_NAMES.map((agent) => [agent, settings.agents[agent] ?? ""])),
    objectives: Object.fromEntries(objectiveIds.map((id) => [id, settings.objectives[id] ?? ""])),
    discountAbovePercent: supervised.discountAbove === null ? "" : String(Math.round(supervised.discountAbove * 10_000) / 100),
    pclvAbove: supervised.pclvAboveMinor === null ? "" : fromMinorUnits(supervised.pclvAboveMinor, currencyCode),
    expectedValueAbove: supervised.expectedValueAboveMinor === null ? "" : fromMinorUnits(supervised.expectedValueAboveMinor, currencyCode),
    firstMessageToShopper: supervised.firstMessageToShopper,
    llmWrittenCopy: supervised.llmWrittenCopy,
  };
}

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * The candidate settings for AutonomySettings to validate. Overrides for objectives that are not
 * on the form (inactive ones) are kept from `current`, so deactivating and later reactivating an
 * objective keeps its level; a blank on the form removes that objective's override.
 */
export function autonomyCandidate(fields: AutonomyFormFields, current: AutonomySettings, currencyCode: string): unknown {
  const levels = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).filter(([, level]) => level.trim() !== ""));
  const kept = Object.fromEntries(Object.entries(current.objectives).filter(([id]) => !(id in fields.objectives)));
  const amount = (value: string): unknown => {
    const trimmed = value.trim();
    if (trimmed === "") return null;
    return DECIMAL.test(trimmed) ? toMinorUnits(trimmed, currencyCode) : trimmed;
  };
  const percent = fields.discountAbovePercent.trim();
  return {
    defaultLevel: fields.defaultLevel,
    agents: levels(fields.agents),
    objectives: { ...kept, ...levels(fields.objectives) },
    supervised: {
      discountAbove: percent === "" ? null : DECIMAL.test(percent) ? Number(percent) / 100 : percent,
      pclvAboveMinor: amount(fields.pclvAbove),
      expectedValueAboveMinor: amount(fields.expectedValueAbove),
      firstMessageToShopper: fields.firstMessageToShopper,
      llmWrittenCopy: fields.llmWrittenCopy,
    },
  };
}

/** Where a schema error on the candidate shows on the form ("supervised.discountAbove" -> the percent field). */
export const AUTONOMY_ERROR_FIELDS: Readonly<Record<string, string>> = {
  "supervised.discountAbove": "discountAbovePercent",
  "supervised.pclvAboveMinor": "pclvAbove",
  "supervised.expectedValueAboveMinor": "expectedValueAbove",
};

export function brandVoiceFormFields(form: FormData): BrandVoiceFormFields {
  return { tone: text(form, "tone"), formality: text(form, "formality"), useFirstName: checked(form, "useFirstName"), signOffName: text(form, "signOffName") };
}

export function brandVoiceCandidate(fields: BrandVoiceFormFields): BrandVoiceInput {
  return { tone: fields.tone as BrandVoiceInput["tone"], formality: fields.formality as BrandVoiceInput["formality"], useFirstName: fields.useFirstName, signOffName: fields.signOffName };
}
