import { mergeChecks, type CheckResult } from "../violation";
import { checkCodes } from "./codeCheck";
import type { CriticInput } from "./criticInput";
import { checkDates } from "./dateCheck";
import { checkDiscounts } from "./discountCheck";
import { checkNumbers } from "./numberCheck";
import { checkPrices } from "./priceCheck";
import { checkProducts } from "./productCheck";
import type { CopyText } from "./textScan";

/**
 * The critic's fact checks: every price, offer, code, number, date and product in the copy is one
 * the brief and the catalog back. Each failure asks for the template, which prints only the
 * brief's facts: a model that invented one fact cannot be trusted to fix it by rewriting.
 */
export function checkFacts(input: CriticInput, texts: readonly CopyText[]): CheckResult {
  const { draft, brief, catalog } = input;
  return mergeChecks(
    checkPrices(texts, brief, catalog),
    checkDiscounts(texts, brief, catalog.currencyCode),
    checkCodes(texts, draft.callToAction.url, input.allowedCodes),
    checkNumbers(texts, brief),
    checkDates(texts, brief, input.shopper.timeZone),
    checkProducts(draft, texts, brief, catalog),
  );
}
