import { describe, expect, it } from "vitest";
import { writeFromTemplate } from "~/domain/content/templates";
import { allText, input, NBSP } from "./fixtures";

/**
 * Per agent and locale: the copy states the brief's facts, formatted for the shopper, and no
 * number it was not given. `facts` must each appear in both variants; after removing them (and
 * `alsoAllowed`, facts a single variant's subject uses), no digit may be left in the copy.
 */
type Row = { messageType: string; locale: "en-US" | "de-DE"; facts: string[]; alsoAllowed?: string[] };

const EUR = (amount: string) => `${amount}${NBSP}€`;

const ROWS: Row[] = [
  { messageType: "replenishment-reminder", locale: "en-US", facts: ["Daily Gel Cleanser", "$24.00", "about every 30 days", "40 days since your last order", "May 31, 2026"], alsoAllowed: ["30-day", "30 days"] },
  { messageType: "replenishment-reminder", locale: "de-DE", facts: ["Daily Gel Cleanser", EUR("24,00"), "etwa alle 30 Tage", "40 Tage her", "31. Mai 2026"], alsoAllowed: ["30-Tage"] },
  { messageType: "replenishment-winback", locale: "en-US", facts: ["Daily Gel Cleanser", "$24.00", "about every 30 days", "70 days", "10% off your next order"], alsoAllowed: ["30 days", "10%"] },
  { messageType: "replenishment-winback", locale: "de-DE", facts: ["Daily Gel Cleanser", EUR("24,00"), "etwa alle 30 Tage", "70 Tage her", `10${NBSP}% Rabatt`] },
  { messageType: "post-purchase-usage-tip", locale: "en-US", facts: ["Niacinamide Serum", "for 12 days", "at a glance: clean ingredients"], alsoAllowed: ["12 days"] },
  { messageType: "post-purchase-usage-tip", locale: "de-DE", facts: ["Niacinamide Serum", "seit 12 Tagen", "auf einen Blick: clean ingredients"], alsoAllowed: ["12 Tage"] },
  { messageType: "post-purchase-restock", locale: "en-US", facts: ["Niacinamide Serum", "$32.00", "about 60 days", "June 17, 2026"] },
  { messageType: "post-purchase-restock", locale: "de-DE", facts: ["Niacinamide Serum", EUR("32,00"), "etwa 60 Tage", "17. Juni 2026"] },
  {
    messageType: "loyalty-tier-gap",
    locale: "en-US",
    facts: ["Daily Gel Cleanser — $24.00 (earns 290 points)", "Niacinamide Serum — $32.00 (earns 320 points)", "You have 1,230 points", "Another 270 points unlock your next reward, worth $15.00", "40 points of your balance expire on June 19, 2026"],
    alsoAllowed: ["270 points", "$15.00"],
  },
  {
    messageType: "loyalty-tier-gap",
    locale: "de-DE",
    facts: [`Daily Gel Cleanser — ${EUR("24,00")} (bringt 290 Punkte)`, `Niacinamide Serum — ${EUR("32,00")} (bringt 320 Punkte)`, "Sie haben 1.230 Punkte", `Mit weiteren 270 Punkten erreichen Sie Ihre nächste Prämie im Wert von ${EUR("15,00")}`, "Am 19. Juni 2026 verfallen 40 Punkte"],
    alsoAllowed: ["270 Punkte", EUR("15,00")],
  },
  { messageType: "loyalty-points-expiry", locale: "en-US", facts: ["60 of your 420 points expire on June 15, 2026", "At 500 points, you unlock a reward worth $12.00"], alsoAllowed: ["5 days", "60 points", "June 15, 2026"] },
  { messageType: "loyalty-points-expiry", locale: "de-DE", facts: ["Am 15. Juni 2026 verfallen 60 Punkte Ihres Guthabens von 420 Punkten", `Ab 500 Punkten erhalten Sie eine Prämie im Wert von ${EUR("12,00")}`], alsoAllowed: ["5 Tage", "60 Punkte", "15. Juni 2026"] },
  { messageType: "cart-complete-order", locale: "en-US", facts: ["Cedar & Sage Soy Candle — $38.00", "Daily Gel Cleanser — $24.00", "Cart total: $86.00 for 3 items", "sustainable"], alsoAllowed: ["$86.00"] },
  { messageType: "cart-complete-order", locale: "de-DE", facts: [`Cedar & Sage Soy Candle — ${EUR("38,00")}`, `Daily Gel Cleanser — ${EUR("24,00")}`, `Warenkorbsumme: ${EUR("86,00")} für 3 Artikel`, "sustainable"], alsoAllowed: [EUR("86,00")] },
  { messageType: "cart-soft-reminder", locale: "en-US", facts: ["Cedar & Sage Soy Candle — $38.00", "Cart total: $38.00 for 1 item", "10% off this order", "sustainable"], alsoAllowed: ["10%"] },
  { messageType: "cart-soft-reminder", locale: "de-DE", facts: [`Cedar & Sage Soy Candle — ${EUR("38,00")}`, `Warenkorbsumme: ${EUR("38,00")} für 1 Artikel`, `10${NBSP}% Rabatt`, "sustainable"] },
  { messageType: "bestseller-newsletter", locale: "en-US", facts: ["Niacinamide Serum — $32.00 (no. 1 in its category)", "Cedar & Sage Soy Candle — $38.00 (no. 4 in its category)"], alsoAllowed: ["2 best sellers"] },
  { messageType: "bestseller-newsletter", locale: "de-DE", facts: [`Niacinamide Serum — ${EUR("32,00")} (Nr. 1 in seiner Kategorie)`, `Cedar & Sage Soy Candle — ${EUR("38,00")} (Nr. 4 in seiner Kategorie)`], alsoAllowed: ["2 Bestseller"] },
];

function render(row: Row, variant: string) {
  const german = row.locale === "de-DE";
  return writeFromTemplate(
    input(row.messageType, {
      variant,
      shopper: { locale: row.locale, timeZone: german ? "Europe/Berlin" : "America/New_York" },
      shop: german ? { currencyCode: "EUR" } : {},
      voice: { formality: german ? "formal" : "casual" },
    }),
  );
}

describe("each agent's copy states the brief's facts, and only those", () => {
  it("covers every message type in both locales", () => {
    expect(new Set(ROWS.map((r) => r.messageType)).size).toBe(9);
    expect(ROWS).toHaveLength(18);
  });

  it.each(ROWS)("$messageType ($locale)", (row) => {
    for (const variant of ["a", "b"]) {
      const result = render(row, variant);
      expect(result.variant).toBe(variant);
      const text = allText(result.draft);
      for (const fact of row.facts) expect(text, `variant ${variant}`).toContain(fact);
      let rest = text;
      for (const allowed of [...row.facts, ...(row.alsoAllowed ?? [])].sort((a, b) => b.length - a.length)) rest = rest.split(allowed).join("");
      expect(rest.match(/\p{Nd}+/gu), `numbers the brief did not give, variant ${variant}:\n${rest}`).toBeNull();
    }
  });
});
