import type { CatalogSnapshot, ContentBrief, ShopperSnapshot } from "../agents/contract";
import type { MessageDraft } from "../content/messageDraft";
import { writeFromTemplate, type BrandVoice, type TemplateResult } from "../content/templates";
import { cleanFirstName } from "../content/templates/sanitizeText";
import type { PlannedMessage } from "../planner/planner";
import { isValidTimeZone } from "../planner/quietHours";
import { buildAuditRecord, type AuditRecord } from "./audit";
import { routeForApproval, type AutonomySettings, type CopyEngine, type MessageStatus, type RoutingDecision } from "./autonomy";
import { initialStatus } from "./autonomy/status";
import { critique, nextStep, type CriticVerdict, type CustomerText, type NextStep } from "./critic";
import { categoryPathsOf, checkProcessingConsent, checkSuppression, checkVoice, clampDiscount, type DiscountClamp, type SuppressionFacts, type PolicyDocument } from "./policy";
import type { CheckResult } from "./violation";

/**
 * Governance of one planned message, as pure steps, so every message is checked the same way
 * whoever wrote its copy:
 *  1. screen: suppression (consent, recent order, complaint or bounce, frequency caps; quiet hours
 *     and the shop's send rate move the send later), consented processing in restricted
 *     jurisdictions, and the margin rules, which lower a discount to what policy allows (or block);
 *  2. write: the copy, from the screened brief (templates here; the LLM engine plugs in between);
 *  3. judge: the policy's voice rules and the critic's fact and safety checks on the draft, and
 *     what to do next (send, rewrite, fall back to the template, block);
 *  4. route: the autonomy level decides send, wait for approval or block, with reasons;
 * and the audit record that keeps all of it.
 */
export type ReviewShop = {
  id: string;
  name: string;
  currencyCode: string;
  myshopifyDomain: string;
  /** The storefront's custom domain, when it has one (links may point there too). */
  primaryDomain: string | null;
  locale: string | null;
  timeZone: string;
};

/**
 * What governance needs to know about the shopper: consent and suppression as they are now, where
 * and who they are (zone, locale, country, first name), their last order and the times of the other
 * messages they are getting, and their predicted value (for margin rules and approval thresholds).
 */
export type ReviewShopper = Pick<ShopperSnapshot, "customerId" | "firstName" | "email" | "emailMarketingState" | "timeZone" | "locale" | "countryCode" | "suppressed" | "pclvMinor"> & {
  lastOrderAt: Date | null;
  /** Every other message sent or scheduled to this shopper, by any agent (not this one). */
  messageTimes: readonly Date[];
};

export function reviewShopperFromSnapshot(snapshot: ShopperSnapshot): ReviewShopper {
  return {
    customerId: snapshot.customerId,
    firstName: snapshot.firstName,
    email: snapshot.email,
    emailMarketingState: snapshot.emailMarketingState,
    timeZone: snapshot.timeZone,
    locale: snapshot.locale,
    countryCode: snapshot.countryCode,
    suppressed: snapshot.suppressed,
    pclvMinor: snapshot.pclvMinor,
    lastOrderAt: snapshot.orders.lastAt,
    messageTimes: snapshot.recentMessages.map((message) => message.sendAt),
  };
}

export type ReviewInput = {
  planned: PlannedMessage;
  shopper: ReviewShopper;
  catalog: CatalogSnapshot;
  policy: PolicyDocument;
  autonomy: AutonomySettings;
  voice: BrandVoice;
  shop: ReviewShop;
  now: Date;
  /** Other messages to this shopper not yet in `shopper.messageTimes` (earlier in the same batch). */
  otherMessageTimes?: readonly Date[];
  /** The shop's sends scheduled near this one, for the global send-rate limit. */
  shopSendTimes?: readonly Date[];
  /** Discount already committed to the message's objective by other messages, minor units. */
  objectiveSpentMinor?: number;
  /** Discounts this shopper was offered recently (for the per-shopper caps). */
  recentDiscounts?: ReadonlyArray<{ at: Date; discount: number; valueMinor: number }>;
  lastComplaintAt?: Date | null;
  lastBounceAt?: Date | null;
  /** Text the customer wrote (cart notes, line-item properties): data the copy must not act on. */
  customerTexts?: readonly CustomerText[];
};

