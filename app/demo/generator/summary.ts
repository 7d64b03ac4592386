import { parseUtm } from "../../domain/events/utm";
import type { CustomerHistory } from "./customerHistory";

/**
 * Summary statistics of generated customers, computed in one streaming pass (nothing is kept per
 * customer), for the CLI and for eyeballing realism.
 */
export type DemoSummary = {
  customers: number;
  buyers: number;
  orders: number;
  ordersPerBuyer: { mean: number; median: number; p90: number; max: number };
  orderCountBuckets: Record<string, number>;
  oneTimeBuyerShare: number;
  cancelledShare: number;
  statusShares: Record<string, number>;
  consentShares: Record<string, number>;
  irregularHabitShare: number;
  sourceNames: Record<string, number>;
  campaignShareOfWebOrders: number;
  discountCodes: Record<string, number>;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  sessions: number;
  loggedInSessionShare: number;
  events: Record<string, number>;
  carts: number;
  checkouts: { completed: number; abandoned: number };
};

export function summarise(customers: Iterable<CustomerHistory>): DemoSummary {
  const counts: number[] = [];
  const statuses: Record<string, number> = {};
  const consents: Record<string, number> = {};
  const sourceNames: Record<string, number> = {};
  const discountCodes: Record<string, number> = {};
  const events: Record<string, number> = {};
  let orders = 0, cancelled = 0, webOrders = 0, withCampaign = 0, habits = 0, irregular = 0;
  let sessions = 0, loggedIn = 0, carts = 0, completed = 0, abandoned = 0;
  let first: string | null = null;
  let last: string | null = null;
  const bump = (table: Record<string, number>, key: string): void => {
    table[key] = (table[key] ?? 0) + 1;
  };
  for (const history of customers) {
    counts.push(history.orders.length);
    bump(statuses, history.truth.status);
    bump(consents, history.consent.email_marketing_consent.state);
    habits += history.truth.categories.length;
    irregular += history.truth.categories.filter((habit) => habit.regularity === "irregular").length;
    for (const order of history.orders) {
      orders++;
      if (order.cancelled_at) cancelled++;
      bump(sourceNames, order.source_name);
      for (const code of order.discount_codes) bump(discountCodes, code.code);
      if (order.source_name === "web") {
        webOrders++;
        if (parseUtm(order.landing_site).campaign) withCampaign++;
      }
      const at = new Date(order.created_at).toISOString();
      if (!first || at < first) first = at;
      if (!last || at > last) last = at;
    }
    for (const session of history.sessions) {
      sessions++;
      if (session.customerId) loggedIn++;
      for (const event of session.events) bump(events, event.name);
    }
    carts += history.carts.length;
    for (const versions of history.checkouts) {
      if (versions.at(-1)?.completed_at) completed++;
      else abandoned++;
    }
  }
  const buyers = counts.filter((count) => count > 0).sort((a, b) => a - b);
  const share = (table: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(table).map(([key, value]) => [key, round(value / Math.max(1, counts.length))]));
  const bucket = (count: number): string => (count >= 10 ? "10+" : count >= 6 ? "6-9" : count >= 4 ? "4-5" : String(count));
  const buckets: Record<string, number> = {};
  for (const count of counts) bump(buckets, bucket(count));
  return {
    customers: counts.length,
    buyers: buyers.length,
    orders,
    ordersPerBuyer: {
      mean: round(orders / Math.max(1, buyers.length)),
      median: buyers[Math.floor(buyers.length / 2)] ?? 0,
      p90: buyers[Math.floor(buyers.length * 0.9)] ?? 0,
      max: buyers.at(-1) ?? 0,
    },
    orderCountBuckets: buckets,
    oneTimeBuyerShare: round(buyers.filter((count) => count === 1).length / Math.max(1, buyers.length)),
    cancelledShare: round(cancelled / Math.max(1, orders)),
    statusShares: share(statuses),
    consentShares: share(consents),
    irregularHabitShare: round(irregular / Math.max(1, habits)),
    sourceNames,
    campaignShareOfWebOrders: round(withCampaign / Math.max(1, webOrders)),
    discountCodes,
    firstOrderAt: first,
    lastOrderAt: last,
    sessions,
    loggedInSessionShare: round(loggedIn / Math.max(1, sessions)),
    events,
    carts,
    checkouts: { completed, abandoned },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
