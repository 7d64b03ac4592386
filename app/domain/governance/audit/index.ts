/** The audit record, its search and exports, and the governance KPIs (see each file for the why). */
export * from "./statusChange";
export * from "./violationSchema";
export * from "./auditRecord";
export * from "./query";
export * from "./csv";
export * from "./jsonExport";
export * from "./kpis";
