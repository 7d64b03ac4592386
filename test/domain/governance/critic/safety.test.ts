import { describe, expect, it } from "vitest";
import { findLinks, isAllowedHost, normalizeHosts, parseLink } from "~/domain/governance/critic/links";
import { input, rulesBroken, saying } from "./fixtures";

const cta = (url: string) => input({ draft: { callToAction: { label: "Shop now", url } } });

describe("where links go", () => {
  it.each([
    { raw: "https://glowstudio.com/x", host: "glowstudio.com", userinfo: false },
    { raw: "https://glowstudio.com@evil.io/x", host: "evil.io", userinfo: true },
    { raw: "https://shöp.com", host: "xn--shp-tna.com", userinfo: false },
    { raw: "https://GlowStudio.COM./", host: "glowstudio.com", userinfo: false },
    { raw: "https://evil.io\\@glowstudio.com", host: "evil.io", userinfo: false },
  ])("$raw goes to $host", ({ raw, host, userinfo }) => {
    expect(parseLink(raw, "url")).toMatchObject({ host, userinfo });
  });

  it.each([
    { host: "glowstudio.com", allowed: true },
    { host: "www.glowstudio.com", allowed: true },
    { host: "studio-24.myshopify.com", allowed: true },
    { host: "glowstudio.com.evil.io", allowed: false },
    { host: "evil-studio-24.myshopify.com", allowed: false },
    { host: "other.myshopify.com", allowed: false },
    { host: "xn--glwstudio-t7a.com", allowed: false },
  ])("$host allowed: $allowed", ({ host, allowed }) => {
    expect(isAllowedHost(host, normalizeHosts(["https://GlowStudio.com/", "studio-24.myshopify.com"]))).toBe(allowed);
  });

  it.each([
    { text: "Visit glowstudio.com.evil.io today.", found: ["glowstudio.com.evil.io"] },
    { text: "Write to help@evil.io.", found: ["evil.io"] },
    { text: "It costs $24.00. See you soon.", found: [] },
    { text: "Read https://evil.io/a?b=c and www.evil.io", found: ["https://evil.io/a?b=c", "www.evil.io"] },
    { text: "e.g. the 3 p.m. slot", found: [] },
  ])("links in: $text", ({ text, found }) => {
    expect(findLinks(text).map((l) => l.raw)).toEqual(found);
  });
});

describe("safety.off-domain-link", () => {
  it.each([
    { name: "the shop's custom domain (baseline)", url: "https://glowstudio.com/products/daily-gel-cleanser", rules: [] },
    { name: "the myshopify domain", url: "https://studio-24.myshopify.com/cart", rules: [] },
    { name: "another domain", url: "https://evil.io/deal", rules: ["safety.off-domain-link"] },
    { name: "a look-alike that starts with the shop's domain", url: "https://glowstudio.com.evil.io/deal", rules: ["safety.off-domain-link"] },
    { name: "userinfo: the shop's name before @", url: "https://glowstudio.com@evil.io/", rules: ["safety.off-domain-link"] },
    { name: "an IDN homograph (Cyrillic о)", url: "https://glowstudiо.com/", rules: ["safety.off-domain-link"] },
    { name: "punycode of a homograph", url: "https://xn--glowstudi-p8g.com/", rules: ["safety.off-domain-link"] },
    { name: "a javascript: URL", url: "javascript:alert(document.cookie)", rules: ["safety.off-domain-link"] },
    { name: "a data: URL", url: "data:text/html;base64,PHNjcmlwdD4=", rules: ["safety.off-domain-link"] },
    { name: "mailto: is not a web link", url: "mailto:help@glowstudio.com", rules: ["safety.off-domain-link"] },
  ])("call to action: $name", ({ url, rules }) => {
    expect(rulesBroken(cta(url))).toEqual(rules);
  });

  it.each([
    { name: "a link to the shop in text", text: "See https://glowstudio.com/pages/rewards for details.", rules: [] },
    { name: "a bare shop domain in text", text: "Visit www.glowstudio.com anytime.", rules: [] },
    { name: "a link to another domain in text", text: "Claim it at https://evil.io/claim now.", rules: ["safety.off-domain-link"] },
    { name: "a bare off-shop domain", text: "Claim it at evil.io today.", rules: ["safety.off-domain-link"] },
    { name: "a look-alike bare domain", text: "Log in at glowstudio.com.evil.io today.", rules: ["safety.off-domain-link"] },
    { name: "a domain hidden by a zero-width space", text: "Go to evil\u200B.io now.", rules: ["safety.off-domain-link"] },
    { name: "a domain with an ideographic full stop", text: "Go to evil\u3002io now.", rules: ["safety.off-domain-link"] },
    { name: "an email address off the shop's domains", text: "Reply to deals@evil.io.", rules: ["safety.off-domain-link"] },
    { name: "a protocol-relative link", text: "Open //evil.io/x now.", rules: ["safety.off-domain-link"] },
  ])("in text: $name", ({ text, rules }) => {
    expect(rulesBroken(saying(text))).toEqual(rules);
  });

  it("a shop name with a dot in it is not a link", () => {
    expect(rulesBroken(input({ shop: { name: "Glow.Studio", allowedHosts: ["glowstudio.com"] }, draft: { signOff: "Glow.Studio" } }))).toEqual([]);
  });
});

describe("safety.markup", () => {
  it.each([
    { name: "a script tag", text: "Hello <script>alert(1)</script>", rules: ["safety.markup"] },
    { name: "an unclosed iframe", text: "Look <iframe src=x", rules: ["safety.markup"] },
    { name: "a bold tag (drafts are plain text)", text: "This is <b>great</b>.", rules: ["safety.markup"] },
    { name: "an event handler", text: "x onerror=alert(1)", rules: ["safety.markup"] },
    { name: "an entity-encoded tag", text: "&lt;script&gt;", rules: ["safety.markup"] },
    { name: "Liquid template tags", text: "Hi {{ name }}{% if vip %}", rules: ["safety.markup"] },
    { name: "a full-width tag folded by NFKC", text: "＜script＞", rules: ["safety.markup"] },
    { name: "'less than' and '<3' in prose are not markup", text: "Less than a minute <3 and a < b.", rules: [] },
    { name: "an ampersand in prose is not an entity", text: "Cedar & Sage; fresh.", rules: [] },
  ])("$name", ({ text, rules }) => {
    expect(rulesBroken(saying(text))).toEqual(rules);
  });

  it("javascript: in text is both markup and an off-domain link", () => {
    expect(rulesBroken(saying("Click javascript:alert(1)"))).toEqual(["safety.markup", "safety.off-domain-link"]);
  });

  it("markup in the subject or the button label is caught too", () => {
    expect(rulesBroken(input({ draft: { subject: "<img src=x onerror=alert(1)>" } }))).toEqual(["safety.markup"]);
    expect(rulesBroken(input({ draft: { callToAction: { label: "<b>Buy</b>", url: "https://glowstudio.com/" } } }))).toEqual(["safety.markup"]);
  });
});
