import { DAY_MS } from "../../domain/shared/time";
import { campaignNamed, makeVisit, type Visit, type VisitKind } from "./campaigns";
import type { DemoCatalog } from "./catalog";
import { CartBook, type CheckoutIdentity, type OpenCheckout } from "./carts";
import type { Device } from "./devices";
import type { OrderTokens } from "./orderPayloads";
import type { PlannedOrder } from "./orderPlanning";
import { SessionRecorder } from "./pixelEventPayloads";
import type { PixelSession } from "./pixelTypes";
import type { Random } from "./random";
import { browseSteps, purchaseSteps, type Outcome, type Page, type Step } from "./sessionSteps";
import { shoppingHour } from "./timeOfDay";
import { atLocalHour } from "./timestamps";

/**
 * A shopper's visits to the storefront within the browsing window, replayed in time order so that
 * carts carry over between visits on the same browser. Visits that end in an order finish with
 * checkout_completed for that order's checkout; the rest stop at a product, the cart or an
 * abandoned checkout. Visits still under way at `now` are cut off there, leaving active carts.
 */
export type Shopper = {
  customerId: number | null;
  locale: string;
  timeZone: string;
  devices: readonly Device[];
  logInShare: number;
  /** Category paths the shopper cares about, most important first. */
  interests: readonly string[];
  favouriteCampaign: string | null;
  /** How the shopper checks out; null for anonymous visitors, who never reach checkout here. */
  identity: CheckoutIdentity | null;
};

export type BrowsingRequest = {
  windowStart: Date;
  now: Date;
  /** Web orders placed inside the window, each with its id. */
  purchases: readonly { order: PlannedOrder; orderId: number }[];
  browseSessions: number;
  /** Visits clustered shortly before `now` by shoppers whose supply is running out. */
  intentSessions: number;
  acceptsMarketingAt: (at: Date) => boolean;
};

export type BrowsingResult = { sessions: PixelSession[]; book: CartBook; orderTokens: Map<number, OrderTokens> };

type Spec = { sortAt: number } & ({ kind: "purchase"; order: PlannedOrder; orderId: number } | { kind: "browse"; start: Date; intent: boolean });

export function simulateBrowsing(rng: Random, catalog: DemoCatalog, shopper: Shopper, request: BrowsingRequest): BrowsingResult {
  const { windowStart, now } = request;
  const span = now.getTime() - windowStart.getTime();
  const specs: Spec[] = request.purchases.map(({ order, orderId }) => ({ kind: "purchase", order, orderId, sortAt: order.at.getTime() - 600_000 }));
  for (let i = 0; i < request.browseSessions; i++) {
    const start = atLocalHour(new Date(windowStart.getTime() + rng.uniform() * span), shopper.timeZone, shoppingHour(rng));
    if (start.getTime() < now.getTime() && start.getTime() >= windowStart.getTime()) specs.push({ kind: "browse", start, intent: false, sortAt: start.getTime() });
  }
  for (let i = 0; i < request.intentSessions; i++) {
    // Most of these visits fall in the last few days; a few are happening right now.
    const ago = rng.chance(0.08) ? rng.between(2, 90) * 60_000 : Math.max(2 * 60_000, rng.exponential(3 * DAY_MS));
    const start = new Date(Math.max(windowStart.getTime(), now.getTime() - ago));
    specs.push({ kind: "browse", start, intent: true, sortAt: start.getTime() });
  }
  specs.sort((a, b) => a.sortAt - b.sortAt);

  const book = new CartBook(rng.fork("carts"));
  const sessions: PixelSession[] = [];
  const orderTokens = new Map<number, OrderTokens>();
  for (const spec of specs) {
    const device = rng.weighted(shopper.devices.map((d) => [d, d.weight] as const));
    const loggedIn = shopper.customerId !== null && rng.chance(shopper.logInShare);
    let visit: Visit;
    let steps: Step[];
    let anchor: { start: Date } | { end: Date };
    if (spec.kind === "purchase") {
      visit = spec.order.visit ?? makeVisit(rng, catalog, { kind: "direct", campaign: null, categoryPath: null, at: spec.order.at });
      const open = book.openCartOf(device);
      if (open && !fitsInOrder(open.lines, spec.order)) book.abandon(device);
      steps = purchaseSteps(rng, catalog, visit, spec.order, book.openCartOf(device)?.lines ?? []);
      anchor = { end: spec.order.at };
    } else {
      visit = browseVisit(rng, catalog, shopper, spec.intent, spec.start, request.acceptsMarketingAt(spec.start));
      steps = browseSteps(rng, catalog, shopper.interests, visit, outcomeOf(rng, spec.intent, shopper.identity !== null));
      anchor = { start: spec.start };
    }
    const recorder = new SessionRecorder(rng, device, shopper.locale, visit.referringSite);
    const checkout = replay(steps, timesOf(steps, anchor), now, { book, device, recorder, shopper, visit, spec, loggedIn });
    if (spec.kind === "purchase" && checkout) orderTokens.set(spec.order.sequence, { cartToken: checkout.cart.token, checkoutToken: checkout.token });
    if (recorder.events.length > 0) {
      sessions.push({ clientId: device.clientId, customerId: loggedIn ? String(shopper.customerId) : null, timeZone: shopper.timeZone, events: recorder.events });
    }
  }
  return { sessions, book, orderTokens };
}

