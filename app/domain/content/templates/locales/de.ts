import type { Count } from "../formatting";
import type { Phrasebook, Voice } from "../phrasebook";

/** German. Formal copy says "Sie", casual says "du"; formal copy never exclaims. */

const pick = (v: Voice, casual: string, formal: string) => (v.formal ? formal : casual);
const plural = (count: Count, one: string, many: string) => `${count.text} ${count.n === 1 ? one : many}`;
/** Nominative/accusative ("30 Tage") and dative ("seit 30 Tagen") forms. */
const days = (count: Count) => plural(count, "Tag", "Tage");
const daysDative = (count: Count) => plural(count, "Tag", "Tagen");
const points = (count: Count) => plural(count, "Punkt", "Punkte");
const pointsDative = (count: Count) => plural(count, "Punkt", "Punkten");
const items = (count: Count) => `${count.text} Artikel`;
const verb = (count: Count, one: string, many: string) => (count.n === 1 ? one : many);
/** "Sie"/"du" possessives, by register. */
const yourDative = (v: Voice) => pick(v, "deinem", "Ihrem");
const yourGenitive = (v: Voice) => pick(v, "deines", "Ihres");

export const de: Phrasebook = {
  language: "de",
  greeting: (name, v) => {
    if (v.formal) return name ? `Guten Tag ${name},` : "Guten Tag,";
    if (v.tone === "playful") return name ? `Hey ${name},` : "Hey,";
    return name ? `Hallo ${name},` : "Hallo,";
  },
  closing: (v) => {
    if (v.tone === "direct") return null;
    if (v.tone === "playful") return pick(v, "Viel Spaß beim Stöbern!", "Viel Freude beim Stöbern.");
    return pick(v, "Wenn du Fragen hast, sind wir gern für dich da.", "Wenn Sie Fragen haben, sind wir gern für Sie da.");
  },
  signOff: (signer, v) => {
    if (v.formal) return `Mit freundlichen Grüßen, ${signer}`;
    if (v.tone === "playful") return `Bis bald, ${signer}`;
    if (v.tone === "direct") return `Danke, ${signer}`;
    return `Herzliche Grüße, ${signer}`;
  },
  team: (shopName, v) => `${pick(v, "dein", "Ihr")} Team von ${shopName}`,
  productLine: (p, detail) => [p.price ? `${p.title} — ${p.price}` : p.title, detail ? ` (${detail})` : ""].join(""),
  reorder: (p, v) => {
    const verbPhrase = pick(v, "Bestell", "Bestellen Sie");
    return p.price ? `${verbPhrase} ${p.title} für ${p.price} nach.` : `${verbPhrase} ${p.title} mit wenigen Klicks nach.`;
  },
  discountNextOrder: (percent, v) => pick(v, `Du bekommst ${percent} Rabatt auf deine nächste Bestellung.`, `Sie erhalten ${percent} Rabatt auf Ihre nächste Bestellung.`),
  cta: { reorder: "Jetzt nachbestellen", viewProduct: "Zum Produkt", shopNow: "Jetzt entdecken", completeOrder: "Bestellung abschließen", returnToCart: "Zum Warenkorb" },

  replenishment: {
    subjectProduct: (f) => (f.winback ? `Lust auf mehr ${f.product.shortTitle}?` : `Zeit, ${f.product.shortTitle} nachzubestellen?`),
    subjectTiming: (f, v) => {
      if (f.winback && f.discount) return `${f.discount} Rabatt auf ${pick(v, "deine", "Ihre")} nächste Bestellung von ${f.product.shortTitle}`;
      if (f.winback && f.daysSince) return `Schon ${days(f.daysSince)} her: Lust auf mehr ${f.product.shortTitle}?`;
      if (f.usualDays) return `${pick(v, "Dein", "Ihr")} ${f.usualDays.text}-Tage-Rhythmus: Zeit für ${f.product.shortTitle}`;
      return null;
    },
    preheader: (f, v) => {
      if (!f.usualDays) return `${f.product.shortTitle} wartet auf ${pick(v, "dich", "Sie")}.`;
      const every = f.usualDays.n === 1 ? "jeden Tag" : `etwa alle ${days(f.usualDays)}`;
      return `${pick(v, "Du bestellst", "Sie bestellen")} normalerweise ${every}.`;
    },
    rhythm: (f, v) => {
      const usual = f.usualDays ? (f.usualDays.n === 1 ? "jeden Tag" : `etwa alle ${days(f.usualDays)}`) : null;
      const since = f.daysSince ? `${pick(v, "deine", "Ihre")} letzte Bestellung ist ${days(f.daysSince)} her` : null;
      const subject = pick(v, "Du bestellst", "Sie bestellen");
      if (usual && since) return `${subject} ${f.product.title} normalerweise ${usual}, und ${since}.`;
      if (usual) return `${subject} ${f.product.title} normalerweise ${usual}.`;
      if (f.daysSince) return `${pick(v, "Deine", "Ihre")} letzte Bestellung von ${f.product.title} ist ${days(f.daysSince)} her.`;
      return null;
    },
    usualDate: (f, v) =>
      f.usualDate ? pick(v, `Nach deinen bisherigen Bestellungen hättest du etwa am ${f.usualDate} nachbestellt.`, `Nach Ihren bisherigen Bestellungen hätten Sie etwa am ${f.usualDate} nachbestellt.`) : null,
    welcomeBack: (v) => pick(v, "Wir würden uns freuen, dich wiederzusehen.", "Wir würden uns freuen, Sie wieder bei uns begrüßen zu dürfen."),
    discount: (percent, v) =>
      pick(v, `Zur Begrüßung bekommst du ${percent} Rabatt auf deine nächste Bestellung.`, `Zur Begrüßung erhalten Sie ${percent} Rabatt auf Ihre nächste Bestellung.`),
  },

  postPurchase: {
    tipSubjectProduct: (f, v) => `So ${pick(v, "holst du", "holen Sie")} das Beste aus ${f.product.shortTitle} heraus`,
    tipSubjectTiming: (f, v) => (f.daysSince ? `${days(f.daysSince)} mit ${f.product.shortTitle}: Wie gefällt es ${pick(v, "dir", "Ihnen")}?` : null),
    tipPreheader: (f, v) => `Fragen zu ${f.product.shortTitle}? Wir helfen ${pick(v, "dir", "Ihnen")} gern.`,
    tipTiming: (f, v) => (f.daysSince ? `${pick(v, "Du hast", "Sie haben")} ${f.product.title} jetzt seit ${daysDative(f.daysSince)}.` : null),
    attribute: (f) => (f.attribute ? `${f.product.title} auf einen Blick: ${f.attribute}.` : null),
    help: (v) => pick(v, "Wenn du Fragen zur Anwendung hast, helfen wir dir gern.", "Wenn Sie Fragen zur Anwendung haben, helfen wir Ihnen gern."),
    restockSubjectProduct: (f, v) => `Geht ${pick(v, "dein", "Ihr")} Vorrat an ${f.product.shortTitle} zur Neige?`,
    restockSubjectTiming: (f, v) => (f.runOutDate ? `${pick(v, "Dein", "Ihr")} Vorrat an ${f.product.shortTitle} reicht voraussichtlich bis etwa zum ${f.runOutDate}` : null),
    restockPreheader: (_f, v) => `${pick(v, "Bestell", "Bestellen Sie")} nach, bevor er aufgebraucht ist.`,
    restockEstimate: (f, v) => {
      const supply = `${pick(v, "Dein", "Ihr")} Vorrat an ${f.product.title}`;
      if (f.supplyDays && f.runOutDate) return `${supply} reicht nach unserer Schätzung etwa ${days(f.supplyDays)} und ist voraussichtlich um den ${f.runOutDate} aufgebraucht.`;
      if (f.runOutDate) return `${supply} ist nach unserer Schätzung voraussichtlich um den ${f.runOutDate} aufgebraucht.`;
      return null;
    },
  },

  loyalty: {
    gapSubjectProduct: (f, v) => {
      const first = f.gapProducts[0];
      return first && f.eachCloses ? `Mit ${first.product.shortTitle} ${pick(v, "erreichst du deine", "erreichen Sie Ihre")} nächste Prämie` : null;
    },
    gapSubjectPoints: (f, v) => (f.pointsNeeded ? `Nur noch ${points(f.pointsNeeded)} bis zu ${pick(v, "deiner", "Ihrer")} nächsten Prämie` : null),
    gapFallbackSubject: (v) => `${pick(v, "Deine", "Ihre")} nächste Prämie ist nah`,
    gapPreheader: (f, v) => (f.reward ? `${pick(v, "Deine", "Ihre")} nächste Prämie ist ${f.reward} wert.` : `So ${pick(v, "kommst du", "kommen Sie")} ans Ziel.`),
    gapStatus: (f, v) => {
      if (!f.pointsNeeded) return null;
      const reach = `Mit weiteren ${pointsDative(f.pointsNeeded)} ${pick(v, "erreichst du deine", "erreichen Sie Ihre")} nächste Prämie${f.reward ? ` im Wert von ${f.reward}` : ""}.`;
      return f.balance ? `${pick(v, "Du hast", "Sie haben")} ${points(f.balance)}. ${reach}` : reach;
    },
    gapDeadline: (f, v) => {
      if (!f.expiryDate) return null;
      if (f.expiringPoints) {
        return `Am ${f.expiryDate} ${verb(f.expiringPoints, "verfällt", "verfallen")} ${points(f.expiringPoints)} ${yourGenitive(v)} Guthabens, jetzt ist also ein guter Zeitpunkt.`;
      }
      return `Am ${f.expiryDate} verfällt ein Teil ${pick(v, "deiner", "Ihrer")} Punkte, jetzt ist also ein guter Zeitpunkt.`;
    },
    gapProductsIntro: (f) => {
      if (!f.eachCloses) return "Diese Produkte bringen Punkte dafür:";
      return f.gapProducts.length === 1 ? "Dieses Produkt bringt allein genug Punkte:" : "Jedes dieser Produkte bringt allein genug Punkte:";
    },
    pointsDetail: (count) => `bringt ${points(count)}`,
    expirySubjectPoints: (f) => (f.expiringPoints && f.expiryDate ? `Am ${f.expiryDate} ${verb(f.expiringPoints, "verfällt", "verfallen")} ${points(f.expiringPoints)}` : null),
    expirySubjectTime: (f, v) => {
      if (f.daysUntilExpiry && f.daysUntilExpiry.n >= 1) return `Noch ${days(f.daysUntilExpiry)}, um ${pick(v, "deine", "Ihre")} Punkte zu nutzen`;
      return f.expiryDate ? `${pick(v, "Nutze deine", "Nutzen Sie Ihre")} Punkte bis zum ${f.expiryDate}` : null;
    },
    expiryFallbackSubject: (v) => `Ein Teil ${pick(v, "deiner", "Ihrer")} Punkte verfällt bald`,
    expiryPreheader: (f, v) => {
      const use = pick(v, "Nutze sie", "Nutzen Sie sie");
      return f.expiryDate ? `${use} vor dem ${f.expiryDate}.` : `${use}, bevor sie verfallen.`;
    },
    expiryStatus: (f, v) => {
      if (!f.expiringPoints || !f.expiryDate) return null;
      const lapse = `Am ${f.expiryDate} ${verb(f.expiringPoints, "verfällt", "verfallen")} ${points(f.expiringPoints)}`;
      return f.balance ? `${lapse} ${yourGenitive(v)} Guthabens von ${pointsDative(f.balance)}.` : `${lapse}.`;
    },
    rewardNote: (f, v) => (f.tierPoints && f.reward ? `Ab ${pointsDative(f.tierPoints)} ${pick(v, "erhältst du", "erhalten Sie")} eine Prämie im Wert von ${f.reward}.` : null),
    useSoon: (v) => pick(v, "Nutze die Zeit bis dahin.", "Nutzen Sie die Zeit bis dahin."),
  },

  cart: {
    subjectProduct: (f, v) => {
      const first = f.products[0];
      if (f.direct) return first ? `${first.shortTitle} liegt noch in ${yourDative(v)} Warenkorb` : `${pick(v, "Dein", "Ihr")} Warenkorb wartet noch`;
      return first ? `${pick(v, "Denkst du", "Denken Sie")} noch über ${first.shortTitle} nach?` : "Noch unentschlossen?";
    },
    subjectNumber: (f, v) => {
      if (f.direct) return f.total ? `${pick(v, "Schließ deine", "Schließen Sie Ihre")} Bestellung ab: ${f.total}` : null;
      if (f.discount) return `${f.discount} Rabatt auf ${pick(v, "deinen", "Ihren")} Warenkorb`;
      return f.itemCount ? `${items(f.itemCount)} ${verb(f.itemCount, "liegt", "liegen")} noch in ${yourDative(v)} Warenkorb` : null;
    },
    preheader: (f, v) => (f.discount ? `Dazu ${f.discount} Rabatt auf diese Bestellung.` : pick(v, "Mach dort weiter, wo du aufgehört hast.", "Machen Sie dort weiter, wo Sie aufgehört haben.")),
    intro: (f, v) => {
      const lead = f.direct ? "" : pick(v, "Noch unentschlossen? ", "");
      if (f.products.length === 0) return `${lead}${pick(v, "Du hast", "Sie haben")} etwas in ${yourDative(v)} Warenkorb gelassen.`;
      return `${lead}Das liegt noch in ${yourDative(v)} Warenkorb:`;
    },
    more: (more) => (more.n === 1 ? `Dazu ${more.text} weiteres Produkt.` : `Dazu ${more.text} weitere Produkte.`),
    total: (f) => {
      if (f.total && f.itemCount) return `Warenkorbsumme: ${f.total} für ${items(f.itemCount)}.`;
      return f.total ? `Warenkorbsumme: ${f.total}.` : null;
    },
    attribute: (f, v) => (f.attribute ? `Ausgewählt für das, was ${pick(v, "dir", "Ihnen")} wichtig ist: ${f.attribute}.` : null),
    discount: (percent, v) => pick(v, `Für diese Bestellung bekommst du ${percent} Rabatt.`, `Wir freuen uns, Ihnen ${percent} Rabatt auf diese Bestellung anzubieten.`),
  },

  newsletter: {
    subjectProduct: (f, v) => {
      const first = f.products[0]?.product.shortTitle ?? "Unsere Bestseller";
      const forYou = `für ${pick(v, "dich", "Sie")}`;
      return f.products.length > 1 ? `${first} und weitere Bestseller ${forYou}` : `${first}: ein Bestseller ${forYou}`;
    },
    subjectNumber: (f, v) => `${f.count.n === 1 ? "Ein Bestseller" : `${f.count.text} Bestseller`}, ausgewählt für ${pick(v, "dich", "Sie")}`,
    preheader: (_f, v) => `Aus ${pick(v, "deinen", "Ihren")} Lieblingskategorien.`,
    intro: (f, v) =>
      f.products.length === 1 ? `Hier ist ein Bestseller aus einer ${pick(v, "deiner", "Ihrer")} Lieblingskategorien:` : `Hier sind unsere Bestseller aus ${pick(v, "deinen", "Ihren")} Lieblingskategorien:`,
    rankDetail: (rank) => `Nr. ${rank.text} in seiner Kategorie`,
  },
};
