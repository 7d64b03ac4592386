import { countFact, discountFact, type NewsletterFacts } from "../facts";
import { discountSentence, positive, TemplateError, VARIANTS, type ComposeContext, type Composition, type TemplateSet } from "../templateSet";

/**
 * Bestseller newsletter: the best sellers in the shopper's own categories, each with its price
 * and its rank in its category. Variant "a" leads with the top product, "b" with how many.
 */
export const MAX_NEWSLETTER_PRODUCTS_LISTED = 6;

function facts(ctx: ComposeContext): NewsletterFacts {
  const { brief, fmt } = ctx;
  const listed = ctx.products.slice(0, MAX_NEWSLETTER_PRODUCTS_LISTED);
  const count = fmt.count(listed.length);
  if (listed.length === 0 || !count) throw new TemplateError("a bestseller newsletter needs products in the brief");
  return { products: listed.map((product) => ({ product, rank: positive(countFact(brief, `rankInCategory:${product.id}`, fmt)) })), count };
}

function newsletter(ctx: ComposeContext, variant: string): Composition {
  const { say, voice: v } = ctx;
  const f = facts(ctx);
  const phrases = say.newsletter;
  const single = f.products.length === 1;
  return {
    subject: variant === "b" ? phrases.subjectNumber(f, v) : phrases.subjectProduct(f, v),
    preheader: phrases.preheader(f, v),
    paragraphs: [
      phrases.intro(f, v),
      ...f.products.map((r) => say.productLine(r.product, r.rank ? phrases.rankDetail(r.rank) : null)),
      discountSentence(discountFact(ctx.brief, ctx.fmt), (p) => say.discountNextOrder(p, v)),
    ],
    cta: { label: single ? say.cta.viewProduct : say.cta.shopNow, target: "products" },
    presented: f.products.map((r) => r.product),
  };
}

export const bestsellerNewsletterTemplates: TemplateSet = {
  "bestseller-newsletter": { variants: VARIANTS, compose: newsletter },
};
