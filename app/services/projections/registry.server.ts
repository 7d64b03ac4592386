import { COMPLIANCE_PROJECTIONS } from "./complianceProjections.server";
import { PIXEL_PROJECTIONS } from "./pixelProjections.server";
import type { Projection } from "./projection.server";
import { STORE_PROJECTIONS } from "./storeProjections.server";

/**
 * Which projection applies an inbox event, keyed `<source>:<topic>` (for example
 * `webhook:orders/create`, `backfill:orders`, `pixel:product_viewed`). An event with no projection is
 * marked `ignored`, not failed: a topic we subscribe to but do not project yet loses nothing, its
 * raw body stays in the inbox.
 */
const PROJECTIONS: ReadonlyMap<string, Projection> = new Map(
  Object.entries({ ...STORE_PROJECTIONS, ...PIXEL_PROJECTIONS, ...COMPLIANCE_PROJECTIONS }),
);

export function projectionFor(source: string, topic: string): Projection | undefined {
  return PROJECTIONS.get(`${source}:${topic}`);
}
