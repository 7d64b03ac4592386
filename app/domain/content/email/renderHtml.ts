import { createElement, Fragment, type CSSProperties, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { EmailCard, EmailContent, EmailFact } from "./emailContent";

/**
 * The HTML part: hand-written, table-based, responsive email markup rendered with React's
 * renderToStaticMarkup, so every piece of text and every attribute is escaped by construction
 * (copy can never become markup). Layout rules that email clients need:
 * - tables for layout (Outlook), a 600px column that becomes full width under 600px, product
 *   cards two per row that stack on phones;
 * - inline styles for everything (Gmail drops many <style> rules), the <style> block only for the
 *   media queries (responsive, dark mode);
 * - `dir="auto"` on every text block, so a right-to-left name or title runs in its own direction,
 *   and UTF-8 declared twice (meta charset and http-equiv);
 * - long words wrap (`overflow-wrap:anywhere; word-break:break-word`) instead of widening the column;
 * - `color-scheme: light dark` and a dark palette in `prefers-color-scheme: dark`;
 * - a hidden preheader padded with zero-width joiners so the inbox preview stops after it.
 * Written with createElement (no JSX) so the file stays .ts under the domain's lint rules.
 */

const COLORS = { page: "#f4f4f5", card: "#ffffff", text: "#1f2937", muted: "#6b7280", rule: "#e5e7eb", button: "#2f6f4f", buttonText: "#ffffff", factBg: "#f0f7f3" } as const;
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const WRAP: CSSProperties = { overflowWrap: "anywhere", wordBreak: "break-word" };

/** Static CSS only (no shopper or merchant text ever goes in here). */
const STYLE = `
:root{color-scheme:light dark;supported-color-schemes:light dark}
body{margin:0;padding:0;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%}
table{border-collapse:collapse}
img{border:0;line-height:100%;outline:none;text-decoration:none;-ms-interpolation-mode:bicubic}
a{color:${COLORS.button}}
@media only screen and (max-width:620px){
.am-container{width:100%!important;max-width:100%!important}
.am-pad{padding-left:16px!important;padding-right:16px!important}
.am-col{display:block!important;width:100%!important;max-width:100%!important;box-sizing:border-box}
.am-col img{max-width:100%!important}
}
@media (prefers-color-scheme:dark){
.am-page{background-color:#111827!important}
.am-sheet{background-color:#1f2937!important}
.am-text,.am-text p,.am-text td{color:#f3f4f6!important}
.am-muted{color:#9ca3af!important}
.am-fact{background-color:#243b30!important}
a.am-link{color:#8fd3b0!important}
}
[data-ogsc] .am-page{background-color:#111827!important}
[data-ogsc] .am-sheet{background-color:#1f2937!important}
[data-ogsc] .am-text{color:#f3f4f6!important}
`;

/** Zero-width non-joiner + no-break space, repeated: keeps body text out of the inbox preview. */
const PREHEADER_FILLER = "\u200c\u00a0".repeat(90);

const presentation = { role: "presentation", cellPadding: 0, cellSpacing: 0, border: 0 } as const;

function paragraph(text: string, style: CSSProperties = {}, className = "am-text"): ReactNode {
  return createElement("p", { dir: "auto", className, style: { margin: "0 0 16px", fontSize: "16px", lineHeight: "24px", color: COLORS.text, ...WRAP, ...style } }, text);
}

function factsBlock(facts: readonly EmailFact[]): ReactNode {
  if (facts.length === 0) return null;
  return createElement(
    "table",
    { ...presentation, width: "100%", className: "am-fact", style: { width: "100%", backgroundColor: COLORS.factBg, borderRadius: "6px", margin: "0 0 20px" } },
    createElement(
      "tbody",
      null,
      facts.map((fact) =>
        createElement(
          "tr",
          { key: fact.key },
          createElement("td", { dir: "auto", className: "am-muted", style: { padding: "8px 12px", fontSize: "14px", lineHeight: "20px", color: COLORS.muted, ...WRAP } }, fact.label),
          createElement("td", { dir: "auto", className: "am-text", style: { padding: "8px 12px", fontSize: "14px", lineHeight: "20px", fontWeight: 600, color: COLORS.text, textAlign: "end", ...WRAP } }, fact.value),
        ),
      ),
    ),
  );
}

function card(item: EmailCard): ReactNode {
  const image = item.imageUrl
    ? createElement(
        "a",
        { href: item.url, className: "am-link", style: { display: "block", textDecoration: "none" } },
        createElement("img", { src: item.imageUrl, alt: item.imageAlt, width: 252, style: { display: "block", width: "100%", maxWidth: "252px", height: "auto", border: 0, borderRadius: "4px", margin: "0 0 8px" } }),
      )
    : null;
  return createElement(
    "td",
    { className: "am-col", width: "50%", valign: "top", style: { width: "50%", padding: "0 6px 16px", verticalAlign: "top" } },
    image,
    createElement(
      "p",
      { dir: "auto", className: "am-text", style: { margin: "0 0 4px", fontSize: "15px", lineHeight: "21px", fontWeight: 600, ...WRAP } },
      createElement("a", { href: item.url, className: "am-link", style: { color: COLORS.text, textDecoration: "none" } }, item.title),
    ),
    item.price === null ? null : createElement("p", { dir: "auto", className: "am-muted", style: { margin: 0, fontSize: "14px", lineHeight: "20px", color: COLORS.muted } }, item.price),
  );
}

function cardsBlock(cards: readonly EmailCard[]): ReactNode {
  if (cards.length === 0) return null;
  const rows: EmailCard[][] = [];
  for (let i = 0; i < cards.length; i += 2) rows.push(cards.slice(i, i + 2));
  return createElement(
    "table",
    { ...presentation, width: "100%", style: { width: "100%", tableLayout: "fixed", margin: "4px 0 8px" } },
    createElement(
      "tbody",
      null,
      rows.map((row) =>
        createElement(
          "tr",
          { key: row.map((c) => c.id).join(" ") },
          row.map((item) => createElement(Fragment, { key: item.id }, card(item))),
          row.length === 1 ? createElement("td", { className: "am-col", width: "50%", style: { width: "50%" } }) : null,
        ),
      ),
    ),
  );
}

function button(label: string, url: string): ReactNode {
  return createElement(
    "table",
    { ...presentation, style: { margin: "8px 0 24px" } },
    createElement(
      "tbody",
      null,
      createElement(
        "tr",
        null,
        createElement(
          "td",
          { align: "center", style: { backgroundColor: COLORS.button, borderRadius: "6px" } },
          createElement(
            "a",
            { href: url, dir: "auto", style: { display: "inline-block", padding: "12px 24px", fontFamily: FONT, fontSize: "16px", lineHeight: "20px", fontWeight: 600, color: COLORS.buttonText, textDecoration: "none", borderRadius: "6px", ...WRAP } },
            label,
          ),
        ),
      ),
    ),
  );
}

function footer(content: EmailContent): ReactNode {
  const small: CSSProperties = { margin: "0 0 6px", fontSize: "12px", lineHeight: "18px", color: COLORS.muted, ...WRAP };
  const { footer: f } = content;
  return createElement(
    "td",
    { className: "am-pad", style: { padding: "20px 24px 32px", fontFamily: FONT, textAlign: "center" } },
    createElement("p", { dir: "auto", className: "am-muted", style: { ...small, fontWeight: 600 } }, f.shopName),
    createElement("p", { dir: "auto", className: "am-muted", style: small }, f.addressLines.flatMap((line, i) => (i === 0 ? [line] : [createElement("br", { key: i }), line]))),
    createElement("p", { dir: "auto", className: "am-muted", style: small }, f.sentTo),
    createElement("p", { dir: "auto", className: "am-muted", style: small }, createElement("a", { href: f.unsubscribeUrl, className: "am-link", style: { color: COLORS.muted, textDecoration: "underline" } }, f.unsubscribeLabel)),
  );
}

export function emailDocument(content: EmailContent): ReactNode {
  return createElement(
    "html",
    { lang: content.lang, xmlns: "http://www.w3.org/1999/xhtml" },
    createElement(
      "head",
      null,
      createElement("meta", { charSet: "utf-8" }),
      createElement("meta", { httpEquiv: "Content-Type", content: "text/html; charset=UTF-8" }),
      createElement("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      createElement("meta", { httpEquiv: "X-UA-Compatible", content: "IE=edge" }),
      createElement("meta", { name: "color-scheme", content: "light dark" }),
      createElement("meta", { name: "supported-color-schemes", content: "light dark" }),
      createElement("meta", { name: "x-apple-disable-message-reformatting" }),
      createElement("title", null, content.subject),
      createElement("style", { dangerouslySetInnerHTML: { __html: STYLE } }),
    ),
    createElement(
      "body",
      { className: "am-page", style: { margin: 0, padding: 0, width: "100%", backgroundColor: COLORS.page } },
      createElement(
        "div",
        { dir: "auto", style: { display: "none", fontSize: "1px", lineHeight: "1px", maxHeight: 0, maxWidth: 0, opacity: 0, overflow: "hidden", msoHide: "all" } as CSSProperties },
        content.preheader,
        PREHEADER_FILLER,
      ),
      createElement(
        "table",
        { ...presentation, width: "100%", className: "am-page", style: { width: "100%", backgroundColor: COLORS.page } },
        createElement(
          "tbody",
          null,
          createElement(
            "tr",
            null,
            createElement(
              "td",
              { align: "center", style: { padding: "24px 8px" } },
              createElement(
                "table",
                { ...presentation, width: 600, className: "am-container", style: { width: "100%", maxWidth: "600px" } },
                createElement(
                  "tbody",
                  null,
                  createElement(
                    "tr",
                    null,
                    createElement(
                      "td",
                      { className: "am-sheet am-pad am-text", style: { padding: "32px 32px 16px", backgroundColor: COLORS.card, borderRadius: "8px", fontFamily: FONT, color: COLORS.text, ...WRAP } },
                      paragraph(content.greeting, { fontSize: "18px", lineHeight: "26px", fontWeight: 600 }),
                      content.paragraphs.map((text, i) => createElement(Fragment, { key: i }, paragraph(text))),
                      factsBlock(content.facts),
                      cardsBlock(content.cards),
                      button(content.cta.label, content.cta.url),
                      paragraph(content.signOff),
                    ),
                  ),
                  createElement("tr", null, footer(content)),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

export function renderEmailHtml(content: EmailContent): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(emailDocument(content))}`;
}
