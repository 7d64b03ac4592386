import {
  addHours,
  DEFAULT_HIGH_INTENT_THRESHOLD,
  estimateValue,
  HOUR_MS,
  impactSentence,
  later,
  money,
  offeredDiscount,
  percent,
  plainDate,
  proposalId,
  UPLIFT_PRIORS,
} from "./agentHelpers";
import type { IntentDimension } from "../models/intent/intentDimensions";
import { leadAttributeFor } from "./leadAttribute";
import type { Agent, AgentContext, BasketSnapshot, Proposal, ShopperSnapshot } from "./contract";

/**
 * Cart intent: abandoned carts and checkouts (abandoned after the shop's delay, not completed, no
 * order since) get one follow-up per journey, leading with the attribute that brought the shopper
 * in (see leadAttribute.ts). The intent score routes it: at or above the threshold a direct
 * "complete your order" email within the first day, no discount (they were about to buy); below
 * it, a softer reminder from the next day to the third, with the shop's standard discount if it
 * allows one. A cart updated several times, or a checkout started from it, is one journey (subject
 * = the cart token), planned from its latest version. Consent is the planner's business: a cart
 * from a shopper who is not subscribed still yields a proposal, which the planner drops.
 */
export const DIRECT_WINDOW_HOURS: readonly [number, number] = [0, 24];
export const SOFT_WINDOW_HOURS: readonly [number, number] = [24, 72];

const SIGNAL_NAMES: Record<IntentDimension, string> = {
  pageViews: "page views",
  sessionDepth: "session depth",
  productViews: "product views",
  addToCarts: "add-to-carts",
  returnVisits: "return visits",
  daysSinceLastVisit: "days since last visit",
  trafficSource: "traffic source",
};

export const cartIntentAgent: Agent = (shopper, context) => {
  const journeys = new Map<string, BasketSnapshot[]>();
  for (const basket of shopper.baskets) {
    const key = basket.cartToken ?? basket.token;
    journeys.set(key, [...(journeys.get(key) ?? []), basket]);
  }
  return [...journeys.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([key, versions]) => {
      const proposal = followUpFor(shopper, key, versions, context);
      return proposal ? [proposal] : [];
    });
};

