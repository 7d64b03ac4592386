import { Random } from "~/demo/generator/random";
import type { AgentName } from "~/domain/agents/contract";
import { renderEmail, type EmailInput, type EmailProduct } from "~/domain/content/email";
import { writeFromTemplate } from "~/domain/content/templates";
import { listUnsubscribeHeaders, messageLinkTagger, unsubscribeUrl } from "~/services/delivery/emailLinks.server";
import { CASES, input as templateInput } from "../domain/content/templates/fixtures";
import { bestOf, type Benchmark, type Figure } from "./benchmark";

const EMAILS = 2_000;
const SECRET = "bench-signing-secret-0123456789";
const APP_URL = "https://app.example.com";
const NOW = new Date("2026-06-10T12:00:00Z");
const SHOP_ID = "demo-store.myshopify.com";

/**
 * Per-shopper email rendering on one thread: 2,000 emails, each for a different shopper (names in
 * Latin, Arabic, Hebrew and Japanese script, some with emoji; five locales; all nine message types;
 * one to four product cards from a 60-product catalog), each with its own signed decision token,
 * signed unsubscribe URL, tagged links, List-Unsubscribe headers, HTML and plain text: everything
 * renderMessageEmail does once its rows are read. Beside it, the same renderer on one fixed email
 * (same shopper, same copy, same links) 2,000 times: what personalisation costs over a template
 * rendered as is. The copy is written beforehand (it is stored on the Message).
 */
export const emailRenderBenchmark: Benchmark = {
  name: "email rendering",
  run: async () => {
    const jobs = personalisedJobs(new Random("email-bench"));
    const fixed = jobs[0]!;
    const fixedInput: EmailInput = { ...fixed.input, tagLink: messageLinkTagger(fixed.message, SECRET), unsubscribeUrl: unsubscribeUrl(APP_URL, { shopId: SHOP_ID, customerId: fixed.customerId }, SECRET) };

    let bytes = 0;
    const personalise = () => {
      bytes = 0;
      for (const job of jobs) {
        const unsubscribe = unsubscribeUrl(APP_URL, { shopId: SHOP_ID, customerId: job.customerId }, SECRET);
        const email = renderEmail({ ...job.input, tagLink: messageLinkTagger(job.message, SECRET), unsubscribeUrl: unsubscribe });
        listUnsubscribeHeaders(unsubscribe);
        bytes += email.html.length + email.text.length;
      }
    };
    const template = () => {
      for (let i = 0; i < EMAILS; i++) renderEmail(fixedInput);
    };
    // Warm up both paths (JIT, Intl formatter caches) before timing.
    personalise();
    template();
    const personalisedMs = await bestOf(3, personalise);
    const fixedMs = await bestOf(3, template);
    const perSecond = (ms: number) => Math.round(EMAILS / (ms / 1000));
    const figures: Figure[] = [
      {
        name: `personalised emails (HTML + text, signed links and headers; ${Math.round(bytes / EMAILS / 1024)} KiB each)`,
        unit: "emails/s",
        value: perSecond(personalisedMs),
        baseline: { name: "one fixed email rendered again and again", value: perSecond(fixedMs) },
        better: "higher",
      },
    ];
    return figures;
  },
};

type Job = {
  customerId: string;
  message: { shopId: string; messageId: string; agent: AgentName; templateId: string | null; variant: string | null; engine: string };
  input: Omit<EmailInput, "tagLink" | "unsubscribeUrl">;
};

const NAMES = ["Ada", "Jonas", "Zoë 👩🏽‍💻", "مريم", "דניאל", "さくら", "Łukasz", "Amélie 🌸", null, "Søren"];
const LOCALES: ReadonlyArray<readonly [string, string]> = [["en-US", "America/New_York"], ["de-DE", "Europe/Berlin"], ["en-GB", "Europe/London"], ["fr-FR", "Europe/Paris"], ["ja-JP", "Asia/Tokyo"]];

function personalisedJobs(random: Random): Job[] {
  const products = new Map<string, EmailProduct>();
  for (let i = 0; i < 60; i++) {
    const id = `p-${i}`;
    products.set(id, { id, title: `Product ${i} ${random.pick(["Serum", "Candle", "Cleanser", "Tea", "Soap"])}`, handle: `product-${i}`, priceMinor: random.int(500, 9000), imageUrl: random.chance(0.8) ? `https://cdn.example.com/p-${i}.jpg` : null, inStock: true, active: true });
  }
  const catalog = new Map([...products].map(([id, p]) => [id, { title: p.title, handle: p.handle, priceMinor: p.priceMinor, imageUrl: p.imageUrl }]));
  const messageTypes = Object.keys(CASES);
  return Array.from({ length: EMAILS }, (_, i): Job => {
    const messageType = random.pick(messageTypes);
    const { agent, brief: caseBrief } = CASES[messageType]!;
    const [locale, timeZone] = random.pick(LOCALES);
    const firstName = random.pick(NAMES);
    const picked = Array.from({ length: random.int(1, 4) }, () => products.get(`p-${random.int(0, 59)}`)!);
    const brief = { ...caseBrief, products: picked.map((p) => ({ productId: p.id, title: p.title, priceMinor: p.priceMinor })) };
    const written = writeFromTemplate({ ...templateInput(messageType), brief, products: catalog, shopper: { firstName, locale, timeZone }, decisionId: `d-${i}`, variant: undefined });
    return {
      customerId: `c-${i}`,
      message: { shopId: SHOP_ID, messageId: `${agent}:c-${i}:${messageType}:2026-06-10`, agent, templateId: written.templateId, variant: written.variant, engine: "template" },
      input: {
        draft: { ...written.draft, productIds: picked.map((p) => p.id) },
        brief,
        recipient: { email: `shopper${i}@example.org`, firstName, locale, timeZone },
        shop: { name: "Demo Store", currencyCode: random.pick(["USD", "EUR", "JPY"]), storefrontUrl: "https://demo-store.myshopify.com", address: "12 Harbour Lane\nBristol BS1 4RN\nUnited Kingdom", locale: null, timeZone: "UTC" },
        products,
        now: NOW,
      },
    };
  });
}
