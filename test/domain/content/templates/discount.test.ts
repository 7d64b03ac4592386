import { describe, expect, it } from "vitest";
import { listTemplates, writeFromTemplate } from "~/domain/content/templates";
import { allText, input, NBSP } from "./fixtures";

const ROWS = listTemplates().flatMap(({ messageType }) =>
  [
    { locale: "en-US", percent: "10%", word: /\boff\b(?! \.)/ },
    { locale: "de-DE", percent: `10${NBSP}%`, word: /Rabatt/ },
  ].flatMap((l) => [null, 0.1].map((discount) => ({ messageType, discount, ...l }))),
);

describe("a discount sentence only when the brief offers a discount", () => {
  it("covers every message type, both locales, with and without a discount", () => {
    expect(ROWS).toHaveLength(9 * 2 * 2);
  });

  it.each(ROWS)("$messageType $locale discount $discount", ({ messageType, discount, locale, percent, word }) => {
    for (const variant of ["a", "b"]) {
      const draft = writeFromTemplate(input(messageType, { variant, shopper: { locale }, brief: { discount } })).draft;
      const body = draft.paragraphs.join("\n");
      const text = allText(draft).replace("left off.", "");
      if (discount === null) {
        expect(text).not.toContain("%");
        expect(text).not.toMatch(word);
      } else {
        expect(body.split(percent)).toHaveLength(2);
        expect(body).toMatch(word);
      }
    }
  });

  it.each([
    { discount: 0.2, shown: "20%" },
    { discount: 0.075, shown: "8%" },
    { discount: 0.001, shown: null },
  ])("the brief's share is the percent shown: $discount -> $shown", ({ discount, shown }) => {
    const body = writeFromTemplate(input("cart-soft-reminder", { brief: { discount } })).draft.paragraphs.join(" ");
    if (shown) expect(body).toContain(`Here’s ${shown} off this order.`);
    else expect(body).not.toContain("%");
  });
});
