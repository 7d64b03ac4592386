import type { AgentName } from "../../agents/contract";
import { DAY_MS } from "../../shared/time";
import type { CheckResult, Violation } from "../violation";
import { categoryPrefixCovers } from "./categoryScope";
import type { MarginCondition, PolicyDocument } from "./policyDocument";
import { POLICY_RULES, type PolicyRuleName } from "./ruleNames";

/**
 * Margin protection. Every cap that applies to an offer is a limit; the allowed discount is the
 * lowest of them, so caps only ever tighten one another (overlapping pCLV bands included: the
 * strictest wins). Caps that come from money left (the per-shopper value cap, the objective's
 * budget) are turned into a share of this order and rounded down to a whole percent, because copy
 * states whole percents and rounding up would overspend.
 *
 * clampDiscount is what the pipeline calls: it lowers the offer when the policy says "clamp" and
 * blocks it when the policy says "block". checkDiscount is the plain check (any offer over the
 * allowed maximum is a "block" violation), for a draft whose discount is final.
 */
export type DiscountRequest = {
  /** The share offered (0.1 = 10%); null or 0: no discount. */
  discount: number | null;
  agent: AgentName;
  pclvMinor: number | null;
  /** Category paths of the products the message offers (categoryPathsOf). */
  categoryPaths: readonly string[];
  /** The order value the discount applies to, minor units (Proposal.expectedValue.orderValueMinor). */
  orderValueMinor: number;
  /** The objective paying for it; null: the "*" budget, if any. */
  objectiveId: string | null;
  /** Discount already committed to that objective, minor units. */
  objectiveSpentMinor: number;
  /** Discounts already offered to this shopper (any age; the window is applied here). */
  recentDiscounts: ReadonlyArray<{ at: Date; discount: number; valueMinor: number }>;
  now: Date;
};

export type DiscountLimit = {
  rule: PolicyRuleName;
  /** Where the limit is written in the policy document, for the admin. */
  ref: string;
  maxDiscount: number;
  reason: string;
};

export type DiscountEvaluation = {
  requested: number;
  /** The largest discount every applicable limit allows. */
  allowedMax: number;
  /** Every limit that applies, policy order. */
  limits: DiscountLimit[];
  /** The limits at the allowed maximum (the ones that bind). */
  binding: DiscountLimit[];
  checked: string[];
};

export type DiscountClamp = {
  outcome: "within" | "clamped" | "blocked";
  /** The discount to use: the request, lowered, or null (no discount, or blocked). */
  discount: number | null;
  allowedMax: number;
  boundBy: DiscountLimit[];
  /** Violations only when blocked; a clamp is not a violation (the offer that goes out is within policy). */
  result: CheckResult;
};

const EPSILON = 1e-9;

export function evaluateDiscount(policy: PolicyDocument, request: DiscountRequest): DiscountEvaluation {
  const { margin } = policy;
  const requested = request.discount ?? 0;
  const limits: DiscountLimit[] = [];
  const checked = new Set<string>([POLICY_RULES.marginMaxDiscount]);
  limits.push({ rule: POLICY_RULES.marginMaxDiscount, ref: "margin.maxDiscount", maxDiscount: margin.maxDiscount, reason: "the shop-wide ceiling" });

  margin.rules.forEach((rule, i) => {
    checked.add(POLICY_RULES.marginPclvCap);
    if (!conditionHolds(rule.when, request.pclvMinor, request.agent)) return;
    limits.push({ rule: POLICY_RULES.marginPclvCap, ref: `margin.rules[${i}]`, maxDiscount: rule.maxDiscount, reason: describeCondition(rule.when) });
  });

  margin.collectionCaps.forEach((cap, i) => {
    checked.add(POLICY_RULES.marginCollectionCap);
    const covered = request.categoryPaths.find((path) => categoryPrefixCovers(cap.categoryPrefix, path));
    if (covered === undefined) return;
    limits.push({ rule: POLICY_RULES.marginCollectionCap, ref: `margin.collectionCaps[${i}]`, maxDiscount: cap.maxDiscount, reason: `products in ${covered}` });
  });

  if (margin.perShopper) {
    const { windowDays, maxDiscount, maxValueMinor } = margin.perShopper;
    checked.add(POLICY_RULES.marginShopperShare).add(POLICY_RULES.marginShopperValue);
    limits.push({ rule: POLICY_RULES.marginShopperShare, ref: "margin.perShopper.maxDiscount", maxDiscount, reason: `any one offer to a shopper within ${windowDays} days` });
    const from = request.now.getTime() - windowDays * DAY_MS;
    const used = request.recentDiscounts.filter((d) => d.at.getTime() > from && d.at.getTime() <= request.now.getTime()).reduce((sum, d) => sum + d.valueMinor, 0);
    const share = shareOfOrder(maxValueMinor - used, request.orderValueMinor);
    if (share !== null) {
      limits.push({
        rule: POLICY_RULES.marginShopperValue,
        ref: "margin.perShopper.maxValueMinor",
        maxDiscount: share,
        reason: `${Math.max(0, maxValueMinor - used)} of ${maxValueMinor} (minor units) left for this shopper in ${windowDays} days`,
      });
    }
  }

  const budgetKey = request.objectiveId !== null && Object.hasOwn(margin.objectiveBudgets, request.objectiveId) ? request.objectiveId : "*";
  const budget = Object.hasOwn(margin.objectiveBudgets, budgetKey) ? margin.objectiveBudgets[budgetKey] : undefined;
  if (budget !== undefined) {
    checked.add(POLICY_RULES.marginObjectiveBudget);
    const share = shareOfOrder(budget - request.objectiveSpentMinor, request.orderValueMinor);
    if (share !== null) {
      limits.push({
        rule: POLICY_RULES.marginObjectiveBudget,
        ref: `margin.objectiveBudgets[${JSON.stringify(budgetKey)}]`,
        maxDiscount: share,
        reason: `${Math.max(0, budget - request.objectiveSpentMinor)} of ${budget} (minor units) left in the discount budget of objective ${request.objectiveId ?? "(none)"}`,
      });
    }
  }

  const allowedMax = Math.min(...limits.map((limit) => limit.maxDiscount));
  const binding = limits.filter((limit) => Math.abs(limit.maxDiscount - allowedMax) < EPSILON);
  return { requested, allowedMax, limits, binding, checked: [...checked] };
}

