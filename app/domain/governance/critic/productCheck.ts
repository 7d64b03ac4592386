import type { CatalogProduct, CatalogSnapshot, ContentBrief } from "../../agents/contract";
import type { MessageDraft } from "../../content/messageDraft";
import type { CheckResult, Violation } from "../violation";
import { CRITIC_RULES } from "./criticInput";
import { blankPhrases, clip, normalizeText, phrasePattern, type CopyText } from "./textScan";

const RULE = CRITIC_RULES.product;

/**
 * Titles shorter than this are not searched for in the copy: a product called "Oil" or "Set" would
 * be "mentioned" by every sentence about oil or sets.
 */
const MIN_TITLE_LENGTH = 4;

function sellableProblem(product: CatalogProduct | undefined): string | null {
  if (!product) return "is not in the catalog";
  if (!product.active) return "is not active";
  if (!product.inStock) return "is out of stock";
  return null;
}

/**
 * facts.product: the draft names only the brief's products, each still in the catalog, active and
 * in stock (the catalog may have changed since planning); and the copy does not mention, by title,
 * a catalog product the brief does not name (the model's "you might also like" is not a decision).
 *
 * Title matching is whole-phrase and case-insensitive, after the brief's own titles are blanked
 * (so "Gel Cleanser" inside the brief's "Daily Gel Cleanser" is not another product). Limits:
 * a product named by a paraphrase or a shortened title is not recognised.
 */
export function checkProducts(draft: MessageDraft, texts: readonly CopyText[], brief: ContentBrief, catalog: Pick<CatalogSnapshot, "products">): CheckResult {
  const violations: Violation[] = [];
  const fail = (message: string, evidence: string) => violations.push({ rule: RULE, kind: "fact", remedy: "template", message, evidence: clip(evidence) });
  const briefIds = new Set(brief.products.map((p) => p.productId));

  for (const id of new Set(draft.productIds)) {
    if (!briefIds.has(id)) fail(`The draft names product ${id}, which the brief does not.`, id);
    const problem = sellableProblem(catalog.products.get(id));
    if (problem) fail(`Product ${id} ${problem}.`, id);
  }

  const briefTitles = brief.products.flatMap((p) => [p.title, catalog.products.get(p.productId)?.title ?? ""]);
  // Normalised once: catalogs have thousands of titles, drafts a dozen fields.
  const others = [...catalog.products.values()]
    .filter((p) => !briefIds.has(p.id))
    .map((p) => ({ title: p.title, needle: normalizeText(p.title).trim().toLowerCase() }))
    .filter((p) => p.needle.length >= MIN_TITLE_LENGTH);
  for (const { field, text } of texts) {
    const lower = text.toLowerCase();
    const rest = blankPhrases(text, briefTitles);
    for (const product of others) {
      // A cheap substring test first; the whole-phrase pattern only for the few candidates left.
      if (!lower.includes(product.needle)) continue;
      if (phrasePattern(product.title).test(rest)) fail(`${field} mentions "${product.title}", a product the brief does not name.`, product.title);
    }
    for (const p of brief.products) {
      if (draft.productIds.includes(p.productId)) continue; // already reported by id above
      const problem = sellableProblem(catalog.products.get(p.productId));
      if (problem && catalog.products.has(p.productId) && phrasePattern(p.title).test(text)) fail(`${field} mentions "${p.title}", which ${problem}.`, p.title);
    }
  }
  return { checked: [RULE], violations };
}
