import type { Count } from "../formatting";
import type { Phrasebook, Voice } from "../phrasebook";

/** English. Casual copy may contract ("you’re"); formal copy never does, and never exclaims. */

const pick = (v: Voice, casual: string, formal: string) => (v.formal ? formal : casual);
const plural = (count: Count, one: string, many: string) => `${count.text} ${count.n === 1 ? one : many}`;
const days = (count: Count) => plural(count, "day", "days");
const points = (count: Count) => plural(count, "point", "points");
const items = (count: Count) => plural(count, "item", "items");
const verb = (count: Count, one: string, many: string) => (count.n === 1 ? one : many);

export const en: Phrasebook = {
  language: "en",
  greeting: (name, v) => {
    if (v.formal) return name ? `Dear ${name},` : "Hello,";
    if (v.tone === "playful") return name ? `Hey ${name},` : "Hey there,";
    return name ? `Hi ${name},` : "Hi there,";
  },
  closing: (v) => {
    if (v.tone === "direct") return null;
    if (v.tone === "playful") return pick(v, "Happy shopping!", "Happy shopping.");
    return pick(v, "We’re here if you need anything.", "We are here if you need anything.");
  },
  signOff: (signer, v) => {
    if (v.formal) return `Kind regards, ${signer}`;
    if (v.tone === "playful") return `Cheers, ${signer}`;
    if (v.tone === "direct") return `Thanks, ${signer}`;
    return `Warmly, ${signer}`;
  },
  team: (shopName) => `the ${shopName} team`,
  productLine: (p, detail) => [p.price ? `${p.title} — ${p.price}` : p.title, detail ? ` (${detail})` : ""].join(""),
  reorder: (p) => (p.price ? `Reorder ${p.title} for ${p.price}.` : `Reorder ${p.title} in a few clicks.`),
  discountNextOrder: (percent, v) => pick(v, `Here’s ${percent} off your next order.`, `We are offering you ${percent} off your next order.`),
  cta: { reorder: "Reorder now", viewProduct: "View product", shopNow: "Shop now", completeOrder: "Complete your order", returnToCart: "Return to your cart" },

  replenishment: {
    subjectProduct: (f) => (f.winback ? `Ready for more ${f.product.shortTitle}?` : `Time to restock ${f.product.shortTitle}?`),
    subjectTiming: (f, v) => {
      if (f.winback && f.discount) return `${f.discount} off your next order of ${f.product.shortTitle}`;
      if (f.winback && f.daysSince) return `${pick(v, "It’s", "It has")} been ${days(f.daysSince)}: ready for more ${f.product.shortTitle}?`;
      if (f.usualDays) return `Your ${f.usualDays.text}-day restock: ${f.product.shortTitle}`;
      return null;
    },
    preheader: (f, v) => (f.usualDays ? `You usually reorder about every ${days(f.usualDays)}.` : `${f.product.shortTitle} is ready when ${pick(v, "you’re", "you are")} ready.`),
    rhythm: (f, v) => {
      const since = f.daysSince ? `${pick(v, "it’s", "it has")} been ${days(f.daysSince)} since your last order` : null;
      if (f.usualDays && since) return `You usually reorder ${f.product.title} about every ${days(f.usualDays)}, and ${since}.`;
      if (f.usualDays) return `You usually reorder ${f.product.title} about every ${days(f.usualDays)}.`;
      if (f.daysSince) return `${pick(v, "It’s", "It has")} been ${days(f.daysSince)} since your last order of ${f.product.title}.`;
      return null;
    },
    usualDate: (f, v) => (f.usualDate ? `Going by your past orders, ${pick(v, "you’d", "you would")} usually have reordered around ${f.usualDate}.` : null),
    welcomeBack: (v) => pick(v, "We’d love to see you back.", "We would be glad to welcome you back."),
    discount: (percent, v) => pick(v, `Here’s ${percent} off your next order to welcome you back.`, `As a welcome back, we are offering you ${percent} off your next order.`),
  },

  postPurchase: {
    tipSubjectProduct: (f) => `Getting the most out of ${f.product.shortTitle}`,
    tipSubjectTiming: (f, v) => (f.daysSince ? `${days(f.daysSince)} with ${f.product.shortTitle}: ${pick(v, "how’s", "how is")} it going?` : null),
    tipPreheader: (f, v) => `Questions about ${f.product.shortTitle}? ${pick(v, "We’re", "We are")} happy to help.`,
    tipTiming: (f, v) => (f.daysSince ? `${pick(v, "You’ve", "You have")} had ${f.product.title} for ${days(f.daysSince)} now.` : null),
    attribute: (f) => (f.attribute ? `${f.product.title} at a glance: ${f.attribute}.` : null),
    help: (v) => `If you have any questions about using it, ${pick(v, "we’re", "we are")} happy to help.`,
    restockSubjectProduct: (f) => `Running low on ${f.product.shortTitle}?`,
    restockSubjectTiming: (f) => (f.runOutDate ? `Your ${f.product.shortTitle} may run out around ${f.runOutDate}` : null),
    restockPreheader: () => "Restock before you run out.",
    restockEstimate: (f) => {
      if (f.supplyDays && f.runOutDate) return `By our estimate, your ${f.product.title} lasts about ${days(f.supplyDays)} and may run out around ${f.runOutDate}.`;
      if (f.runOutDate) return `By our estimate, your ${f.product.title} may run out around ${f.runOutDate}.`;
      return null;
    },
  },

  loyalty: {
    gapSubjectProduct: (f) => {
      const first = f.gapProducts[0];
      return first && f.eachCloses ? `${first.product.shortTitle} would unlock your next reward` : null;
    },
    gapSubjectPoints: (f) => (f.pointsNeeded ? `${points(f.pointsNeeded)} to your next reward` : null),
    gapFallbackSubject: (v) => `${pick(v, "You’re", "You are")} close to your next reward`,
    gapPreheader: (f) => (f.reward ? `Your next reward is worth ${f.reward}.` : "See what gets you there."),
    gapStatus: (f) => {
      if (!f.pointsNeeded) return null;
      const unlock = `Another ${points(f.pointsNeeded)} ${verb(f.pointsNeeded, "unlocks", "unlock")} your next reward${f.reward ? `, worth ${f.reward}` : ""}.`;
      return f.balance ? `You have ${points(f.balance)}. ${unlock}` : unlock;
    },
    gapDeadline: (f) => {
      if (!f.expiryDate) return null;
      if (f.expiringPoints) return `${points(f.expiringPoints)} of your balance ${verb(f.expiringPoints, "expires", "expire")} on ${f.expiryDate}, so now is a good time.`;
      return `Some of your points expire on ${f.expiryDate}, so now is a good time.`;
    },
    gapProductsIntro: (f) => {
      if (!f.eachCloses) return "These earn points toward it:";
      return f.gapProducts.length === 1 ? "This one earns enough points on its own:" : "Each of these earns enough points on its own:";
    },
    pointsDetail: (count) => `earns ${points(count)}`,
    expirySubjectPoints: (f) => (f.expiringPoints && f.expiryDate ? `${points(f.expiringPoints)} ${verb(f.expiringPoints, "expires", "expire")} on ${f.expiryDate}` : null),
    expirySubjectTime: (f) => {
      if (f.daysUntilExpiry && f.daysUntilExpiry.n >= 1) return `${days(f.daysUntilExpiry)} left to use your points`;
      return f.expiryDate ? `Use your points by ${f.expiryDate}` : null;
    },
    expiryFallbackSubject: () => "Some of your points expire soon",
    expiryPreheader: (f) => (f.expiryDate ? `Use them before ${f.expiryDate}.` : "Use them before they expire."),
    expiryStatus: (f) => {
      if (!f.expiringPoints || !f.expiryDate) return null;
      if (f.balance) return `${f.expiringPoints.text} of your ${points(f.balance)} ${verb(f.expiringPoints, "expires", "expire")} on ${f.expiryDate}.`;
      return `${points(f.expiringPoints)} ${verb(f.expiringPoints, "expires", "expire")} on ${f.expiryDate}.`;
    },
    rewardNote: (f) => (f.tierPoints && f.reward ? `At ${points(f.tierPoints)}, you unlock a reward worth ${f.reward}.` : null),
    useSoon: () => "Shop before then to make the most of them.",
  },

  cart: {
    subjectProduct: (f) => {
      const first = f.products[0];
      if (f.direct) return first ? `${first.shortTitle} is still in your cart` : "Your cart is still waiting";
      return first ? `Still thinking about ${first.shortTitle}?` : `Still thinking it over?`;
    },
    subjectNumber: (f) => {
      if (f.direct) return f.total ? `Complete your order: ${f.total}` : null;
      if (f.discount) return `${f.discount} off the cart you left`;
      return f.itemCount ? `${items(f.itemCount)} still in your cart` : null;
    },
    preheader: (f) => (f.discount ? `Plus ${f.discount} off this order.` : "Pick up where you left off."),
    intro: (f, v) => {
      const lead = f.direct ? "" : pick(v, "Still deciding? ", "");
      if (f.products.length === 0) return `${lead}You left something in your cart.`;
      return `${lead}You left ${f.products.length === 1 ? "this" : "these"} in your cart:`;
    },
    more: (more) => `Plus ${more.text} more ${more.n === 1 ? "product" : "products"}.`,
    total: (f) => {
      if (f.total && f.itemCount) return `Cart total: ${f.total} for ${items(f.itemCount)}.`;
      return f.total ? `Cart total: ${f.total}.` : null;
    },
    attribute: (f) => (f.attribute ? `Chosen for what matters to you: ${f.attribute}.` : null),
    discount: (percent, v) => pick(v, `Here’s ${percent} off this order.`, `We are pleased to offer you ${percent} off this order.`),
  },

  newsletter: {
    subjectProduct: (f) => {
      const first = f.products[0]?.product.shortTitle ?? "Our best sellers";
      return f.products.length > 1 ? `${first} and more best sellers for you` : `${first}: a best seller for you`;
    },
    subjectNumber: (f) => (f.count.n === 1 ? "A best seller picked for you" : `${f.count.text} best sellers picked for you`),
    preheader: () => "Picked from your favourite categories.",
    intro: (f) => (f.products.length === 1 ? "Here is a best seller from one of your favourite categories:" : "Here are our best sellers from your favourite categories:"),
    rankDetail: (rank) => `no. ${rank.text} in its category`,
  },
};