type ReplayContext = { book: CartBook; device: Device; recorder: SessionRecorder; shopper: Shopper; visit: Visit; spec: Spec; loggedIn: boolean };

/** Plays the steps at their times (up to `now`), writing pixel events and cart/checkout payloads. */
function replay(steps: readonly Step[], times: readonly Date[], now: Date, context: ReplayContext): OpenCheckout | null {
  const { book, device, recorder, shopper, spec } = context;
  let checkout: OpenCheckout | null = null;
  for (const [i, step] of steps.entries()) {
    const at = times[i];
    if (!at || at.getTime() > now.getTime()) continue;
    const soon = new Date(at.getTime() + 80);
    switch (step.kind) {
      case "page":
        recordPage(recorder, step.page, at, soon);
        continue;
      case "add": {
        book.add(device, at, step.product, step.variant, step.quantity);
        recorder.addedToCart(at, step.product, step.variant, step.quantity);
        continue;
      }
      case "cart": {
        const cart = book.openCartOf(device);
        recorder.page(at, "/cart", "Your cart");
        if (cart) recorder.cartViewed(soon, cart);
        continue;
      }
      case "checkout":
        if (!shopper.identity) continue;
        checkout = book.startCheckout(device, at, shopper.identity, { path: context.visit.landingPath, referrer: context.visit.referringSite });
        if (checkout) {
          recorder.page(at, `/checkouts/cn/${checkout.token}`, "Checkout");
          recorder.checkout(soon, "checkout_started", checkout, context.loggedIn ? shopper.identity.email : null, null, null, null);
        }
        continue;
      case "checkout_update":
        if (checkout && shopper.identity) book.touchCheckout(checkout, shopper.identity, at);
        continue;
      case "complete":
        if (!checkout || !shopper.identity || spec.kind !== "purchase") continue;
        book.complete(device, checkout, shopper.identity, spec.order);
        recorder.page(at, `/checkouts/cn/${checkout.token}/thank-you`, "Thank you");
        recorder.checkout(soon, "checkout_completed", checkout, shopper.identity.email, spec.order, spec.orderId, shopper.customerId);
        continue;
    }
  }
  return checkout;
}

function recordPage(recorder: SessionRecorder, page: Page, at: Date, soon: Date): void {
  recorder.page(at, page.path, page.title);
  if (page.kind === "product") recorder.productViewed(soon, page.product, page.variant);
  else if (page.kind === "collection") recorder.collectionViewed(soon, page.collection, page.products);
  else if (page.kind === "search") recorder.searchSubmitted(soon, page.query, page.results);
}

function timesOf(steps: readonly Step[], anchor: { start: Date } | { end: Date }): Date[] {
  const offsets: number[] = [];
  let elapsed = 0;
  for (const step of steps) {
    elapsed += step.gapMs;
    offsets.push(elapsed);
  }
  const start = "start" in anchor ? anchor.start.getTime() : anchor.end.getTime() - elapsed;
  return offsets.map((offset) => new Date(Math.round(start + offset)));
}

/** An open cart can be carried into an order only if everything in it is part of that order. */
function fitsInOrder(lines: readonly { variant: { id: number }; quantity: number }[], order: PlannedOrder): boolean {
  return lines.every((line) => order.lines.some((ordered) => ordered.variant.id === line.variant.id && ordered.quantity >= line.quantity));
}

function outcomeOf(rng: Random, intent: boolean, canCheckout: boolean): Outcome {
  const weights: readonly (readonly [Outcome, number])[] = intent
    ? [["bounce", 10], ["browse", 30], ["cart", 28], ["checkout", canCheckout ? 32 : 0]]
    : [["bounce", 35], ["browse", 38], ["cart", 15], ["checkout", canCheckout ? 12 : 0]];
  return rng.weighted(weights);
}

function browseVisit(rng: Random, catalog: DemoCatalog, shopper: Shopper, intent: boolean, at: Date, subscribed: boolean): Visit {
  const kind = rng.weighted<VisitKind>([
    ["email", subscribed ? (intent ? 30 : 15) : 0],
    ["paid_search", shopper.favouriteCampaign ? 10 : 4],
    ["paid_social", shopper.favouriteCampaign ? 12 : 6],
    ["organic_search", 18],
    ["organic_social", 8],
    ["referral", 4],
    ["direct", 25],
  ]);
  const paid = kind === "paid_search" || kind === "paid_social";
  const campaign = (paid || (kind === "email" && rng.chance(0.5))) && shopper.favouriteCampaign ? campaignNamed(shopper.favouriteCampaign) : null;
  const categoryPath = shopper.interests.length > 0 && rng.chance(0.7) ? rng.pick(shopper.interests) : null;
  return makeVisit(rng, catalog, { kind, campaign, categoryPath, at });
}
