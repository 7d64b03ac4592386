import { parseObjectiveForm, type ObjectiveFormResult } from "~/domain/planner/objectives";
import { toMinorUnits } from "~/domain/money/money";

/**
 * The Objectives page's form as the planner's schema reads it. The merchant types the discount
 * budget in the shop's currency ("500" or "500.00"); it becomes minor units here, and anything that
 * is not a plain amount is passed on as typed so the schema names the problem. An empty target
 * means none.
 */
export type ObjectiveFormFields = {
  goal: string;
  targetValue: string;
  horizonDays: string;
  messagesPerShopperPerWeek: string;
  discountBudget: string;
  agentsAllowed: string[];
};

export function objectiveFormFields(form: FormData): ObjectiveFormFields {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    goal: text("goal"),
    targetValue: text("targetValue"),
    horizonDays: text("horizonDays"),
    messagesPerShopperPerWeek: text("messagesPerShopperPerWeek"),
    discountBudget: text("discountBudget"),
    agentsAllowed: [...form.getAll("agentsAllowed"), ...form.getAll("agentsAllowed[]")].filter((value): value is string => typeof value === "string"),
  };
}

export function parseObjectiveFields(fields: ObjectiveFormFields, currencyCode: string): ObjectiveFormResult {
  const budget = fields.discountBudget.trim();
  return parseObjectiveForm({
    goal: fields.goal,
    target: fields.targetValue.trim() === "" ? null : { value: fields.targetValue },
    horizonDays: fields.horizonDays,
    messagesPerShopperPerWeek: fields.messagesPerShopperPerWeek,
    discountBudgetMinor: /^\d+(\.\d+)?$/.test(budget) ? toMinorUnits(budget, currencyCode) : budget,
    agentsAllowed: fields.agentsAllowed,
  });
}
