/**
 * Why a shopper came: the UTM parameters of their orders' and checkouts' landing sites and of
 * their browsing sessions' landing pages, grouped by source / medium / campaign. Touch points with
 * no UTM at all are grouped as direct-or-unknown (source null), so the counts add up.
 */
export type TouchPointKind = "order" | "checkout" | "visit";

export type TouchPoint = {
  kind: TouchPointKind;
  at: Date;
  source: string | null;
  medium: string | null;
  campaign: string | null;
};

export type TrafficSource = {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  orders: number;
  checkouts: number;
  visits: number;
  firstAt: Date;
  lastAt: Date;
};

export type TrafficSummary = {
  sources: TrafficSource[];
  /** The earliest and latest touch points that carried a UTM source (first and last touch). */
  firstTouch: TouchPoint | null;
  lastTouch: TouchPoint | null;
};

export function summariseTrafficSources(touchPoints: readonly TouchPoint[]): TrafficSummary {
  const groups = new Map<string, TrafficSource>();
  const counter: Record<TouchPointKind, "orders" | "checkouts" | "visits"> = { order: "orders", checkout: "checkouts", visit: "visits" };
  for (const point of touchPoints) {
    const key = JSON.stringify([point.source, point.medium, point.campaign]);
    let group = groups.get(key);
    if (!group) {
      group = { source: point.source, medium: point.medium, campaign: point.campaign, orders: 0, checkouts: 0, visits: 0, firstAt: point.at, lastAt: point.at };
      groups.set(key, group);
    }
    group[counter[point.kind]]++;
    if (point.at < group.firstAt) group.firstAt = point.at;
    if (point.at > group.lastAt) group.lastAt = point.at;
  }
  const total = (s: TrafficSource) => s.orders + s.checkouts + s.visits;
  const tagged = [...touchPoints].filter((point) => point.source !== null).sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    sources: [...groups.values()].sort((a, b) => total(b) - total(a) || b.lastAt.getTime() - a.lastAt.getTime()),
    firstTouch: tagged[0] ?? null,
    lastTouch: tagged.at(-1) ?? null,
  };
}
