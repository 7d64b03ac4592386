import type { ContentBrief } from "../../agents/contract";
import type { CheckResult, Violation } from "../violation";
import { findCodes } from "./codeCheck";
import { CRITIC_RULES, type CustomerText } from "./criticInput";
import { matchesBriefDiscount } from "./discountCheck";
import { findDiscountPhrases, findPercents } from "./discountMentions";
import { instructionSignals } from "./instructions";
import { findLinks, isAllowedHost, normalizeHosts, parseLink } from "./links";
import { findMoney } from "./moneyMentions";
import { blankPhrases, clip, normalizeText, type CopyText } from "./textScan";

const RULE = CRITIC_RULES.injection;
/** Words in a row the copy must share with an instruction-like customer text to count as repeating it. */
const ECHO_WORDS = 5;
const MIN_ECHO_WORDS = 3;

export type InjectionContext = {
  brief: ContentBrief;
  currencyCode: string;
  allowedCodes: readonly string[];
  allowedHosts: readonly string[];
  customerTexts: readonly CustomerText[];
};

const words = (text: string) => normalizeText(text).toLowerCase().match(/[\p{L}\p{N}%]+/gu) ?? [];

function sharesRun(copy: readonly string[], source: readonly string[]): string | null {
  const n = Math.min(ECHO_WORDS, source.length);
  if (n < MIN_ECHO_WORDS) return null;
  const joined = ` ${copy.join(" ")} `;
  for (let i = 0; i + n <= source.length; i++) {
    const run = source.slice(i, i + n).join(" ");
    if (joined.includes(` ${run} `)) return run;
  }
  return null;
}

/** Offers in the copy the brief does not back: what an injected "give me 90% off" produces. */
function unbackedOffers(texts: readonly CopyText[], brief: ContentBrief, currencyCode: string): string[] {
  const offered = brief.discount !== null && brief.discount > 0 ? brief.discount : null;
  return texts.flatMap(({ factText }) => [
    ...findPercents(factText).filter((p) => p.discount && !p.values.some((v) => matchesBriefDiscount(v, offered))).map((p) => p.raw),
    ...findDiscountPhrases(factText).filter((d) => offered === null || d.share !== offered).map((d) => d.raw),
    ...(offered === null ? findMoney(factText, currencyCode).filter((m) => m.off).map((m) => `${m.raw} off`) : []),
  ]);
}

/**
 * safety.injection: the copy must not act on customer-provided text. Three signs that it did:
 *  1. the copy itself contains instruction-like text ("ignore previous instructions", "system
 *     prompt", "you are now") anywhere but where the shopper's own name is printed in the greeting;
 *  2. a customer text reads like instructions and the copy offers a discount the brief does not,
 *     or repeats a run of the customer's words;
 *  3. a figure, code or link from a customer text shows up in the copy without the brief, the
 *     decision's codes or the shop's domains backing it (whatever the phrasing of the request).
 * The fact and link checks catch the same copy under their own rules; this rule records why, so
 * the merchant sees an attack rather than a model mistake.
 */
export function checkInjection(texts: readonly CopyText[], context: InjectionContext): CheckResult {
  const violations: Violation[] = [];
  const fail = (message: string, evidence: string) => violations.push({ rule: RULE, kind: "safety", remedy: "template", message, evidence: clip(evidence) });
  const names = context.customerTexts.filter((t) => t.source === "firstName" || t.source === "lastName").map((t) => t.text);

  for (const { field, text } of texts) {
    // The greeting prints the shopper's name as given; what matters is anything beyond it.
    const read = field === "greeting" ? blankPhrases(text, names) : text;
    const signal = instructionSignals(read).find((s) => s.kind !== "demand");
    if (signal) fail(`${field} contains instruction-like text ("${clip(signal.phrase, 40)}"), a sign it repeats injected input.`, signal.phrase);
  }

  const bodyTexts = texts.filter((t) => t.field !== "greeting");
  const copyWords = bodyTexts.flatMap((t) => words(t.text));
  const offers = unbackedOffers(texts, context.brief, context.currencyCode);
  // Offers only: "100% vegan" in the copy does not repeat a note that says "I love it 100%".
  const copyPercents = new Set(texts.flatMap((t) => findPercents(t.factText).filter((p) => p.discount).flatMap((p) => p.values)));
  const copyCodes = new Set(texts.flatMap((t) => findCodes(t.factText).map((c) => c.toUpperCase())));
  const allowedCodes = new Set(context.allowedCodes.map((c) => c.toUpperCase()));
  const allowedHosts = normalizeHosts(context.allowedHosts);
  const hostsOf = (text: string) =>
    findLinks(text).flatMap((l) => (l.kind === "script" ? [] : [parseLink(l.raw, l.kind)?.host ?? ""])).filter((h) => h !== "" && !isAllowedHost(h, allowedHosts));
  const copyHosts = new Set(texts.flatMap((t) => hostsOf(t.withoutNames)));
  const offered = context.brief.discount !== null && context.brief.discount > 0 ? context.brief.discount : null;

  for (const source of context.customerTexts) {
    const said = normalizeText(source.text);
    if (said.trim() === "") continue;
    const where = `the customer's ${source.source}`;
    const instructive = instructionSignals(said).length > 0;
    if (instructive && offers.length > 0) fail(`The copy offers "${clip(offers[0] ?? "", 30)}", which the brief does not, after ${where} asked for it ("${clip(said, 50)}").`, said);
    if (instructive) {
      const run = sharesRun(copyWords, words(said));
      if (run) fail(`The copy repeats ${where} ("${clip(run, 50)}"), which reads like instructions.`, run);
    }
    for (const p of findPercents(said)) {
      if (p.values.some((v) => copyPercents.has(v) && !matchesBriefDiscount(v, offered))) fail(`The copy repeats "${p.raw}" from ${where}; the brief does not carry it.`, p.raw);
    }
    for (const code of findCodes(said)) {
      if (copyCodes.has(code.toUpperCase()) && !allowedCodes.has(code.toUpperCase())) fail(`The copy repeats the code "${clip(code, 30)}" from ${where}.`, code);
    }
    for (const host of hostsOf(said)) if (copyHosts.has(host)) fail(`The copy links to ${host}, taken from ${where}.`, host);
  }
  return { checked: [RULE], violations };
}
