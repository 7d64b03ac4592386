import { describe, expect, it } from "vitest";
import { renderEmail, type EmailProduct } from "~/domain/content/email";
import { writeFromTemplate } from "~/domain/content/templates";
import { CASES, input as templateInput } from "../templates/fixtures";
import { attributeValues, BRIEF, decodeEntities, emailInput, openingTags, PRODUCTS, TOKEN, UNSUBSCRIBE_URL, visibleText, type Changes } from "./emailFixtures";

const NBSP = "\u00a0";
const EVIL = `<script>alert("x")</script>`;

/** The storefront links of an email (every href but the unsubscribe link). */
function storefrontLinks(html: string): string[] {
  return attributeValues(html, "a", "href").filter((href) => href !== UNSUBSCRIBE_URL);
}

describe("email rendering: copy is text, never markup", () => {
  it.each<{ field: string; changes: Changes; text: string; inText?: false }>([
    { field: "the greeting (a first name)", changes: { draft: { greeting: `Hi ${EVIL},` } }, text: `Hi ${EVIL},` },
    { field: "a paragraph", changes: { draft: { paragraphs: [`Look: ${EVIL}`] } }, text: `Look: ${EVIL}` },
    { field: "the subject (the <title>)", changes: { draft: { subject: `Hello ${EVIL}` } }, text: `Hello ${EVIL}`, inText: false },
    { field: "the preheader", changes: { draft: { preheader: `Soon ${EVIL}` } }, text: `Soon ${EVIL}`, inText: false },
    { field: "the call to action's label", changes: { draft: { callToAction: { label: `Go ${EVIL}`, url: "https://demo-store.example.com/cart" } } }, text: `Go ${EVIL}` },
    { field: "the sign-off", changes: { draft: { signOff: `Bye ${EVIL}` } }, text: `Bye ${EVIL}` },
    { field: "a product title from the catalog", changes: { products: new Map([["p-cleanser", { ...PRODUCTS.get("p-cleanser")!, title: `Soap ${EVIL}` }]]) }, text: `Soap ${EVIL}` },
    { field: "the shop's name", changes: { shop: { name: `Evil ${EVIL} Shop` } }, text: `Evil ${EVIL} Shop` },
    { field: "the shop's address", changes: { shop: { address: `1 ${EVIL} Street` } }, text: `1 ${EVIL} Street` },
    { field: "an attribute from the brief", changes: { brief: { leadAttribute: `<img src=x onerror=alert(1)>` } }, text: `<img src=x onerror=alert(1)>` },
    { field: "the recipient's address", changes: { recipient: { email: `"<b>x</b>"@example.org` } }, text: `"<b>x</b>"@example.org` },
  ])("$field is escaped in the HTML and kept verbatim in the text", ({ changes, text, inText }) => {
    const { html, text: plain, subject } = renderEmail(emailInput(changes));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<b>|<img src=x/i);
    expect(openingTags(html, "img").every((tag) => !/onerror/i.test(tag))).toBe(true);
    // The text shows up escaped (React writes " as &quot; in attributes only, so compare decoded quotes).
    const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    expect(html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'")).toContain(escaped);
    if (inText === false) expect(plain).not.toContain(text);
    else expect(plain).toContain(text);
    if (changes.draft?.subject) expect(subject).toBe(text);
  });

  it("a draft link can only become an http(s) href", () => {
    expect(() => renderEmail(emailInput({ draft: { callToAction: { label: "Go", url: "javascript:alert(1)" } } }))).toThrow(/http/);
  });
});

