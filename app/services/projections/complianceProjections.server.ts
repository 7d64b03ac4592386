import type { Projection } from "./projection.server";

/** compliance projections, keyed `<source>:<topic>` (see registry.server.ts). */
export const COMPLIANCE_PROJECTIONS: Record<string, Projection> = {};
