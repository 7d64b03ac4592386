import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "~/db.server";
import { AGENT_NAMES, OBJECTIVE_GOALS, type Objective } from "~/domain/agents/contract";

/**
 * The merchant's objectives, stored per shop. Every query is scoped by `shopId`, so an id of
 * another shop finds nothing. JSON columns are parsed on every read; a row that no longer parses
 * (written by an older version with a goal since removed) is reported, never silently used.
 */
export type StoredObjective = Objective & { createdAt: Date; updatedAt: Date };
export type ObjectiveInput = Omit<Objective, "id" | "active"> & { active?: boolean };

const StoredTarget = z.object({ metric: z.string().min(1), value: z.number().finite() }).nullable();
const StoredAgents = z.array(z.enum(AGENT_NAMES));
const StoredGoal = z.enum(OBJECTIVE_GOALS);

type ObjectiveRow = {
  id: string;
  goal: string;
  target: string | null;
  horizonDays: number;
  messagesPerShopperPerWeek: number;
  discountBudgetMinor: number;
  agentsAllowed: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export function objectiveFromRow(row: ObjectiveRow): { ok: true; value: StoredObjective } | { ok: false; error: string } {
  const goal = StoredGoal.safeParse(row.goal);
  const target = StoredTarget.safeParse(parseJson(row.target ?? "null"));
  const agents = StoredAgents.safeParse(parseJson(row.agentsAllowed));
  if (!goal.success || !target.success || !agents.success) return { ok: false, error: `objective ${row.id} is stored in a shape this version cannot read` };
  return {
    ok: true,
    value: {
      id: row.id,
      goal: goal.data,
      target: target.data,
      horizonDays: row.horizonDays,
      messagesPerShopperPerWeek: row.messagesPerShopperPerWeek,
      discountBudgetMinor: row.discountBudgetMinor,
      agentsAllowed: agents.data,
      active: row.active,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    },
  };
}

/** Newest first. Rows that cannot be read are left out (and named in `unreadable`). */
export async function listObjectives(store: Db, shopId: string): Promise<{ objectives: StoredObjective[]; unreadable: string[] }> {
  const rows = await store.objective.findMany({ where: { shopId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  const objectives: StoredObjective[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    const parsed = objectiveFromRow(row);
    if (parsed.ok) objectives.push(parsed.value);
    else unreadable.push(parsed.error);
  }
  return { objectives, unreadable };
}

/** The active objectives the planner works toward, oldest first (a stable order for replays). */
export async function activeObjectives(store: Db, shopId: string): Promise<Objective[]> {
  const rows = await store.objective.findMany({ where: { shopId, active: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.flatMap((row) => {
    const parsed = objectiveFromRow(row);
    if (!parsed.ok) return [];
    const { createdAt: _c, updatedAt: _u, ...objective } = parsed.value;
    return [objective];
  });
}

export async function createObjective(store: Db, shopId: string, input: ObjectiveInput, id: string = randomUUID()): Promise<StoredObjective> {
  const row = await store.objective.create({
    data: {
      shopId,
      id,
      goal: input.goal,
      target: input.target === null ? null : JSON.stringify(input.target),
      horizonDays: input.horizonDays,
      messagesPerShopperPerWeek: input.messagesPerShopperPerWeek,
      discountBudgetMinor: input.discountBudgetMinor,
      agentsAllowed: JSON.stringify(input.agentsAllowed),
      active: input.active ?? true,
    },
  });
  const parsed = objectiveFromRow(row);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** Activates or deactivates one of the shop's objectives; false when the shop has no such objective. */
export async function setObjectiveActive(store: Db, shopId: string, id: string, active: boolean): Promise<boolean> {
  const { count } = await store.objective.updateMany({ where: { shopId, id }, data: { active } });
  return count === 1;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
