import { countFact, dateFact, discountFact, moneyFact, type LoyaltyFacts } from "../facts";
import { discountSentence, positive, VARIANTS, type ComposeContext, type Composition, type TemplateSet } from "../templateSet";

/**
 * Loyalty: how many points the next reward needs and which products close the gap on their own
 * (each with the points it earns), by the deadline when points expire; or a reminder that points
 * expire on a date. The brief carries no tier name, so the copy says "your next reward".
 */
export const MAX_GAP_PRODUCTS_LISTED = 4;

function facts(ctx: ComposeContext): LoyaltyFacts {
  const { brief, fmt } = ctx;
  const pointsNeeded = positive(countFact(brief, "pointsNeeded", fmt));
  const gapProducts = ctx.products.slice(0, MAX_GAP_PRODUCTS_LISTED).map((product) => ({ product, points: positive(countFact(brief, `pointsEarned:${product.id}`, fmt)) }));
  return {
    balance: countFact(brief, "balance", fmt),
    pointsNeeded,
    tierPoints: positive(countFact(brief, "tierPoints", fmt)),
    reward: brief.numbers.rewardMinor !== undefined && brief.numbers.rewardMinor > 0 ? moneyFact(brief, "rewardMinor", fmt) : null,
    expiringPoints: positive(countFact(brief, "expiringPoints", fmt)),
    expiryDate: dateFact(brief, "pointsExpireAt", fmt),
    daysUntilExpiry: countFact(brief, "daysUntilExpiry", fmt),
    gapProducts,
    eachCloses: pointsNeeded !== null && gapProducts.length > 0 && gapProducts.every((g) => g.points !== null && g.points.n >= pointsNeeded.n),
  };
}

function discount(ctx: ComposeContext): string | null {
  return discountSentence(discountFact(ctx.brief, ctx.fmt), (p) => ctx.say.discountNextOrder(p, ctx.voice));
}

function tierGap(ctx: ComposeContext, variant: string): Composition {
  const { say, voice: v } = ctx;
  const f = facts(ctx);
  const phrases = say.loyalty;
  const listing =
    f.gapProducts.length === 0
      ? []
      : [phrases.gapProductsIntro(f, v), ...f.gapProducts.map((g) => say.productLine(g.product, g.points ? phrases.pointsDetail(g.points) : null))];
  const status = [phrases.gapStatus(f, v), phrases.gapDeadline(f, v)];
  const numberLed = variant === "b";
  const single = f.gapProducts.length === 1;
  return {
    subject: (numberLed ? phrases.gapSubjectPoints(f, v) : phrases.gapSubjectProduct(f, v)) ?? phrases.gapFallbackSubject(v),
    preheader: phrases.gapPreheader(f, v),
    paragraphs: numberLed ? [...status, ...listing, discount(ctx)] : [...listing, ...status, discount(ctx)],
    cta: { label: single ? say.cta.viewProduct : say.cta.shopNow, target: "products" },
    presented: f.gapProducts.map((g) => g.product),
  };
}

function pointsExpiry(ctx: ComposeContext, variant: string): Composition {
  const { say, voice: v } = ctx;
  const f = facts(ctx);
  const phrases = say.loyalty;
  const timeLed = variant === "b";
  const useSoon = f.expiryDate ? phrases.useSoon(v) : null;
  return {
    subject: (timeLed ? phrases.expirySubjectTime(f, v) : phrases.expirySubjectPoints(f, v)) ?? phrases.expiryFallbackSubject(v),
    preheader: phrases.expiryPreheader(f, v),
    paragraphs: timeLed
      ? [phrases.expiryStatus(f, v), phrases.rewardNote(f, v), useSoon, discount(ctx)]
      : [phrases.expiryStatus(f, v), useSoon, phrases.rewardNote(f, v), discount(ctx)],
    cta: { label: say.cta.shopNow, target: "products" },
    presented: [],
  };
}

export const loyaltyTemplates: TemplateSet = {
  "loyalty-tier-gap": { variants: VARIANTS, compose: tierGap },
  "loyalty-points-expiry": { variants: VARIANTS, compose: pointsExpiry },
};
