import type { AgentName, ShopperSnapshot } from "../../agents/contract";
import { isQuietAt, isValidTimeZone, nextSendableMoment } from "../../planner/quietHours";
import { DAY_MS } from "../../shared/time";
import type { CheckResult, Violation } from "../violation";
import type { PolicyDocument } from "./policyDocument";
import { POLICY_RULES } from "./ruleNames";
import { deferForSendRate } from "./sendRate";

/**
 * Suppression: whether a message may go to this shopper at this moment. Consent, suppression,
 * a recent order, complaint or bounce, and the per-shopper frequency caps block ("block"); quiet
 * hours and the shop's send rate only move the send later (a deferral), because waiting fixes them.
 * Recency is measured at the moment the message would arrive (the later of `now` and the planned
 * send), since that is when the shopper would read it.
 */
export type SuppressionFacts = {
  emailMarketingState: string;
  hasEmail: boolean;
  /** Deleted, redacted, hard bounce, complaint (ShopperSnapshot.suppressed). */
  suppressed: { reason: string } | null;
  /** The shopper's IANA zone (or the shop's, when theirs is unknown); an invalid zone is read as UTC. */
  timeZone: string;
  lastOrderAt: Date | null;
  lastComplaintAt: Date | null;
  lastBounceAt: Date | null;
  /** Every other message sent or scheduled to this shopper, by any agent (not the candidate itself). */
  messageTimes: readonly Date[];
};

export type CandidateSend = {
  agent: AgentName;
  sendAt: Date;
  /** The shop's sends already scheduled around `sendAt` (any shopper), for the send-rate limit; omitted: not checked here. */
  shopSendTimes?: readonly Date[];
};

/** `deferMs` counts from the moment the send would otherwise go (the later of `now` and its planned time). */
export type Deferral = { until: Date; deferMs: number; rules: string[] };

/** A CheckResult, plus when the send may go out instead if it only needs to wait (null: now is fine, or it is blocked). */
export type SuppressionResult = CheckResult & { deferral: Deferral | null };

const HOUR_MS = 3_600_000;

export function suppressionFactsFromSnapshot(
  shopper: ShopperSnapshot,
  extra: { timeZone: string; lastComplaintAt: Date | null; lastBounceAt: Date | null },
): SuppressionFacts {
  return {
    emailMarketingState: shopper.emailMarketingState,
    hasEmail: Boolean(shopper.email),
    suppressed: shopper.suppressed,
    timeZone: extra.timeZone,
    lastOrderAt: shopper.orders.lastAt,
    lastComplaintAt: extra.lastComplaintAt,
    lastBounceAt: extra.lastBounceAt,
    messageTimes: shopper.recentMessages.map((message) => message.sendAt),
  };
}

