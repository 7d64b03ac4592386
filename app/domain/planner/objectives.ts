import { z } from "zod";
import { AGENT_NAMES, OBJECTIVE_GOALS, type AgentName, type Objective, type ObjectiveGoal } from "../agents/contract";

/**
 * Objectives as the admin page submits them, and what each goal means to the planner. A goal
 * weights the agents: a proposal's expected value is multiplied by the weight its agent has under
 * the active objectives that allow it (the highest, if several), so "recover carts" ranks a cart
 * follow-up above a newsletter worth the same. Weights are 0-1, the goal's main agent at 1.
 * Form fields arrive as strings: numbers are read from trimmed text, an empty field is "required".
 */
export type GoalDefinition = {
  label: string;
  description: string;
  /** The target's metric when the merchant gives only a number, and its unit. */
  targetMetric: string;
  targetUnit: "percent" | "count";
  defaultAgents: readonly AgentName[];
  weights: Readonly<Record<AgentName, number>>;
};

export const GOALS: Readonly<Record<ObjectiveGoal, GoalDefinition>> = {
  "reactivate-lapsed": {
    label: "Reactivate lapsed buyers",
    description: "Bring back customers who have stopped buying on their usual rhythm.",
    targetMetric: "reactivated-customers",
    targetUnit: "count",
    defaultAgents: ["replenishment", "loyalty", "bestseller-newsletter"],
    weights: { replenishment: 1, "post-purchase": 0.4, loyalty: 0.7, "cart-intent": 0.5, "bestseller-newsletter": 0.8 },
  },
  "grow-repeat-revenue": {
    label: "Grow repeat-purchase revenue",
    description: "More second and later orders from existing customers.",
    targetMetric: "repeat-revenue-growth-percent",
    targetUnit: "percent",
    defaultAgents: ["replenishment", "post-purchase", "loyalty", "bestseller-newsletter"],
    weights: { replenishment: 1, "post-purchase": 1, loyalty: 0.7, "cart-intent": 0.6, "bestseller-newsletter": 0.6 },
  },
  "reduce-churn": {
    label: "Reduce churn",
    description: "Keep customers from lapsing: catch them as they begin to drift.",
    targetMetric: "churn-reduction-percent",
    targetUnit: "percent",
    defaultAgents: ["replenishment", "post-purchase", "loyalty"],
    weights: { replenishment: 1, "post-purchase": 0.8, loyalty: 0.8, "cart-intent": 0.4, "bestseller-newsletter": 0.5 },
  },
  "lift-loyalty-redemptions": {
    label: "Lift loyalty redemptions",
    description: "More customers reaching and redeeming reward tiers before points expire.",
    targetMetric: "redemption-growth-percent",
    targetUnit: "percent",
    defaultAgents: ["loyalty"],
    weights: { replenishment: 0.4, "post-purchase": 0.3, loyalty: 1, "cart-intent": 0.4, "bestseller-newsletter": 0.3 },
  },
  "recover-carts": {
    label: "Recover abandoned carts",
    description: "Turn abandoned carts and checkouts into orders.",
    targetMetric: "recovered-carts",
    targetUnit: "count",
    defaultAgents: ["cart-intent"],
    weights: { replenishment: 0.3, "post-purchase": 0.2, loyalty: 0.3, "cart-intent": 1, "bestseller-newsletter": 0.2 },
  },
};

export const HORIZON_DAYS = { min: 1, max: 365 } as const;
export const MESSAGES_PER_WEEK = { min: 0, max: 14 } as const;

/** Reads "12" or 12 as a number; "" and missing read as absent, so the message says "required". */
function numberField(label: string) {
  return z.preprocess(
    (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value.trim())) : value),
    z.number({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be a number.`) }),
  );
}

function wholeNumber(label: string, min: number, max: number, unit = "") {
  const range = `${label} must be a whole number from ${min} to ${max}${unit}.`;
  return numberField(label).pipe(z.number().int(range).min(min, range).max(max, range));
}

const goalList = OBJECTIVE_GOALS.map((goal) => GOALS[goal].label).join(", ");

export const ObjectiveInput = z
  .object({
    goal: z.enum(OBJECTIVE_GOALS, { error: `Choose a goal: ${goalList}.` }),
    /** A number alone takes the goal's metric. */
    target: z
      .object({
        metric: z.string().trim().min(1).max(80).optional(),
        value: numberField("Target").pipe(z.number().positive("Target must be above zero.")),
      })
      .nullable()
      .default(null),
    horizonDays: wholeNumber("Horizon", HORIZON_DAYS.min, HORIZON_DAYS.max, " days"),
    messagesPerShopperPerWeek: wholeNumber("Messages per shopper per week", MESSAGES_PER_WEEK.min, MESSAGES_PER_WEEK.max),
    discountBudgetMinor: numberField("Discount budget").pipe(
      z.number().int("Discount budget must be a whole amount of minor units (cents).").min(0, "Discount budget cannot be negative.").max(Number.MAX_SAFE_INTEGER, "Discount budget is too large."),
    ),
    agentsAllowed: z.preprocess(
      (value) => (typeof value === "string" ? [value] : value),
      z
        .array(z.enum(AGENT_NAMES, { error: (issue) => `Unknown agent ${JSON.stringify(issue.input)}: choose from ${AGENT_NAMES.join(", ")}.` }), {
          error: "Choose the agents this objective may use.",
        })
        .min(1, "Allow at least one agent."),
    ),
    active: z.preprocess((value) => (value === "true" || value === "on" ? true : value === "false" ? false : value), z.boolean()).default(true),
  })
  .superRefine((input, context) => {
    if (input.target && GOALS[input.goal].targetUnit === "percent" && input.target.value > 100) {
      context.addIssue({ code: "custom", path: ["target", "value"], message: "A percentage target cannot be above 100." });
    }
  })
  .transform((input) => ({
    ...input,
    target: input.target ? { metric: input.target.metric ?? GOALS[input.goal].targetMetric, value: input.target.value } : null,
    // Canonical order, each agent once: the same choice always stores the same value.
    agentsAllowed: AGENT_NAMES.filter((agent) => input.agentsAllowed.includes(agent)),
  }));
export type ObjectiveInput = z.output<typeof ObjectiveInput>;

/** A stored objective: the submitted fields plus its id. */
export const StoredObjective = z.intersection(z.object({ id: z.string().min(1) }), ObjectiveInput);
export type StoredObjective = z.output<typeof StoredObjective>;

// The parsed form is exactly the planner's Objective (compile-time check).
const _sameShape: (value: StoredObjective) => Objective = (value) => value;

export type ObjectiveFormResult = { ok: true; objective: ObjectiveInput } | { ok: false; errors: Record<string, string> };

/** Parses a submission; on failure, the first message per field ("target.value", "horizonDays", ...). */
export function parseObjectiveForm(raw: unknown): ObjectiveFormResult {
  const result = ObjectiveInput.safeParse(raw);
  if (result.success) return { ok: true, objective: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "form";
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The weight an objective gives an agent: its goal's weight if it allows the agent, else 0. */
export function agentWeight(objective: Objective, agent: AgentName): number {
  return objective.active && objective.agentsAllowed.includes(agent) ? GOALS[objective.goal].weights[agent] : 0;
}
