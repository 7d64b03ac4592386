import type { Projection } from "./projection.server";

/** pixel projections, keyed `<source>:<topic>` (see registry.server.ts). */
export const PIXEL_PROJECTIONS: Record<string, Projection> = {};
