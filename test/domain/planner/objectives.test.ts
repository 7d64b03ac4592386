import { describe, expect, it } from "vitest";
import { AGENT_NAMES, OBJECTIVE_GOALS } from "~/domain/agents/contract";
import { agentWeight, GOALS, ObjectiveInput, parseObjectiveForm, StoredObjective } from "~/domain/planner/objectives";
import { objective } from "../agents/fixtures";

const FORM = { goal: "reduce-churn", target: { value: "15" }, horizonDays: "90", messagesPerShopperPerWeek: "2", discountBudgetMinor: "50000", agentsAllowed: ["loyalty", "replenishment", "loyalty"] };

describe("objectives as the admin page submits them", () => {
  it("reads form strings, takes the goal's metric for a bare target, and stores agents once in canonical order", () => {
    expect(ObjectiveInput.parse(FORM)).toEqual({
      goal: "reduce-churn",
      target: { metric: "churn-reduction-percent", value: 15 },
      horizonDays: 90,
      messagesPerShopperPerWeek: 2,
      discountBudgetMinor: 50000,
      agentsAllowed: ["replenishment", "loyalty"],
      active: true,
    });
  });

  it("accepts numbers, a single agent as a string, no target, and a checkbox's 'on'", () => {
    const parsed = ObjectiveInput.parse({ ...FORM, target: null, horizonDays: 365, messagesPerShopperPerWeek: 0, discountBudgetMinor: 0, agentsAllowed: "cart-intent", active: "on" });
    expect(parsed).toMatchObject({ target: null, horizonDays: 365, messagesPerShopperPerWeek: 0, discountBudgetMinor: 0, agentsAllowed: ["cart-intent"], active: true });
  });

  it.each([
    { change: { goal: "get-rich" }, field: "goal", message: "Choose a goal: Reactivate lapsed buyers, Grow repeat-purchase revenue, Reduce churn, Lift loyalty redemptions, Recover abandoned carts." },
    { change: { horizonDays: "" }, field: "horizonDays", message: "Horizon is required." },
    { change: { horizonDays: "ninety" }, field: "horizonDays", message: "Horizon must be a number." },
    { change: { horizonDays: "0" }, field: "horizonDays", message: "Horizon must be a whole number from 1 to 365 days." },
    { change: { horizonDays: "366" }, field: "horizonDays", message: "Horizon must be a whole number from 1 to 365 days." },
    { change: { horizonDays: "30.5" }, field: "horizonDays", message: "Horizon must be a whole number from 1 to 365 days." },
    { change: { messagesPerShopperPerWeek: "15" }, field: "messagesPerShopperPerWeek", message: "Messages per shopper per week must be a whole number from 0 to 14." },
    { change: { messagesPerShopperPerWeek: "-1" }, field: "messagesPerShopperPerWeek", message: "Messages per shopper per week must be a whole number from 0 to 14." },
    { change: { discountBudgetMinor: "-100" }, field: "discountBudgetMinor", message: "Discount budget cannot be negative." },
    { change: { discountBudgetMinor: "12.5" }, field: "discountBudgetMinor", message: "Discount budget must be a whole amount of minor units (cents)." },
    { change: { agentsAllowed: [] }, field: "agentsAllowed", message: "Allow at least one agent." },
    { change: { agentsAllowed: ["loyalty", "spam-cannon"] }, field: "agentsAllowed.1", message: `Unknown agent "spam-cannon": choose from ${AGENT_NAMES.join(", ")}.` },
    { change: { agentsAllowed: undefined }, field: "agentsAllowed", message: "Choose the agents this objective may use." },
    { change: { target: { value: "0" } }, field: "target.value", message: "Target must be above zero." },
    { change: { target: { value: "150" } }, field: "target.value", message: "A percentage target cannot be above 100." },
  ])("$field: $message", ({ change, field, message }) => {
    const result = parseObjectiveForm({ ...FORM, ...change });
    expect(result).toEqual({ ok: false, errors: { [field]: message } });
  });

  it("a count target may exceed 100", () => {
    expect(parseObjectiveForm({ ...FORM, goal: "recover-carts", target: { value: "250" } })).toMatchObject({ ok: true, objective: { target: { metric: "recovered-carts", value: 250 } } });
  });

  it("a stored objective is the planner's Objective plus its id", () => {
    expect(StoredObjective.parse({ ...FORM, id: "obj-1" })).toMatchObject({ id: "obj-1", goal: "reduce-churn" });
    expect(StoredObjective.safeParse({ ...FORM, id: "" }).success).toBe(false);
  });
});

describe("goal -> agent weights", () => {
  it("every goal weights every agent between 0 and 1, its own main agent at 1, and defaults to agents it weights", () => {
    for (const goal of OBJECTIVE_GOALS) {
      const { weights, defaultAgents } = GOALS[goal];
      expect(AGENT_NAMES.every((agent) => weights[agent] > 0 && weights[agent] <= 1)).toBe(true);
      expect(Math.max(...Object.values(weights))).toBe(1);
      expect(defaultAgents.length).toBeGreaterThan(0);
    }
  });

  it.each([
    { goal: "recover-carts" as const, agent: "cart-intent" as const, allowed: true, active: true, weight: 1 },
    { goal: "recover-carts" as const, agent: "bestseller-newsletter" as const, allowed: true, active: true, weight: 0.2 },
    { goal: "lift-loyalty-redemptions" as const, agent: "loyalty" as const, allowed: false, active: true, weight: 0 },
    { goal: "lift-loyalty-redemptions" as const, agent: "loyalty" as const, allowed: true, active: false, weight: 0 },
  ])("$goal, $agent (allowed: $allowed, active: $active): $weight", ({ goal, agent, allowed, active, weight }) => {
    const chosen = objective({ goal, active, agentsAllowed: allowed ? [agent] : AGENT_NAMES.filter((a) => a !== agent) });
    expect(agentWeight(chosen, agent)).toBe(weight);
  });
});