export function checkDiscount(policy: PolicyDocument, request: DiscountRequest): CheckResult {
  const evaluation = evaluateDiscount(policy, request);
  return { checked: evaluation.checked, violations: overLimit(evaluation) };
}

export function clampDiscount(policy: PolicyDocument, request: DiscountRequest): DiscountClamp {
  const evaluation = evaluateDiscount(policy, request);
  const { requested, allowedMax, binding, checked } = evaluation;
  if (requested <= allowedMax + EPSILON) {
    return { outcome: "within", discount: request.discount, allowedMax, boundBy: [], result: { checked, violations: [] } };
  }
  if (policy.margin.onExceed === "block") {
    return { outcome: "blocked", discount: null, allowedMax, boundBy: binding, result: { checked, violations: overLimit(evaluation) } };
  }
  // A discount clamped to nothing is no discount: the message goes out without an offer.
  return { outcome: "clamped", discount: allowedMax > EPSILON ? allowedMax : null, allowedMax, boundBy: binding, result: { checked, violations: [] } };
}

function overLimit(evaluation: DiscountEvaluation): Violation[] {
  return evaluation.limits
    .filter((limit) => evaluation.requested > limit.maxDiscount + EPSILON)
    .map((limit) => ({
      rule: limit.rule,
      kind: "policy" as const,
      remedy: "block" as const,
      message: `A ${percent(evaluation.requested)} discount is over the ${percent(limit.maxDiscount)} cap for ${limit.reason} (${limit.ref}).`,
      evidence: `discount ${percent(evaluation.requested)} > ${percent(limit.maxDiscount)}`,
    }));
}

/** Pure: the condition of a pCLV rule against one shopper and agent. */
export function conditionHolds(when: MarginCondition, pclvMinor: number | null, agent: AgentName): boolean {
  if (when.agents && !when.agents.includes(agent)) return false;
  const hasBand = when.pclvBelowMinor !== undefined || when.pclvAtLeastMinor !== undefined;
  if (pclvMinor === null) return when.pclvUnknown === true || !hasBand;
  if (when.pclvUnknown) return false;
  if (when.pclvAtLeastMinor !== undefined && pclvMinor < when.pclvAtLeastMinor) return false;
  if (when.pclvBelowMinor !== undefined && pclvMinor >= when.pclvBelowMinor) return false;
  return true;
}

function describeCondition(when: MarginCondition): string {
  const parts: string[] = [];
  if (when.pclvUnknown) parts.push("pCLV not yet known");
  if (when.pclvAtLeastMinor !== undefined) parts.push(`pCLV at least ${when.pclvAtLeastMinor}`);
  if (when.pclvBelowMinor !== undefined) parts.push(`pCLV below ${when.pclvBelowMinor}`);
  if (when.agents) parts.push(`agents ${when.agents.join(", ")}`);
  return parts.length > 0 ? `shoppers with ${parts.join(" and ")}` : "every shopper";
}

/** Money left as a share of this order, rounded down to a whole percent; null when the order has no value (a discount costs nothing). */
function shareOfOrder(leftMinor: number, orderValueMinor: number): number | null {
  if (orderValueMinor <= 0) return null;
  return Math.max(0, Math.floor((leftMinor / orderValueMinor) * 100 + EPSILON) / 100);
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
