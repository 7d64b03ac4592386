import { PIXEL_EVENT_NAMES } from "~/domain/events/pixelEvents";
import { applyPixelEvent } from "~/services/pixel/applyPixelEvent.server";
import type { Projection } from "./projection.server";

/**
 * pixel projections, keyed `<source>:<topic>` (see registry.server.ts): every standard event the
 * web pixel reports (`pixel:page_viewed`, ..., `pixel:checkout_completed`) is applied by one
 * projection, app/services/pixel/applyPixelEvent.server.ts.
 */
export const PIXEL_PROJECTIONS: Record<string, Projection> = Object.fromEntries(PIXEL_EVENT_NAMES.map((name) => [`pixel:${name}`, applyPixelEvent]));