export type Screening = {
  /** The brief the copy is written from: the planner's, with the discount as policy allows it. */
  brief: ContentBrief;
  sendAt: Date;
  discount: DiscountClamp | null;
  results: CheckResult[];
  timeZone: string;
  categoryPaths: string[];
};

export function screenMessage(input: ReviewInput): Screening {
  const { planned, shopper, policy, now } = input;
  const { proposal } = planned;
  const timeZone = shopper.timeZone && isValidTimeZone(shopper.timeZone) ? shopper.timeZone : input.shop.timeZone;
  const facts: SuppressionFacts = {
    emailMarketingState: shopper.emailMarketingState,
    hasEmail: Boolean(shopper.email),
    suppressed: shopper.suppressed,
    timeZone,
    lastOrderAt: shopper.lastOrderAt,
    lastComplaintAt: input.lastComplaintAt ?? null,
    lastBounceAt: input.lastBounceAt ?? null,
    messageTimes: [...shopper.messageTimes, ...(input.otherMessageTimes ?? [])],
  };
  const suppression = checkSuppression(
    policy,
    facts,
    { agent: proposal.agent, sendAt: planned.sendAt, shopSendTimes: input.shopSendTimes },
    now,
  );
  const consent = checkProcessingConsent(policy, { countryCode: shopper.countryCode, emailMarketingState: shopper.emailMarketingState });
  const categoryPaths = categoryPathsOf(
    proposal.brief.products.map((product) => product.productId),
    input.catalog,
  );
  if (proposal.subject && input.catalog.depletionDays.has(proposal.subject) && !categoryPaths.includes(proposal.subject)) categoryPaths.push(proposal.subject);
  const discount =
    proposal.brief.discount === null
      ? null
      : clampDiscount(policy, {
          discount: proposal.brief.discount,
          agent: proposal.agent,
          pclvMinor: shopper.pclvMinor,
          categoryPaths,
          orderValueMinor: proposal.expectedValue.orderValueMinor,
          objectiveId: planned.objectiveId,
          objectiveSpentMinor: input.objectiveSpentMinor ?? 0,
          recentDiscounts: input.recentDiscounts ?? [],
          now,
        });
  const results: CheckResult[] = [suppression, consent];
  if (discount) results.push(discount.result);
  return {
    brief: discount && discount.outcome !== "within" ? { ...proposal.brief, discount: discount.discount } : proposal.brief,
    sendAt: suppression.deferral ? suppression.deferral.until : planned.sendAt,
    discount,
    results,
    timeZone,
    categoryPaths,
  };
}

export function writeTemplateDraft(input: ReviewInput, screening: Screening): TemplateResult {
  const { planned, shopper, shop } = input;
  return writeFromTemplate({
    agent: planned.proposal.agent,
    messageType: planned.proposal.action.messageType,
    brief: screening.brief,
    shopper: { firstName: shopper.firstName, locale: shopper.locale, timeZone: screening.timeZone },
    shop: { name: shop.name, currencyCode: shop.currencyCode, primaryDomain: shop.primaryDomain ?? shop.myshopifyDomain, locale: shop.locale, timeZone: shop.timeZone },
    products: input.catalog.products,
    voice: input.voice,
    decisionId: planned.proposal.id,
  });
}

export type Judgement = { verdict: CriticVerdict; step: NextStep };

export function judgeDraft(input: ReviewInput, screening: Screening, draft: MessageDraft, attempt: { engine: CopyEngine; rewritesSoFar: number; maxRewrites: number }): Judgement {
  const verdict = judgeCopy({
    policy: input.policy,
    draft,
    brief: screening.brief,
    catalog: input.catalog,
    shopper: { firstName: input.shopper.firstName, timeZone: screening.timeZone, locale: input.shopper.locale },
    shop: input.shop,
    categoryPaths: screening.categoryPaths,
    results: screening.results,
    customerTexts: input.customerTexts,
  });
  return { verdict, step: nextStep(verdict, attempt) };
}

