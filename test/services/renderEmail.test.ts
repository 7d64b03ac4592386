import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageDraft } from "~/domain/content/messageDraft";
import { decisionToken, unsubscribeToken, verifyDecisionToken, verifyUnsubscribeToken } from "~/services/delivery/decisionToken.server";
import { listUnsubscribeHeaders, unsubscribeUrl, utmContent } from "~/services/delivery/emailLinks.server";
import { EmailRenderError, renderMessageEmail, shopPostalAddress, type RenderedEmail } from "~/services/delivery/renderEmail.server";
import { loadCatalogSnapshot } from "~/services/planning/catalogSnapshot.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";

const SECRET = "test-signing-secret-0123456789";
const APP_URL = "https://app.example.com";
const NOW = new Date("2026-06-10T12:00:00Z");
const OPTIONS = { appUrl: APP_URL, secret: SECRET, now: NOW };
const NBSP = "\u00a0";

describe("decision and unsubscribe tokens", () => {
  const decision = decisionToken({ shopId: "fern.myshopify.com", messageId: "loyalty:c-1:tier:2026-06-10" }, SECRET);
  const unsubscribe = unsubscribeToken({ shopId: "fern.myshopify.com", customerId: "7001" }, SECRET);

  it("verify to what they were signed over", () => {
    expect(decision).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyDecisionToken(decision, SECRET)).toEqual({ shopId: "fern.myshopify.com", messageId: "loyalty:c-1:tier:2026-06-10" });
    expect(verifyUnsubscribeToken(unsubscribe, SECRET)).toEqual({ shopId: "fern.myshopify.com", customerId: "7001" });
  });

  it("are deterministic and differ per shop and id", () => {
    expect(decisionToken({ shopId: "fern.myshopify.com", messageId: "loyalty:c-1:tier:2026-06-10" }, SECRET)).toBe(decision);
    expect(decisionToken({ shopId: "other.myshopify.com", messageId: "loyalty:c-1:tier:2026-06-10" }, SECRET)).not.toBe(decision);
    expect(unsubscribeToken({ shopId: "fern.myshopify.com", customerId: "7002" }, SECRET)).not.toBe(unsubscribe);
  });

  const [payload, signature] = decision.split(".") as [string, string];
  const forged = Buffer.from(JSON.stringify(["am-decision-v1", "other.myshopify.com", "loyalty:c-1:tier:2026-06-10"])).toString("base64url");
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
  it.each([
    { name: "another shop in the payload, old signature", token: `${forged}.${signature}` },
    { name: "a changed payload character", token: `${flip(payload, 5)}.${signature}` },
    { name: "a changed signature character", token: `${payload}.${flip(signature, 10)}` },
    { name: "a truncated signature", token: `${payload}.${signature.slice(0, 42)}` },
    { name: "no signature", token: payload },
    { name: "two dots", token: `${payload}.${signature}.x` },
    { name: "the empty string", token: "" },
    { name: "padding characters", token: `${payload}=.${signature}` },
    { name: "an unsubscribe token used as a decision token", token: unsubscribe },
  ])("a decision token with $name is refused", ({ token }) => {
    expect(verifyDecisionToken(token, SECRET)).toBeNull();
  });

  it("the wrong secret verifies nothing; a decision token is no unsubscribe token", () => {
    expect(verifyDecisionToken(decision, `${SECRET}-rotated`)).toBeNull();
    expect(verifyUnsubscribeToken(unsubscribe, `${SECRET}-rotated`)).toBeNull();
    expect(verifyUnsubscribeToken(decision, SECRET)).toBeNull();
  });

  it("a short or missing secret is refused outright", () => {
    expect(() => decisionToken({ shopId: "s", messageId: "m" }, "short")).toThrow(/secret/);
    expect(() => verifyUnsubscribeToken(unsubscribe, "")).toThrow(/secret/);
  });
});

