import { DAY_MS } from "../../domain/shared/time";
import { simulateBrowsing } from "./browsing";
import { campaignForCategory } from "./campaigns";
import type { CartWebhookJson } from "./basketPayloadTypes";
import type { GenerationContext } from "./customerHistory";
import { makeDevices } from "./devices";
import type { PixelSession } from "./pixelTypes";
import { REGIONS } from "./regions";

/**
 * Visitors who never identify themselves: they browse, some fill a cart, none reaches checkout in
 * this demo. They are most of a real store's traffic and the negatives an intent model needs.
 */
export type AnonymousVisitor = { index: number; clientId: string; sessions: PixelSession[]; carts: CartWebhookJson[][] };

export function generateAnonymousVisitor(context: GenerationContext, index: number): AnonymousVisitor {
  const rng = context.root.fork(`anonymous:${index}`);
  const region = rng.weighted(REGIONS.map((r) => [r, r.weight] as const));
  const place = rng.pick(region.places);
  const [device] = makeDevices(rng, region.inEu ? 0.7 : 0.92);
  if (!device) throw new Error("makeDevices returned no device");
  const interests = rng.shuffle(context.catalog.categories.map((category) => category.path)).slice(0, rng.int(1, 2));
  const firstInterest = interests[0] ?? null;
  const browsing = simulateBrowsing(rng, context.catalog, {
    customerId: null,
    locale: region.locale,
    timeZone: place.timeZone,
    devices: [device],
    logInShare: 0,
    interests,
    favouriteCampaign: firstInterest ? (campaignForCategory(rng, firstInterest)?.name ?? null) : null,
    identity: null,
  }, {
    windowStart: new Date(context.now.getTime() - context.browseDays * DAY_MS),
    now: context.now,
    purchases: [],
    browseSessions: 1 + rng.poisson(0.6),
    intentSessions: 0,
    acceptsMarketingAt: () => false,
  });
  return { index, clientId: device.clientId, sessions: browsing.sessions, carts: browsing.book.carts };
}