export function checkSuppression(policy: PolicyDocument, facts: SuppressionFacts, candidate: CandidateSend, now: Date): SuppressionResult {
  const rules = policy.suppression;
  const at = Math.max(now.getTime(), candidate.sendAt.getTime());
  const checked: string[] = [];
  const violations: Violation[] = [];
  const block = (rule: string, message: string, evidence: string) => violations.push({ rule, kind: "suppression", remedy: "block", message, evidence });

  checked.push(POLICY_RULES.suppressionSuppressed);
  if (facts.suppressed) block(POLICY_RULES.suppressionSuppressed, `The shopper is suppressed (${facts.suppressed.reason}) and is never messaged.`, facts.suppressed.reason);

  checked.push(POLICY_RULES.suppressionConsent);
  if (facts.emailMarketingState !== "SUBSCRIBED" || !facts.hasEmail) {
    const why = facts.emailMarketingState !== "SUBSCRIBED" ? `marketing consent is ${facts.emailMarketingState}` : "there is no email address";
    block(POLICY_RULES.suppressionConsent, `Only subscribed shoppers get marketing, and ${why}.`, `emailMarketingState ${facts.emailMarketingState}`);
  }

  const purchaseHours = rules.recentPurchaseHoursByAgent[candidate.agent] ?? rules.recentPurchaseHours;
  if (purchaseHours > 0) {
    checked.push(POLICY_RULES.suppressionRecentPurchase);
    const since = facts.lastOrderAt ? at - facts.lastOrderAt.getTime() : Infinity;
    if (since >= 0 && since < purchaseHours * HOUR_MS) {
      block(POLICY_RULES.suppressionRecentPurchase, `The shopper ordered ${round1(since / HOUR_MS)} hours before this send; ${candidate.agent} waits ${purchaseHours} hours after an order.`, `last order ${facts.lastOrderAt?.toISOString()}`);
    }
  }

  recentEvent(POLICY_RULES.suppressionRecentComplaint, "complained", facts.lastComplaintAt, rules.complaintDays);
  recentEvent(POLICY_RULES.suppressionRecentBounce, "had a bounce", facts.lastBounceAt, rules.bounceDays);

  checked.push(POLICY_RULES.suppressionPerDay, POLICY_RULES.suppressionPerWeek);
  const times = facts.messageTimes.map((d) => d.getTime());
  const day = fullestWindow(times, at, DAY_MS);
  if (day + 1 > rules.maxPerDay) block(POLICY_RULES.suppressionPerDay, `This would be message ${day + 1} to the shopper within 24 hours; the cap is ${rules.maxPerDay}.`, `${day} other messages within 24 hours`);
  const week = fullestWindow(times, at, 7 * DAY_MS);
  if (week + 1 > rules.maxPerWeek) block(POLICY_RULES.suppressionPerWeek, `This would be message ${week + 1} to the shopper within 7 days; the cap is ${rules.maxPerWeek}.`, `${week} other messages within 7 days`);

  const deferral = violations.length > 0 ? null : defer(policy, facts, candidate, at, checked);
  return { checked, violations, deferral };

  function recentEvent(rule: string, what: string, when: Date | null, days: number): void {
    if (days <= 0) return;
    checked.push(rule);
    if (when && at - when.getTime() >= 0 && at - when.getTime() < days * DAY_MS) {
      block(rule, `The shopper ${what} ${round1((at - when.getTime()) / DAY_MS)} days before this send; no marketing for ${days} days after that.`, `${what} ${when.toISOString()}`);
    }
  }
}

/** Quiet hours and the send rate can push each other (a deferred send may land in quiet hours), so alternate until both hold. */
function defer(policy: PolicyDocument, facts: SuppressionFacts, candidate: CandidateSend, at: number, checked: string[]): Deferral | null {
  const { quietHours, maxSendsPerMinute } = policy.suppression;
  const zone = isValidTimeZone(facts.timeZone) ? facts.timeZone : "UTC";
  if (quietHours) checked.push(POLICY_RULES.suppressionQuietHours);
  if (candidate.shopSendTimes) checked.push(POLICY_RULES.suppressionSendRate);
  const rules = new Set<string>();
  let moment = new Date(at);
  for (let round = 0; round < 10; round++) {
    const before = moment.getTime();
    if (quietHours && isQuietAt(moment, zone, quietHours)) {
      moment = nextSendableMoment(moment, zone, quietHours);
      rules.add(POLICY_RULES.suppressionQuietHours);
    }
    if (candidate.shopSendTimes) {
      const rate = deferForSendRate(candidate.shopSendTimes, moment, maxSendsPerMinute);
      if (rate.deferMs > 0) rules.add(POLICY_RULES.suppressionSendRate);
      moment = rate.sendAt;
    }
    if (moment.getTime() === before) break;
  }
  const deferMs = moment.getTime() - at;
  return rules.size === 0 ? null : { until: moment, deferMs, rules: [...rules] };
}

/** The most other messages in any window of `length` that also holds `at` (sliding, so "per day" is any 24 hours). */
function fullestWindow(times: readonly number[], at: number, length: number): number {
  const near = times.filter((t) => Math.abs(t - at) < length);
  let most = 0;
  for (const start of [at - length + 1, ...near.map((t) => t - length + 1)]) {
    if (start <= at - length || start > at) continue;
    most = Math.max(most, near.filter((t) => t >= start && t < start + length).length);
  }
  return most;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
