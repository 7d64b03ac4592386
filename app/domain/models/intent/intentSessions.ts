import { sessionise, type BrowseEventFact, type BrowseSession } from "../../profiles/browsingSessions";
import { DAY_MS } from "../../shared/time";
import { trafficChannel, type TrafficChannel } from "./trafficChannel";

/**
 * Browsing sessions as the intent model sees them: each session's behaviour up to the moment it
 * reached checkout (so a session's features never include the purchase they are meant to
 * predict), whether it converted (a checkout_completed in the session), and how the visitor had
 * been coming back before it. Sessions are the profile's (`sessionise`: one browser's events with
 * gaps under 30 minutes); the visitor is the customer a browser is linked to, else the browser.
 */
export type IntentEventFact = BrowseEventFact & { visitorId: string };

export type IntentSignals = {
  pageViews: number;
  /** Distinct pages (URL paths) seen. */
  sessionDepth: number;
  productViews: number;
  addToCarts: number;
  /** The visitor's sessions that started in the 30 days before this one. */
  returnVisits: number;
  /** Days from the start of the visitor's previous session to this one's; null on a first visit. */
  daysSinceLastVisit: number | null;
  trafficSource: TrafficChannel;
};

export type IntentSession = {
  visitorId: string;
  clientId: string;
  startedAt: Date;
  endedAt: Date;
  signals: IntentSignals;
  converted: boolean;
};

export const RETURN_VISIT_WINDOW_DAYS = 30;
const CHECKOUT_EVENTS = new Set(["checkout_started", "checkout_completed"]);

export function intentSessions(events: readonly IntentEventFact[]): IntentSession[] {
  const byClient = new Map<string, IntentEventFact[]>();
  for (const event of events) {
    const list = byClient.get(event.clientId);
    if (list) list.push(event);
    else byClient.set(event.clientId, [event]);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const cursor = new Map<string, number>();
  const drafts = sessionise(events).map((session) => {
    const list = byClient.get(session.clientId) as IntentEventFact[];
    const start = cursor.get(session.clientId) ?? 0;
    const own = list.slice(start, start + session.events);
    cursor.set(session.clientId, start + session.events);
    return { session, events: own, visitorId: (own.at(-1) as IntentEventFact).visitorId };
  });
  const recentStarts = new Map<string, number[]>();
  return drafts.map(({ session, events: own, visitorId }) => {
    const start = session.startedAt.getTime();
    const earlier = recentStarts.get(visitorId) ?? [];
    const last = earlier.at(-1);
    const recent = earlier.filter((at) => start - at <= RETURN_VISIT_WINDOW_DAYS * DAY_MS);
    recentStarts.set(visitorId, [...recent, start]);
    return {
      visitorId,
      clientId: session.clientId,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      signals: {
        ...behaviourBeforeCheckout(own),
        returnVisits: recent.length,
        daysSinceLastVisit: last === undefined ? null : Math.round(((start - last) / DAY_MS) * 10) / 10,
        trafficSource: channelOf(session),
      },
      converted: own.some((event) => event.name === "checkout_completed"),
    };
  });
}

function behaviourBeforeCheckout(events: readonly IntentEventFact[]): Pick<IntentSignals, "pageViews" | "sessionDepth" | "productViews" | "addToCarts"> {
  const cut = events.findIndex((event) => CHECKOUT_EVENTS.has(event.name));
  const before = cut < 0 ? events : events.slice(0, cut);
  const count = (name: string) => before.filter((event) => event.name === name).length;
  return {
    pageViews: count("page_viewed"),
    sessionDepth: new Set(before.flatMap((event) => (event.url ? [pathOf(event.url)] : []))).size,
    productViews: count("product_viewed"),
    addToCarts: count("product_added_to_cart"),
  };
}

function channelOf(session: BrowseSession): TrafficChannel {
  return trafficChannel({ utmSource: session.utm.source, utmMedium: session.utm.medium, referrer: session.referrer, landingUrl: session.landingUrl });
}

function pathOf(url: string): string {
  const query = url.search(/[?#]/);
  return query < 0 ? url : url.slice(0, query);
}