describe("unsubscribe URL and headers", () => {
  it.each([
    { appUrl: "https://app.example.com", prefix: "https://app.example.com/unsubscribe?t=" },
    { appUrl: "https://app.example.com/", prefix: "https://app.example.com/unsubscribe?t=" },
    { appUrl: "https://example.com/marketing/", prefix: "https://example.com/marketing/unsubscribe?t=" },
    { appUrl: "http://127.0.0.1:3000", prefix: "http://127.0.0.1:3000/unsubscribe?t=" },
  ])("$appUrl", ({ appUrl, prefix }) => {
    const url = unsubscribeUrl(appUrl, { shopId: "fern.myshopify.com", customerId: "7001" }, SECRET);
    expect(url.startsWith(prefix)).toBe(true);
    expect(verifyUnsubscribeToken(new URL(url).searchParams.get("t")!, SECRET)).toEqual({ shopId: "fern.myshopify.com", customerId: "7001" });
  });

  it("refuses an app URL that is not http(s)", () => {
    expect(() => unsubscribeUrl("javascript:alert(1)", { shopId: "s", customerId: "c" }, SECRET)).toThrow(/http/);
  });

  it.each([
    { mailto: undefined, expected: { "List-Unsubscribe": "<https://app.example.com/unsubscribe?t=x>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } },
    { mailto: null, expected: { "List-Unsubscribe": "<https://app.example.com/unsubscribe?t=x>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } },
    { mailto: "unsubscribe@fern.example", expected: { "List-Unsubscribe": "<https://app.example.com/unsubscribe?t=x>, <mailto:unsubscribe@fern.example>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } },
    { mailto: "mailto:u@fern.example?subject=unsubscribe", expected: { "List-Unsubscribe": "<https://app.example.com/unsubscribe?t=x>, <mailto:u@fern.example?subject=unsubscribe>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } },
  ])("List-Unsubscribe with mailto $mailto", ({ mailto, expected }) => {
    expect(listUnsubscribeHeaders("https://app.example.com/unsubscribe?t=x", mailto)).toEqual(expected);
  });

  it.each(["a@b.example>\r\nBcc: victim@example.org", "a@b.example>, <https://evil.example", "no-at-sign"])("refuses the mailto %j", (mailto) => {
    expect(() => listUnsubscribeHeaders("https://app.example.com/unsubscribe?t=x", mailto)).toThrow(/mailto/);
  });

  it.each([
    { message: { templateId: "loyalty/loyalty-tier-gap/a@1", variant: "a", engine: "template" }, content: "loyalty/loyalty-tier-gap/a@1" },
    { message: { templateId: null, variant: "b", engine: "llm" }, content: "b" },
    { message: { templateId: null, variant: null, engine: "llm" }, content: "llm" },
  ])("utm_content is $content", ({ message, content }) => {
    expect(utmContent(message)).toBe(content);
  });

  it.each([
    { settings: "{}", address: null },
    { settings: "not json", address: null },
    { settings: JSON.stringify({ postalAddress: "  Hauptstraße 5\n10115 Berlin " }), address: "Hauptstraße 5\n10115 Berlin" },
    { settings: JSON.stringify({ address: { address1: "12 Harbour Lane", zip: "BS1 4RN", city: "Bristol", country: "United Kingdom" } }), address: "12 Harbour Lane\nBS1 4RN Bristol\nUnited Kingdom" },
  ])("the shop's postal address from settings $settings", ({ settings, address }) => {
    expect(shopPostalAddress(settings)).toBe(address);
  });
});

const A = "fern-moss.myshopify.com";
const B = "other-shop.myshopify.com";

function draft(overrides: Partial<MessageDraft> = {}): MessageDraft {
  return {
    subject: "Nur noch 120 Punkte bis zur nächsten Prämie",
    preheader: "Die Olivenseife bringt dich hin.",
    greeting: "Hallo مريم 🌿,",
    paragraphs: ["Dir fehlen nur noch 120 Punkte bis zur nächsten Prämie.", "Die Olivenseife bringt dich mit einem Kauf dorthin."],
    callToAction: { label: "Jetzt einlösen", url: "https://www.fern-moss.example/products/olivenseife?variant=v-1a" },
    productIds: ["p-soap", "p-gone", "p-sold-out"],
    signOff: "Dein Team von Fern & Moss",
    ...overrides,
  };
}

const BRIEF = {
  products: [{ productId: "p-soap", title: "Olivenseife", priceMinor: 999 }],
  numbers: { pointsNeeded: 120, balance: 380, tierPoints: 500 },
  deadlines: {},
  leadAttribute: "handmade",
  discount: null,
};

describe.each(DATABASE_KINDS)("renderMessageEmail on %s", (kind) => {
  let t: TestDatabase;

  async function message(shopId: string, id: string, customerId: string, overrides: { draft?: MessageDraft; agent?: string; templateId?: string | null; variant?: string | null; engine?: string } = {}) {
    await t.db.message.create({
      data: {
        shopId,
        id,
        runId: "schedule:test",
        customerId,
        agent: overrides.agent ?? "loyalty",
        status: "ready",
        engine: overrides.engine ?? "template",
        templateId: overrides.templateId === undefined ? "loyalty/loyalty-tier-gap/a@1" : overrides.templateId,
        variant: overrides.variant === undefined ? "a" : overrides.variant,
        draft: JSON.stringify(overrides.draft ?? draft()),
        brief: JSON.stringify(BRIEF),
        audit: "{}",
        firstDraftPassed: true,
      },
    });
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await t.db.shop.create({ data: { id: A, name: "Fern & Moss", currencyCode: "EUR", ianaTimezone: "Europe/Berlin", primaryDomain: "www.fern-moss.example", settings: JSON.stringify({ postalAddress: "Hauptstraße 5\n10115 Berlin\nDeutschland" }) } });
    await t.db.shop.create({ data: { id: B, name: "Other Shop", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo", primaryDomain: null } });
    await t.db.customer.createMany({
      data: [
        { shopId: A, id: "c-1", email: " mariam@example.org ", firstName: "مريم 🌿", lastName: "Haddad", locale: "de-DE", timeZone: "Europe/Berlin", emailMarketingState: "SUBSCRIBED" },
        { shopId: A, id: "c-no-email", email: null, firstName: "Nora" },
        { shopId: A, id: "c-redacted", email: null, redactedAt: NOW },
        { shopId: A, id: "c-deleted", email: "gone@example.org", deletedAt: NOW },
        { shopId: B, id: "c-1", email: "kenji@example.jp", firstName: "Kenji", locale: "ja-JP" },
      ],
    });
    await t.db.product.createMany({
      data: [
        { shopId: A, id: "p-soap", title: "Olivenseife", handle: "olivenseife", status: "active", imageUrl: "https://cdn.example.com/soap.jpg" },
        { shopId: A, id: "p-gone", title: "Alte Seife", handle: "alte-seife", status: "active", deletedAt: NOW },
        { shopId: A, id: "p-sold-out", title: "Lavendelseife", handle: "lavendelseife", status: "active" },
        { shopId: B, id: "p-soap", title: "石鹸", handle: "sekken", status: "active" },
      ],
    });
    await t.db.productVariant.createMany({
      data: [
        // The cheaper variant is sold out: the card shows the cheapest one that can be bought, today's price.
        { shopId: A, id: "v-1a", productId: "p-soap", title: "200 g", priceMinor: 1450, currencyCode: "EUR", inventoryQuantity: 4, inventoryPolicy: "deny" },
        { shopId: A, id: "v-1b", productId: "p-soap", title: "100 g", priceMinor: 850, currencyCode: "EUR", inventoryQuantity: 0, inventoryPolicy: "deny" },
        { shopId: A, id: "v-2", productId: "p-gone", title: "Default", priceMinor: 500, currencyCode: "EUR" },
        { shopId: A, id: "v-3", productId: "p-sold-out", title: "Default", priceMinor: 700, currencyCode: "EUR", inventoryQuantity: 0, inventoryPolicy: "deny" },
        { shopId: B, id: "v-1", productId: "p-soap", title: "Default", priceMinor: 1200, currencyCode: "JPY" },
      ],
    });
    await message(A, "m-1", "c-1");
    await message(A, "m-no-email", "c-no-email");
    await message(A, "m-redacted", "c-redacted");
    await message(A, "m-deleted", "c-deleted");
    await message(A, "m-no-customer", "c-unknown");
    // Shop B uses the same message id for its own shopper, and has one A must never reach.
    await message(B, "m-1", "c-1", { draft: draft({ subject: "B's message", callToAction: { label: "Go", url: `https://${B}/products/sekken` }, productIds: ["p-soap"] }), agent: "bestseller-newsletter", templateId: null, variant: null, engine: "llm" });
    await message(B, "m-b-only", "c-1", { draft: draft({ callToAction: { label: "Go", url: `https://${B}/cart` }, productIds: [] }) });
  }, 120_000);
  afterAll(() => t?.drop());

  let email: RenderedEmail;
  beforeAll(async () => {
    email = await renderMessageEmail(t.db, A, "m-1", OPTIONS);
  });

  it("addresses the customer by email and full name, with the draft's subject", () => {
    expect(email.to).toBe("mariam@example.org");
    expect(email.toName).toBe("مريم 🌿 Haddad");
    expect(email.subject).toBe("Nur noch 120 Punkte bis zur nächsten Prämie");
  });

  it("carries the exact List-Unsubscribe headers with a signed one-click URL for this shop and customer", async () => {
    expect(email.headers).toEqual({ "List-Unsubscribe": `<${email.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    const url = new URL(email.unsubscribeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${APP_URL}/unsubscribe`);
    expect(verifyUnsubscribeToken(url.searchParams.get("t")!, SECRET)).toEqual({ shopId: A, customerId: "c-1" });
    expect(email.html).toContain(`href="${email.unsubscribeUrl}"`);
    expect(email.text).toContain(email.unsubscribeUrl);
    const withMailto = await renderMessageEmail(t.db, A, "m-1", { ...OPTIONS, unsubscribeMailto: "unsubscribe@fern-moss.example" });
    expect(withMailto.headers["List-Unsubscribe"]).toBe(`<${email.unsubscribeUrl}>, <mailto:unsubscribe@fern-moss.example>`);
  });

  it("tags every storefront link with UTM and a decision token that verifies to this shop's message", () => {
    // The card (image and title) and the button, which names a variant.
    expect(email.links.map((link) => new URL(link).pathname)).toEqual(["/products/olivenseife", "/products/olivenseife"]);
    const hrefs = [...email.html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&")).filter((href) => href !== email.unsubscribeUrl);
    expect(hrefs.length).toBe(3);
    expect(new Set(hrefs)).toEqual(new Set(email.links));
    for (const link of email.links) {
      const params = new URL(link).searchParams;
      expect(params.get("utm_source")).toBe("autonomous-marketing");
      expect(params.get("utm_medium")).toBe("email");
      expect(params.get("utm_campaign")).toBe("loyalty");
      expect(params.get("utm_content")).toBe("loyalty/loyalty-tier-gap/a@1");
      expect(verifyDecisionToken(params.get("am_d")!, SECRET)).toEqual({ shopId: A, messageId: "m-1" });
    }
    // The button kept its own parameter.
    expect(new URL(email.links[1]!).searchParams.get("variant")).toBe("v-1a");
  });

  it("shows the catalog's products now: today's price in the shop currency and the shopper's locale; gone and sold-out products get no card", () => {
    expect(email.html).toContain(`>14,50${NBSP}€</p>`);
    expect(email.html).not.toContain("9,99");
    expect(email.html).toContain('alt="Olivenseife"');
    expect(email.html).not.toContain("Alte Seife");
    expect(email.html).not.toContain("Lavendelseife");
    expect(email.text).toContain(`Olivenseife (14,50${NBSP}€)\n${email.links[0]}`);
  });

  it("states the brief's facts, the copy in any script, and the shop's name and postal address", () => {
    for (const fact of ["- Punkte bis zur nächsten Prämie: 120 Punkte", "- Punktestand: 380 Punkte", "- Im Mittelpunkt: handmade"]) expect(email.text).toContain(fact);
    expect(email.html).toContain('<p dir="auto" class="am-text" style="margin:0 0 16px;font-size:18px;line-height:26px;color:#1f2937;overflow-wrap:anywhere;word-break:break-word;font-weight:600">Hallo مريم 🌿,</p>');
    expect(email.text).toContain("--\nFern & Moss\nHauptstraße 5\n10115 Berlin\nDeutschland\nDiese E-Mail wurde von Fern & Moss an mariam@example.org gesendet.");
    expect(email.html).toContain(">Hauptstraße 5<br/>10115 Berlin<br/>Deutschland</p>");
  });

  it("renders the same email from a catalog loaded once for a batch", async () => {
    const catalog = await loadCatalogSnapshot(t.db, A, "EUR");
    expect(await renderMessageEmail(t.db, A, "m-1", { ...OPTIONS, catalog })).toEqual(email);
  });

  it("stays inside the shop: the same id in another shop is that shop's message, another shop's id is not found", async () => {
    const b = await renderMessageEmail(t.db, B, "m-1", OPTIONS);
    expect(b.to).toBe("kenji@example.jp");
    expect(b.subject).toBe("B's message");
    expect(b.html).toContain(">￥1,200</p>");
    // No address and no custom domain: the footer names the shop and its myshopify host.
    expect(b.text).toContain(`--\nOther Shop\n${B}\n`);
    for (const link of b.links) {
      const params = new URL(link).searchParams;
      expect(params.get("utm_campaign")).toBe("bestseller-newsletter");
      expect(params.get("utm_content")).toBe("llm");
      expect(verifyDecisionToken(params.get("am_d")!, SECRET)).toEqual({ shopId: B, messageId: "m-1" });
    }
    await expect(renderMessageEmail(t.db, A, "m-b-only", OPTIONS)).rejects.toMatchObject({ name: "EmailRenderError", code: "message-not-found" });
    await expect(renderMessageEmail(t.db, "nobody.myshopify.com", "m-1", OPTIONS)).rejects.toBeInstanceOf(EmailRenderError);
  });

  it.each([
    { id: "m-no-email", code: "no-email", text: /has no email address/ },
    { id: "m-redacted", code: "customer-gone", text: /redacted/ },
    { id: "m-deleted", code: "customer-gone", text: /deleted/ },
    { id: "m-no-customer", code: "customer-not-found", text: /no customer c-unknown/ },
  ])("refuses $id with a clear error ($code)", async ({ id, code, text }) => {
    const error = await renderMessageEmail(t.db, A, id, OPTIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailRenderError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(text);
  });
});
