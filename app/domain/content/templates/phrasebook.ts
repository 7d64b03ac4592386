import type { Tone } from "./brandVoice";
import type { CartFacts, LoyaltyFacts, NewsletterFacts, PostPurchaseFacts, ProductFact, ReplenishmentFacts } from "./facts";
import type { Count } from "./formatting";
import type { Language } from "./localeResolution";

/**
 * Every sentence a template can write, per language (one file each in ./locales). Agent templates
 * decide which sentences a message has and in which order (that is what a variant changes); a
 * phrasebook decides the words. A phrase that needs a fact the brief lacks returns null and the
 * template leaves it out. Formal phrases use no contractions and no exclamation marks.
 */
export type Voice = { formal: boolean; tone: Tone };

export type Phrasebook = {
  language: Language;
  greeting(name: string | null, v: Voice): string;
  /** A last paragraph that carries the tone; null when the tone has none (direct). */
  closing(v: Voice): string | null;
  signOff(signer: string, v: Voice): string;
  /** Who signs when the brand voice names nobody: the shop's team. */
  team(shopName: string, v: Voice): string;
  /** "Title — $24.00 (detail)". */
  productLine(product: ProductFact, detail: string | null): string;
  /** "Reorder Title for $24.00." */
  reorder(product: ProductFact, v: Voice): string;
  /** A discount the brief offers, for messages with no wording of their own for it. */
  discountNextOrder(percent: string, v: Voice): string;
  cta: { reorder: string; viewProduct: string; shopNow: string; completeOrder: string; returnToCart: string };

  replenishment: {
    subjectProduct(f: ReplenishmentFacts, v: Voice): string;
    subjectTiming(f: ReplenishmentFacts, v: Voice): string | null;
    preheader(f: ReplenishmentFacts, v: Voice): string;
    rhythm(f: ReplenishmentFacts, v: Voice): string | null;
    usualDate(f: ReplenishmentFacts, v: Voice): string | null;
    welcomeBack(v: Voice): string;
    discount(percent: string, v: Voice): string;
  };

  postPurchase: {
    tipSubjectProduct(f: PostPurchaseFacts, v: Voice): string;
    tipSubjectTiming(f: PostPurchaseFacts, v: Voice): string | null;
    tipPreheader(f: PostPurchaseFacts, v: Voice): string;
    tipTiming(f: PostPurchaseFacts, v: Voice): string | null;
    attribute(f: PostPurchaseFacts, v: Voice): string | null;
    help(v: Voice): string;
    restockSubjectProduct(f: PostPurchaseFacts, v: Voice): string;
    restockSubjectTiming(f: PostPurchaseFacts, v: Voice): string | null;
    restockPreheader(f: PostPurchaseFacts, v: Voice): string;
    restockEstimate(f: PostPurchaseFacts, v: Voice): string | null;
  };

  loyalty: {
    /** Only when the first listed product's points alone close the gap. */
    gapSubjectProduct(f: LoyaltyFacts, v: Voice): string | null;
    gapSubjectPoints(f: LoyaltyFacts, v: Voice): string | null;
    gapFallbackSubject(v: Voice): string;
    gapPreheader(f: LoyaltyFacts, v: Voice): string;
    gapStatus(f: LoyaltyFacts, v: Voice): string | null;
    gapDeadline(f: LoyaltyFacts, v: Voice): string | null;
    gapProductsIntro(f: LoyaltyFacts, v: Voice): string;
    pointsDetail(points: Count): string;
    expirySubjectPoints(f: LoyaltyFacts, v: Voice): string | null;
    expirySubjectTime(f: LoyaltyFacts, v: Voice): string | null;
    expiryFallbackSubject(v: Voice): string;
    expiryPreheader(f: LoyaltyFacts, v: Voice): string;
    expiryStatus(f: LoyaltyFacts, v: Voice): string | null;
    rewardNote(f: LoyaltyFacts, v: Voice): string | null;
    useSoon(v: Voice): string;
  };

  cart: {
    subjectProduct(f: CartFacts, v: Voice): string;
    subjectNumber(f: CartFacts, v: Voice): string | null;
    preheader(f: CartFacts, v: Voice): string;
    intro(f: CartFacts, v: Voice): string;
    more(more: Count, v: Voice): string;
    total(f: CartFacts, v: Voice): string | null;
    attribute(f: CartFacts, v: Voice): string | null;
    discount(percent: string, v: Voice): string;
  };

  newsletter: {
    subjectProduct(f: NewsletterFacts, v: Voice): string;
    subjectNumber(f: NewsletterFacts, v: Voice): string;
    preheader(f: NewsletterFacts, v: Voice): string;
    intro(f: NewsletterFacts, v: Voice): string;
    rankDetail(rank: Count): string;
  };
};
