/** Autonomy levels, routing, and the approval state machine (see each file for the why). */
export * from "./level";
export * from "./settings";
export * from "./route";
export * from "./status";
export * from "./approval";
export * from "./bulk";
export * from "./systemTransition";
