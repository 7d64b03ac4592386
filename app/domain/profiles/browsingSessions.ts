import { DAY_MS } from "../shared/time";

/**
 * A shopper's browsing, from web-pixel events. The pixel has no notion of a visit, so sessions are
 * derived: one browser's (client's) events with gaps under 30 minutes, the usual analytics
 * convention. A customer's browsing spans every browser linked to them, each sessionised on its
 * own (two devices browsing at once are two sessions, not one).
 */
export const SESSION_GAP_MINUTES = 30;

export type BrowseEventFact = {
  clientId: string;
  name: string;
  occurredAt: Date;
  url: string | null;
  referrer: string | null;
  productId: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
};

export type BrowseSession = {
  clientId: string;
  startedAt: Date;
  endedAt: Date;
  events: number;
  /** Pages seen: page_viewed events, or the distinct URLs when the pixel sent none. */
  depth: number;
  productViews: number;
  addToCarts: number;
  searches: number;
  checkoutsStarted: number;
  landingUrl: string | null;
  referrer: string | null;
  utm: { source: string | null; medium: string | null; campaign: string | null };
};

export function sessionise(events: readonly BrowseEventFact[], gapMinutes = SESSION_GAP_MINUTES): BrowseSession[] {
  const byClient = new Map<string, BrowseEventFact[]>();
  for (const event of events) {
    const list = byClient.get(event.clientId);
    if (list) list.push(event);
    else byClient.set(event.clientId, [event]);
  }
  const sessions: BrowseSession[] = [];
  for (const list of byClient.values()) {
    list.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    let current: BrowseEventFact[] = [];
    for (const event of list) {
      const last = current.at(-1);
      if (last && event.occurredAt.getTime() - last.occurredAt.getTime() >= gapMinutes * 60_000) {
        sessions.push(toSession(current));
        current = [];
      }
      current.push(event);
    }
    if (current.length > 0) sessions.push(toSession(current));
  }
  return sessions.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.clientId.localeCompare(b.clientId));
}

function toSession(events: readonly BrowseEventFact[]): BrowseSession {
  const first = events[0] as BrowseEventFact;
  const count = (name: string) => events.filter((event) => event.name === name).length;
  const pageViews = count("page_viewed");
  const tagged = events.find((event) => event.utmSource || event.utmMedium || event.utmCampaign);
  return {
    clientId: first.clientId,
    startedAt: first.occurredAt,
    endedAt: (events.at(-1) as BrowseEventFact).occurredAt,
    events: events.length,
    depth: pageViews > 0 ? pageViews : new Set(events.map((event) => event.url ?? "")).size,
    productViews: count("product_viewed"),
    addToCarts: count("product_added_to_cart"),
    searches: count("search_submitted"),
    checkoutsStarted: count("checkout_started"),
    landingUrl: first.url,
    referrer: first.referrer,
    utm: { source: tagged?.utmSource ?? null, medium: tagged?.utmMedium ?? null, campaign: tagged?.utmCampaign ?? null },
  };
}

export type BrowsingSummary = {
  sessions: number;
  /** Browsers (pixel clients) the events came from. */
  clients: number;
  /** Mean pages per session, to one decimal (null without sessions). */
  meanDepth: number | null;
  productViews: number;
  distinctProductsViewed: number;
  addToCarts: number;
  searches: number;
  checkoutsStarted: number;
  firstVisitAt: Date | null;
  lastVisitAt: Date | null;
  daysSinceLastVisit: number | null;
  /** Mean days between the starts of consecutive sessions (null with fewer than two). */
  meanDaysBetweenVisits: number | null;
  /** Sessions started in the 30 days before `now`. */
  sessionsLast30Days: number;
  /** The products viewed most, most first (at most five). */
  topProducts: { productId: string; views: number }[];
};

export function summariseBrowsing(events: readonly BrowseEventFact[], now: Date): BrowsingSummary {
  const past = events.filter((event) => event.occurredAt.getTime() <= now.getTime());
  const sessions = sessionise(past);
  const sum = (pick: (session: BrowseSession) => number) => sessions.reduce((total, session) => total + pick(session), 0);
  const views = new Map<string, number>();
  for (const event of past) {
    if (event.name === "product_viewed" && event.productId) views.set(event.productId, (views.get(event.productId) ?? 0) + 1);
  }
  const first = sessions[0];
  const last = sessions.at(-1);
  const span = first && last ? (last.startedAt.getTime() - first.startedAt.getTime()) / DAY_MS : 0;
  return {
    sessions: sessions.length,
    clients: new Set(sessions.map((session) => session.clientId)).size,
    meanDepth: sessions.length ? round1(sum((s) => s.depth) / sessions.length) : null,
    productViews: sum((s) => s.productViews),
    distinctProductsViewed: views.size,
    addToCarts: sum((s) => s.addToCarts),
    searches: sum((s) => s.searches),
    checkoutsStarted: sum((s) => s.checkoutsStarted),
    firstVisitAt: first?.startedAt ?? null,
    lastVisitAt: last?.endedAt ?? null,
    daysSinceLastVisit: last ? round1((now.getTime() - last.endedAt.getTime()) / DAY_MS) : null,
    meanDaysBetweenVisits: sessions.length >= 2 ? round1(span / (sessions.length - 1)) : null,
    sessionsLast30Days: sessions.filter((session) => now.getTime() - session.startedAt.getTime() < 30 * DAY_MS).length,
    topProducts: [...views.entries()]
      .map(([productId, count]) => ({ productId, views: count }))
      .sort((a, b) => b.views - a.views || a.productId.localeCompare(b.productId))
      .slice(0, 5),
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