/** The copy checks alone: the policy's voice rules plus the critic's facts and safety, over the screening's results. */
export function judgeCopy(input: {
  policy: PolicyDocument;
  draft: MessageDraft;
  brief: ContentBrief;
  catalog: CatalogSnapshot;
  shopper: { firstName: string | null; timeZone: string; locale: string | null };
  shop: ReviewShop;
  categoryPaths: readonly string[];
  results: readonly CheckResult[];
  customerTexts?: readonly CustomerText[];
}): CriticVerdict {
  const voice = checkVoice(input.policy, input.draft, { categoryPaths: input.categoryPaths, vendors: [], locale: input.shopper.locale ?? input.shop.locale });
  // The copy may carry the name as the template cleans and caps it, or as given: both are the
  // shopper's own words (data in the greeting), so the critic knows both.
  const raw = input.shopper.firstName;
  const cleaned = cleanFirstName(raw);
  return critique({
    draft: input.draft,
    brief: input.brief,
    catalog: input.catalog,
    shopper: { firstName: cleaned, timeZone: input.shopper.timeZone },
    shop: { name: input.shop.name, allowedHosts: allowedHosts(input.shop) },
    allowedCodes: [],
    customerTexts: [...(input.customerTexts ?? []), ...(raw && raw.trim() !== cleaned ? [{ source: "firstName" as const, text: raw }] : [])],
    policyResults: [...input.results, voice],
  });
}

export function allowedHosts(shop: ReviewShop): string[] {
  return [...new Set([shop.myshopifyDomain, shop.primaryDomain].filter((host): host is string => Boolean(host)).map((host) => host.toLowerCase()))];
}

export type ReviewedCopy = {
  draft: MessageDraft;
  engine: CopyEngine;
  templateId: string | null;
  variant: string | null;
  model?: string | null;
  modelVersion?: string | null;
  promptSha256?: string | null;
};

export type ReviewOutcome = {
  status: MessageStatus;
  sendAt: Date;
  brief: ContentBrief;
  copy: ReviewedCopy;
  routing: RoutingDecision;
  /** The first draft passed every policy and critic check. */
  firstDraftPassed: boolean;
  audit: AuditRecord;
};

/**
 * Routes the final copy and builds the audit record. `checks` are the rounds of checks in order
 * (the first draft's first); the last one's verdict and step decide.
 */
export function routeReviewed(
  input: ReviewInput,
  screening: Screening,
  copy: ReviewedCopy,
  checks: ReadonlyArray<{ stage: "first-draft" | "rewrite" | "template"; judgement: Judgement }>,
  firstMessageToShopper: boolean,
): ReviewOutcome {
  const last = checks[checks.length - 1];
  if (!last) throw new Error("routeReviewed needs at least one round of checks");
  const { planned, shopper, shop, now } = input;
  const outcome = last.judgement.step.action === "block" ? "block" : last.judgement.step.action === "send" ? "pass" : last.judgement.verdict.outcome;
  const routing = routeForApproval({
    settings: input.autonomy,
    objectiveId: planned.objectiveId,
    agent: planned.proposal.agent,
    discount: screening.brief.discount,
    pclvMinor: shopper.pclvMinor,
    expectedValueMinor: planned.proposal.expectedValue.incrementalRevenueMinor,
    criticOutcome: outcome,
    violations: last.judgement.verdict.violations,
    engine: copy.engine,
    firstMessageToShopper,
    currencyCode: shop.currencyCode,
    locale: shop.locale ?? "en-US",
  });
  const audit = buildAuditRecord({
    shopId: shop.id,
    planned: { ...planned, sendAt: screening.sendAt },
    currencyCode: shop.currencyCode,
    routing,
    checks: checks.map((round) => ({ stage: round.stage, at: now, result: round.judgement.verdict })),
    copy: { engine: copy.engine, model: copy.model ?? null, modelVersion: copy.modelVersion ?? null, promptSha256: copy.promptSha256 ?? null },
    createdAt: now,
  });
  const first = checks[0] as (typeof checks)[number];
  return {
    status: initialStatus(routing.route),
    sendAt: screening.sendAt,
    brief: screening.brief,
    copy,
    routing,
    firstDraftPassed: first.judgement.verdict.violations.length === 0,
    audit,
  };
}

/** The whole review with the deterministic template as the only copywriter. */
export function reviewWithTemplate(input: ReviewInput, firstMessageToShopper: boolean): ReviewOutcome {
  const screening = screenMessage(input);
  const written = writeTemplateDraft(input, screening);
  const judgement = judgeDraft(input, screening, written.draft, { engine: "template", rewritesSoFar: 0, maxRewrites: 0 });
  const copy: ReviewedCopy = { draft: written.draft, engine: "template", templateId: written.templateId, variant: written.variant };
  return routeReviewed(input, screening, copy, [{ stage: "first-draft", judgement }], firstMessageToShopper);
}
