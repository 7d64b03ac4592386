import { attributeFact, countFact, dateFact, discountFact, type PostPurchaseFacts } from "../facts";
import { discountSentence, firstProduct, positive, VARIANTS, type ComposeContext, type Composition, type TemplateSet } from "../templateSet";

/**
 * Post-purchase: a usage check-in early in a first purchase (the product, how long they have had
 * it, the attribute it is known for; no tip the brief does not carry), then a restock reminder
 * shortly before the supply should run out (the estimated supply in days and the run-out date).
 */
function facts(ctx: ComposeContext): PostPurchaseFacts {
  const { brief, fmt } = ctx;
  return {
    product: firstProduct(ctx, "a post-purchase message"),
    daysSince: positive(countFact(brief, "daysSincePurchase", fmt)),
    attribute: attributeFact(brief),
    supplyDays: positive(countFact(brief, "supplyDays", fmt)),
    runOutDate: dateFact(brief, "expectedRunOutAt", fmt),
  };
}

function discount(ctx: ComposeContext): string | null {
  return discountSentence(discountFact(ctx.brief, ctx.fmt), (p) => ctx.say.discountNextOrder(p, ctx.voice));
}

function usageTip(ctx: ComposeContext, variant: string): Composition {
  const { say, voice: v } = ctx;
  const f = facts(ctx);
  const phrases = say.postPurchase;
  const timingLed = variant === "b";
  return {
    subject: (timingLed ? phrases.tipSubjectTiming(f, v) : null) ?? phrases.tipSubjectProduct(f, v),
    preheader: phrases.tipPreheader(f, v),
    paragraphs: timingLed
      ? [phrases.tipTiming(f, v), phrases.attribute(f, v), phrases.help(v), discount(ctx)]
      : [phrases.attribute(f, v), phrases.tipTiming(f, v), phrases.help(v), discount(ctx)],
    cta: { label: say.cta.viewProduct, target: "products" },
    presented: [f.product],
  };
}

function restock(ctx: ComposeContext, variant: string): Composition {
  const { say, voice: v } = ctx;
  const f = facts(ctx);
  const phrases = say.postPurchase;
  const timingLed = variant === "b";
  const reorder = say.reorder(f.product, v);
  return {
    subject: (timingLed ? phrases.restockSubjectTiming(f, v) : null) ?? phrases.restockSubjectProduct(f, v),
    preheader: phrases.restockPreheader(f, v),
    paragraphs: timingLed ? [phrases.restockEstimate(f, v), reorder, discount(ctx)] : [reorder, phrases.restockEstimate(f, v), discount(ctx)],
    cta: { label: say.cta.reorder, target: "products" },
    presented: [f.product],
  };
}

export const postPurchaseTemplates: TemplateSet = {
  "post-purchase-usage-tip": { variants: VARIANTS, compose: usageTip },
  "post-purchase-restock": { variants: VARIANTS, compose: restock },
};