describe("email rendering: every storefront link carries UTM parameters and the decision token", () => {
  it.each([
    { name: "a plain product URL", url: "https://demo-store.example.com/products/daily-gel-cleanser", kept: {} as Record<string, string>, hash: "" },
    { name: "a URL with its own query", url: "https://demo-store.example.com/collections/all?sort_by=best-selling&page=2", kept: { sort_by: "best-selling", page: "2" }, hash: "" },
    { name: "a URL with a fragment", url: "https://demo-store.example.com/cart?note=a%20b#summary", kept: { note: "a b" }, hash: "#summary" },
    { name: "a URL with someone else's UTM (ours win)", url: "https://demo-store.example.com/cart?utm_source=other&utm_campaign=spring&ref=7", kept: { ref: "7" }, hash: "" },
  ])("$name", ({ url, kept, hash }) => {
    const { html, text, links } = renderEmail(emailInput({ draft: { callToAction: { label: "Go", url } } }));
    const hrefs = storefrontLinks(html);
    // Two cards (image and title link each) and the button.
    expect(hrefs).toHaveLength(5);
    for (const href of hrefs) {
      const parsed = new URL(href);
      expect(parsed.searchParams.get("utm_source")).toBe("autonomous-marketing");
      expect(parsed.searchParams.get("utm_medium")).toBe("email");
      expect(parsed.searchParams.get("utm_campaign")).toBe("replenishment");
      expect(parsed.searchParams.get("utm_content")).toBe("replenishment/replenishment-reminder/a@1");
      expect(parsed.searchParams.get("am_d")).toBe(TOKEN);
      expect(parsed.searchParams.getAll("utm_source")).toHaveLength(1);
    }
    const cta = new URL(hrefs[hrefs.length - 1]!);
    expect(`${cta.origin}${cta.pathname}`).toBe(url.replace(/[?#].*$/, ""));
    expect(cta.hash).toBe(hash);
    for (const [key, value] of Object.entries(kept)) expect(cta.searchParams.get(key)).toBe(value);
    // The list the service returns is exactly the links in the HTML, once each, and the text has them in full.
    expect(links).toEqual([...new Set(hrefs)]);
    for (const link of links) expect(text).toContain(link);
  });

  it("product cards link to the product's page on the storefront", () => {
    const { links } = renderEmail(emailInput());
    expect(links.slice(0, 2).map((link) => new URL(link).pathname)).toEqual(["/products/daily-gel-cleanser", "/products/niacinamide-serum"]);
  });

  it("the unsubscribe link is the app's own, untagged, in both parts", () => {
    const { html, text } = renderEmail(emailInput());
    expect(attributeValues(html, "a", "href")).toContain(UNSUBSCRIBE_URL);
    expect(text).toContain(`Unsubscribe from these emails: ${UNSUBSCRIBE_URL}`);
    expect(visibleText(html)).toContain("Unsubscribe from these emails");
  });
});

describe("email rendering: product cards show the catalog now, in the shop currency and the shopper's locale", () => {
  const yen: EmailProduct = { id: "p-yen", title: "Matcha Set", handle: "matcha-set", priceMinor: 1200, imageUrl: null, inStock: true, active: true };
  const euro: EmailProduct = { id: "p-euro", title: "Olive Soap", handle: "olive-soap", priceMinor: 1250, imageUrl: null, inStock: true, active: true };
  it.each([
    { currency: "JPY", locale: "ja-JP", product: yen, price: "￥1,200" },
    { currency: "JPY", locale: "en-US", product: yen, price: "¥1,200" },
    { currency: "JPY", locale: "de-DE", product: yen, price: `1.200${NBSP}¥` },
    { currency: "EUR", locale: "de-DE", product: euro, price: `12,50${NBSP}€` },
    { currency: "EUR", locale: "en-US", product: euro, price: "€12.50" },
    { currency: "EUR", locale: "fr_FR", product: euro, price: `12,50${NBSP}€` },
    { currency: "EUR", locale: "not a locale", product: euro, price: "€12.50" },
  ])("$currency for $locale: $price", ({ currency, locale, product, price }) => {
    const { html, text, content } = renderEmail(emailInput({ shop: { currencyCode: currency }, recipient: { locale }, draft: { productIds: [product.id] }, products: new Map([[product.id, product]]) }));
    expect(content.cards.map((card) => card.price)).toEqual([price]);
    expect(visibleText(html)).toContain(`${product.title} ${price}`);
    expect(text).toContain(`${product.title} (${price})`);
  });

  it("the price is the catalog's now, not the brief's from planning time", () => {
    const { content } = renderEmail(emailInput({ brief: { products: [{ productId: "p-cleanser", title: "Daily Gel Cleanser", priceMinor: 1999 }] }, draft: { productIds: ["p-cleanser"] } }));
    expect(content.cards[0]?.price).toBe("$24.00");
  });

  it.each([
    { name: "gone from the catalog", products: new Map<string, EmailProduct>() },
    { name: "sold out", products: new Map([["p-cleanser", { ...PRODUCTS.get("p-cleanser")!, inStock: false }]]) },
    { name: "unpublished", products: new Map([["p-cleanser", { ...PRODUCTS.get("p-cleanser")!, active: false }]]) },
    { name: "without a handle", products: new Map([["p-cleanser", { ...PRODUCTS.get("p-cleanser")!, handle: " " }]]) },
  ])("a product $name gets no card", ({ products }) => {
    const { html, text, content, links } = renderEmail(emailInput({ draft: { productIds: ["p-cleanser"], callToAction: { label: "Shop", url: "https://demo-store.example.com/collections/all" } }, products }));
    expect(content.cards).toEqual([]);
    expect(links).toHaveLength(1);
    expect(html).not.toContain("/products/daily-gel-cleanser");
    expect(html).not.toContain('class="am-col"');
    expect(text).not.toContain("Daily Gel Cleanser");
  });

  it.each([
    { name: "no image", imageUrl: null },
    { name: "an empty image URL", imageUrl: "" },
    { name: "a javascript: image URL", imageUrl: "javascript:alert(1)" },
    { name: "a data: image URL", imageUrl: "data:image/png;base64,AAAA" },
  ])("a product with $name shows title and price without an image", ({ imageUrl }) => {
    const product = { ...PRODUCTS.get("p-candle")!, imageUrl };
    const { html } = renderEmail(emailInput({ draft: { productIds: ["p-candle"] }, products: new Map([["p-candle", product]]) }));
    expect(openingTags(html, "img")).toEqual([]);
    expect(visibleText(html)).toContain("Cedar & Sage Soy Candle $38.00");
  });

  it("every image has the product's title as its alt text", () => {
    const { html } = renderEmail(emailInput());
    expect(attributeValues(html, "img", "src")).toEqual(["https://cdn.example.com/cleanser.jpg", "https://cdn.example.com/serum.jpg"]);
    expect(attributeValues(html, "img", "alt")).toEqual(["Daily Gel Cleanser", "Niacinamide Serum"]);
  });

  it.each([1, 2, 3, 4])("%i cards sit two to a row, each a column that stacks on phones", (count) => {
    const ids = ["p-cleanser", "p-serum", "p-candle", "p-four"].slice(0, count);
    const products = new Map([...PRODUCTS, ["p-four", { ...PRODUCTS.get("p-candle")!, id: "p-four", handle: "four" }]]);
    const { html } = renderEmail(emailInput({ draft: { productIds: ids }, products }));
    expect(openingTags(html, "td").filter((tag) => tag.includes('class="am-col"'))).toHaveLength(Math.ceil(count / 2) * 2);
    expect(html).toMatch(/@media only screen and \(max-width:620px\)\{[^}]*\.am-container\{width:100%!important/);
  });
});

describe("email rendering: names and titles in any script", () => {
  it.each([
    { name: "Arabic", firstName: "مريم" },
    { name: "Hebrew with a mark", firstName: "דָּנִיֵּאל\u200f" },
    { name: "emoji with a skin tone and a ZWJ family", firstName: "Zoë 👩🏽‍👩🏽‍👧🏽" },
    { name: "CJK", firstName: "さくら" },
  ])("$name: kept exactly, in a block that takes its own direction", ({ firstName }) => {
    const greeting = `Hi ${firstName},`;
    const { html, text } = renderEmail(emailInput({ draft: { greeting, subject: `For ${firstName}` }, recipient: { firstName } }));
    expect(html).toMatch(/<meta charSet="utf-8"\/>/);
    expect(html).toContain('content="text/html; charset=UTF-8"');
    expect(html).toContain(`<p dir="auto" class="am-text"`);
    const greetingTag = new RegExp(`<p dir="auto"[^>]*>${greeting.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</p>`, "u");
    expect(html).toMatch(greetingTag);
    expect(html).toContain(`<title>For ${firstName}</title>`);
    expect(text.startsWith(`${greeting}\n\n`)).toBe(true);
  });

  it("bidi overrides and control characters in copy are dropped, so text cannot reorder its neighbours", () => {
    const { html, text } = renderEmail(emailInput({ draft: { greeting: "Hi \u202eAda\u202c\u0007," } }));
    expect(html).toContain(">Hi Ada,</p>");
    expect(text).toContain("Hi Ada,");
  });

  it("every text block, fact and card title says dir=auto", () => {
    const { html } = renderEmail(emailInput({ brief: { numbers: { pointsNeeded: 40 }, leadAttribute: "vegan" } }));
    for (const tag of openingTags(html, "p")) expect(tag).toContain('dir="auto"');
    const factCells = openingTags(html, "td").filter((tag) => tag.includes("padding:8px 12px"));
    expect(factCells.length).toBeGreaterThan(0);
    for (const tag of factCells) expect(tag).toContain('dir="auto"');
  });

  it("a long word wraps instead of widening the column", () => {
    const word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(4);
    const { html } = renderEmail(emailInput({ draft: { paragraphs: [word] } }));
    const tag = /<p [^>]*>(?=Pneumono)/.exec(html)?.[0] ?? "";
    expect(tag).toContain("overflow-wrap:anywhere");
    expect(tag).toContain("word-break:break-word");
    expect(html).toContain('class="am-container" style="width:100%;max-width:600px"');
  });
});

describe("email rendering: the brief's facts, in the HTML and the text alike", () => {
  const loyalty = CASES["loyalty-tier-gap"]!.brief;
  it.each([
    {
      name: "loyalty gap (en-US)",
      brief: loyalty,
      locale: "en-US",
      facts: ["Points to your next reward: 270 points", "Points balance: 1,230 points", "Next reward: $15.00", "Points expiring: 40 points on June 19, 2026"],
    },
    {
      name: "loyalty gap (de-DE)",
      brief: loyalty,
      locale: "de-DE",
      facts: ["Punkte bis zur nächsten Prämie: 270 Punkte", "Punktestand: 1.230 Punkte", `Nächste Prämie: 15,00${NBSP}$`, "Verfallende Punkte: 40 Punkte am 19. Juni 2026"],
    },
    { name: "replenishment date", brief: BRIEF, locale: "en-US", facts: ["Usual reorder date: June 11, 2026"] },
    { name: "run-out date and lead attribute", brief: CASES["post-purchase-usage-tip"]!.brief, locale: "en-GB", facts: ["Expected to run out: 28 July 2026", "Highlight: clean ingredients"] },
    { name: "nothing to show", brief: CASES["bestseller-newsletter"]!.brief, locale: "en-US", facts: [] },
  ])("$name", ({ brief, locale, facts }) => {
    const { html, text, content } = renderEmail(emailInput({ brief, recipient: { locale } }));
    expect(content.facts.map((fact) => `${fact.label}: ${fact.value}`)).toEqual(facts);
    for (const fact of facts) {
      expect(text).toContain(`- ${fact}`);
      const [label, value] = fact.split(": ");
      expect(visibleText(html)).toContain(`${label} ${value}`);
    }
  });

  it("points that have already expired by now are not announced", () => {
    const { content } = renderEmail(emailInput({ brief: loyalty, now: new Date("2026-06-20T00:00:00Z") }));
    expect(content.facts.map((fact) => fact.key)).toEqual(["pointsNeeded", "balance", "rewardMinor"]);
  });

  it("dates are the shopper's calendar day", () => {
    const at = new Date("2026-06-11T02:00:00Z");
    const day = (timeZone: string) => renderEmail(emailInput({ brief: { deadlines: { usualRepurchaseAt: at } }, recipient: { timeZone } })).content.facts[0]?.value;
    expect(day("America/Los_Angeles")).toBe("June 10, 2026");
    expect(day("Europe/Berlin")).toBe("June 11, 2026");
  });
});

describe("email rendering: the plain-text part says what the HTML says", () => {
  it("has the copy, the products with prices and full links, the button's link and the footer", () => {
    const { text, links } = renderEmail(emailInput({ brief: { ...BRIEF, leadAttribute: "fragrance-free" } }));
    // The button goes to the first card's page: the same link, listed once.
    expect(links).toHaveLength(2);
    const [cleanser, serum] = links;
    expect(text).toBe(
      [
        "Hi Ada,",
        "You usually reorder every 30 days.",
        "It is in stock and ready to ship.",
        "- Usual reorder date: June 11, 2026\n- Highlight: fragrance free",
        `Daily Gel Cleanser ($24.00)\n${cleanser}`,
        `Niacinamide Serum ($32.00)\n${serum}`,
        `Reorder now: ${cleanser}`,
        "The Demo Store team",
        ["--", "Demo Store", "12 Harbour Lane", "Bristol BS1 4RN", "United Kingdom", "This email was sent to ada@example.org by Demo Store.", `Unsubscribe from these emails: ${UNSUBSCRIBE_URL}`].join("\n"),
      ].join("\n\n") + "\n",
    );
  });

  it("the preheader is hidden text at the top of the body, not in the plain text", () => {
    const { html, text } = renderEmail(emailInput());
    const hidden = /<body[^>]*><div dir="auto" style="display:none;[^"]*mso-hide:all">([^<]*)<\/div>/.exec(html);
    expect(hidden?.[1]?.startsWith("You usually reorder about now.\u200c\u00a0")).toBe(true);
    expect(text).not.toContain("You usually reorder about now.");
  });
});

describe("email rendering: footer", () => {
  it.each([
    { name: "a multi-line address", address: "12 Harbour Lane\r\nBristol BS1 4RN\n\nUnited Kingdom", lines: ["12 Harbour Lane", "Bristol BS1 4RN", "United Kingdom"] },
    { name: "no address: the storefront's host", address: null, lines: ["demo-store.example.com"] },
    { name: "a blank address: the storefront's host", address: "  \n ", lines: ["demo-store.example.com"] },
  ])("$name", ({ address, lines }) => {
    const { html, text, content } = renderEmail(emailInput({ shop: { address } }));
    expect(content.footer.addressLines).toEqual(lines);
    expect(html).toContain(`>${lines.join("<br/>")}</p>`);
    expect(text).toContain(`--\nDemo Store\n${lines.join("\n")}\n`);
    expect(visibleText(html)).not.toMatch(/\[|\]|undefined|null|\{|\}/);
  });

  it.each([
    { locale: "de-AT", lang: "de-AT" },
    { locale: "en-GB", lang: "en-GB" },
    // French has no strings yet: the copy is English, the prices French.
    { locale: "fr-FR", lang: "en" },
    { locale: null, lang: "en" },
  ])("a $locale shopper's document says lang=$lang", ({ locale, lang }) => {
    expect(renderEmail(emailInput({ recipient: { locale } })).html).toContain(`<html lang="${lang}" xmlns=`);
  });

  it("German copy gets German words around it", () => {
    const { text, html } = renderEmail(emailInput({ recipient: { locale: "de-AT" } }));
    expect(text).toContain("Diese E-Mail wurde von Demo Store an ada@example.org gesendet.");
    expect(text).toContain(`Von diesen E-Mails abmelden: ${UNSUBSCRIBE_URL}`);
    expect(html).toContain('<html lang="de-AT"');
  });
});

describe("email rendering: the document", () => {
  it("is one HTML document with the head email clients need, dark mode and no script", () => {
    const { html } = renderEmail(emailInput());
    expect(html.startsWith("<!DOCTYPE html><html lang=\"en-US\"")).toBe(true);
    expect(html.endsWith("</html>")).toBe(true);
    for (const meta of ['<meta name="viewport" content="width=device-width, initial-scale=1"/>', '<meta name="color-scheme" content="light dark"/>', '<meta name="supported-color-schemes" content="light dark"/>']) expect(html).toContain(meta);
    expect(html).toContain("@media (prefers-color-scheme:dark)");
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    for (const table of openingTags(html, "table")) expect(table).toContain('role="presentation"');
  });

  it("same input, same email", () => {
    expect(renderEmail(emailInput())).toEqual(renderEmail(emailInput()));
  });

  it.each(Object.keys(CASES))("the template copy for %s renders with its facts and tagged links", (messageType) => {
    const { draft } = writeFromTemplate(templateInput(messageType));
    const { html, text, links } = renderEmail(emailInput({ draft, brief: CASES[messageType]!.brief }));
    for (const paragraph of draft.paragraphs) {
      expect(text).toContain(paragraph);
      expect(decodeEntities(html)).toContain(paragraph);
    }
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(new URL(link).searchParams.get("am_d")).toBe(TOKEN);
  });
});