/** The journey's latest state: newest activity first; a checkout beats its cart at the same moment. */
function latestVersion(versions: readonly BasketSnapshot[]): BasketSnapshot {
  return [...versions].sort(
    (a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (a.kind === b.kind ? 0 : a.kind === "checkout" ? -1 : 1) || (b.abandonedAt?.getTime() ?? 0) - (a.abandonedAt?.getTime() ?? 0),
  )[0] as BasketSnapshot;
}

function followUpFor(shopper: ShopperSnapshot, journey: string, versions: readonly BasketSnapshot[], context: AgentContext): Proposal | null {
  const basket = latestVersion(versions);
  const { now, settings } = context;
  const abandonedAt = basket.abandonedAt;
  if (!abandonedAt || basket.completedAt) return null;
  if (versions.some((v) => v.completedAt)) return null;
  if (now.getTime() - basket.lastActivityAt.getTime() < settings.abandonmentDelayMinutes * 60_000) return null;
  if (shopper.orders.lastAt && shopper.orders.lastAt.getTime() >= basket.lastActivityAt.getTime()) return null;

  const score = shopper.intent?.score ?? null;
  const threshold = settings.highIntentThreshold ?? DEFAULT_HIGH_INTENT_THRESHOLD;
  const direct = score !== null && score >= threshold;
  const [fromHours, toHours] = direct ? DIRECT_WINDOW_HOURS : SOFT_WINDOW_HOURS;
  const latestSendAt = addHours(abandonedAt, toHours);
  if (latestSendAt.getTime() <= now.getTime()) return null;
  const earliestSendAt = later(now, addHours(abandonedAt, fromHours));

  const lines = [...basket.lines].sort((a, b) => b.priceMinor * b.quantity - a.priceMinor * a.quantity || (a.productId ?? "").localeCompare(b.productId ?? ""));
  const lead = leadAttributeFor(basket, lines, context.catalog);
  const currency = context.catalog.currencyCode;
  const discount = direct ? null : offeredDiscount(settings.maxDiscount);
  const items = lines.reduce((sum, line) => sum + line.quantity, 0);
  const totalMinor = basket.totalMinor > 0 ? basket.totalMinor : lines.reduce((sum, line) => sum + line.priceMinor * line.quantity, 0);
  const expectedValue = estimateValue({
    prior:
      score === null
        ? { value: UPLIFT_PRIORS.cartBase, label: "prior uplift of a cart reminder; no intent score, so the base rate" }
        : {
            value: UPLIFT_PRIORS.cartBase + UPLIFT_PRIORS.cartPerIntent * score,
            label: `prior uplift of a cart reminder: ${percent(UPLIFT_PRIORS.cartBase)} + ${percent(UPLIFT_PRIORS.cartPerIntent)} × intent score ${score}, since the closer they were to buying, the more a reminder recovers`,
          },
    orderValueMinor: totalMinor,
    orderValueLabel: `the ${basket.kind} total`,
    discount,
    currencyCode: currency,
  });

  const topSignals = (shopper.intent?.contributions ?? []).slice(0, 3).map((c) => `${SIGNAL_NAMES[c.dimension]} (${c.value ?? "n/a"})`);
  const minutesIdle = Math.round((abandonedAt.getTime() - basket.lastActivityAt.getTime()) / 60_000);
  const reasoning = [
    `Left a ${basket.kind} of ${items} item${items === 1 ? "" : "s"} worth ${money(totalMinor, currency)}: no activity since ${plainDate(basket.lastActivityAt)}, marked abandoned after ${Math.max(minutesIdle, settings.abandonmentDelayMinutes)} minutes (the shop's delay is ${settings.abandonmentDelayMinutes}), and no order since.`,
  ];
  if (versions.length > 1) reasoning.push(`The ${journey === basket.token ? "cart" : "journey"} was updated ${versions.length} times; the latest version is used and it gets one message.`);
  reasoning.push(
    score === null
      ? `No intent score for this shopper: treated as a browser, so a softer reminder goes a day later.`
      : direct
        ? `Intent score ${score} is at or above ${threshold}${topSignals.length ? `, driven by ${topSignals.join(", ")}` : ""}: they were close to buying, so a direct "complete your order" email goes within ${DIRECT_WINDOW_HOURS[1]} hours, without a discount.`
        : `Intent score ${score} is below ${threshold}${topSignals.length ? ` (strongest signals: ${topSignals.join(", ")})` : ""}: a browser, so a softer reminder goes from ${SOFT_WINDOW_HOURS[0]} to ${SOFT_WINDOW_HOURS[1]} hours after abandonment${discount ? `, with a ${percent(discount)} discount` : ""}.`,
  );
  reasoning.push(lead.explanation);

  const numbers: Record<string, number> = { cartTotalMinor: totalMinor, itemCount: items };
  if (score !== null) numbers.intentScore = score;
  return {
    id: proposalId("cart-intent", shopper.customerId, journey, abandonedAt),
    customerId: shopper.customerId,
    agent: "cart-intent",
    subject: journey,
    action: { messageType: direct ? "cart-complete-order" : "cart-soft-reminder", channel: "email", earliestSendAt, latestSendAt },
    brief: {
      products: lines.flatMap((line) => (line.productId ? [{ productId: line.productId, title: line.title, priceMinor: line.priceMinor }] : [])),
      numbers,
      deadlines: { abandonedAt },
      leadAttribute: lead.attribute,
      discount,
    },
    expectedValue,
    trace: {
      inputs: {
        kind: basket.kind,
        token: basket.token,
        journey,
        versions: versions.length,
        abandonedAt: abandonedAt.toISOString(),
        lastActivityAt: basket.lastActivityAt.toISOString(),
        utm: { source: basket.utmSource, campaign: basket.utmCampaign, content: basket.utmContent },
        landingSite: basket.landingSite,
        intentScore: score,
        intentThreshold: threshold,
        topIntentSignals: topSignals,
        leadAttribute: lead.attribute,
        leadSource: lead.source,
      },
      reasoning,
      action: `Email a ${direct ? '"complete your order"' : "soft"} reminder${lead.attribute ? ` leading with "${lead.attribute}"` : ""} between ${plainDate(earliestSendAt)} and ${plainDate(latestSendAt)}${direct ? ` (within ${Math.round((latestSendAt.getTime() - earliestSendAt.getTime()) / HOUR_MS)} hours)` : ""}.`,
      expectedImpact: impactSentence(expectedValue, currency),
    },
  };
}
