/** The statuses the Decisions page filters by (client-safe: no server code). */
export const DECISION_STATUSES = ["planned", "dropped", "cancelled"] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
