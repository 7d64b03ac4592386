import { attributeFact, countFact, discountFact, moneyFact, type CartFacts } from "../facts";
import { discountSentence, positive, VARIANTS, type ComposeContext, type Composition, type TemplateSet } from "../templateSet";

/**
 * Cart intent: a direct "complete your order" for shoppers who were about to buy, a softer
 * reminder (with the brief's discount, when it has one) for browsers. Facts: the cart's lines
 * (titles as the cart holds them: customer-side data, inserted as text), the total, the item
 * count, and the attribute that brought them in. The link is the shop's /cart.
 */
export const MAX_CART_LINES_LISTED = 3;

function facts(ctx: ComposeContext, direct: boolean): CartFacts {
  const { brief, fmt } = ctx;
  const listed = ctx.products.slice(0, MAX_CART_LINES_LISTED);
  const total = brief.numbers.cartTotalMinor;
  return {
    direct,
    products: listed,
    more: positive(fmt.count(ctx.products.length - listed.length)),
    total: total !== undefined && total > 0 ? moneyFact(brief, "cartTotalMinor", fmt) : null,
    itemCount: positive(countFact(brief, "itemCount", fmt)),
    attribute: attributeFact(brief),
    discount: discountFact(brief, fmt),
  };
}

function compose(direct: boolean) {
  return (ctx: ComposeContext, variant: string): Composition => {
    const { say, voice: v } = ctx;
    const f = facts(ctx, direct);
    const phrases = say.cart;
    const listing = [phrases.intro(f, v), ...f.products.map((p) => say.productLine(p, null)), f.more ? phrases.more(f.more, v) : null];
    const discount = discountSentence(f.discount, (p) => phrases.discount(p, v));
    const numberLed = variant === "b";
    return {
      subject: (numberLed ? phrases.subjectNumber(f, v) : null) ?? phrases.subjectProduct(f, v),
      preheader: phrases.preheader(f, v),
      paragraphs: numberLed
        ? [phrases.total(f, v), discount, ...listing, phrases.attribute(f, v)]
        : [...listing, phrases.attribute(f, v), phrases.total(f, v), discount],
      cta: { label: direct ? say.cta.completeOrder : say.cta.returnToCart, target: "cart" },
      presented: f.products,
    };
  };
}

export const cartIntentTemplates: TemplateSet = {
  "cart-complete-order": { variants: VARIANTS, compose: compose(true) },
  "cart-soft-reminder": { variants: VARIANTS, compose: compose(false) },
};
