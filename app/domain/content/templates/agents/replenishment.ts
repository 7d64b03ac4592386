import { countFact, dateFact, discountFact, type ReplenishmentFacts } from "../facts";
import { discountSentence, firstProduct, positive, VARIANTS, type ComposeContext, type Composition, type TemplateSet } from "../templateSet";

/**
 * Replenishment: a reminder when the shopper passes their own usual interval, a win-back (with
 * the brief's discount, when it has one) once they are well past it. Facts: the product, the
 * usual days between purchases, the days since the last one, the date they would usually have
 * reordered by.
 */
function facts(ctx: ComposeContext, winback: boolean): ReplenishmentFacts {
  const { brief, fmt } = ctx;
  return {
    product: firstProduct(ctx, "a replenishment message"),
    winback,
    usualDays: positive(countFact(brief, "usualDaysBetween", fmt)),
    daysSince: positive(countFact(brief, "daysSinceLastPurchase", fmt)),
    usualDate: dateFact(brief, "usualRepurchaseAt", fmt),
    discount: discountFact(brief, fmt),
  };
}

function reminder(ctx: ComposeContext, variant: string): Composition {
  const { say, voice: v } = ctx;
  const f = facts(ctx, false);
  const phrases = say.replenishment;
  const reorder = say.reorder(f.product, v);
  const discount = discountSentence(f.discount, (p) => say.discountNextOrder(p, v));
  const timingLed = variant === "b";
  return {
    subject: (timingLed ? phrases.subjectTiming(f, v) : null) ?? phrases.subjectProduct(f, v),
    preheader: phrases.preheader(f, v),
    paragraphs: timingLed ? [phrases.rhythm(f, v), phrases.usualDate(f, v), reorder, discount] : [reorder, phrases.rhythm(f, v), phrases.usualDate(f, v), discount],
    cta: { label: say.cta.reorder, target: "products" },
    presented: [f.product],
  };
}

function winback(ctx: ComposeContext, variant: string): Composition {
  const { say, voice: v } = ctx;
  const f = facts(ctx, true);
  const phrases = say.replenishment;
  const reorder = say.reorder(f.product, v);
  const discount = discountSentence(f.discount, (p) => phrases.discount(p, v));
  const timingLed = variant === "b";
  return {
    subject: (timingLed ? phrases.subjectTiming(f, v) : null) ?? phrases.subjectProduct(f, v),
    preheader: phrases.preheader(f, v),
    paragraphs: timingLed
      ? [phrases.rhythm(f, v), discount, phrases.welcomeBack(v), reorder]
      : [reorder, phrases.rhythm(f, v), phrases.welcomeBack(v), discount],
    cta: { label: say.cta.reorder, target: "products" },
    presented: [f.product],
  };
}

export const replenishmentTemplates: TemplateSet = {
  "replenishment-reminder": { variants: VARIANTS, compose: reminder },
  "replenishment-winback": { variants: VARIANTS, compose: winback },
};
