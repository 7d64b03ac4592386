import { mergeChecks, type CheckResult } from "../violation";
import type { CriticInput } from "./criticInput";
import { customerTextsOf } from "./copyScan";
import { checkInjection } from "./injectionCheck";
import { checkLinks } from "./linkCheck";
import { checkMarkup } from "./markupCheck";
import type { CopyText } from "./textScan";

/** The critic's safety checks: links stay on the shop's domains, copy stays plain text, customer text stays data. */
export function checkSafety(input: CriticInput, texts: readonly CopyText[]): CheckResult {
  return mergeChecks(
    checkLinks(input.draft.callToAction.url, texts, input.shop.allowedHosts),
    checkMarkup(texts),
    checkInjection(texts, {
      brief: input.brief,
      currencyCode: input.catalog.currencyCode,
      allowedCodes: input.allowedCodes,
      allowedHosts: input.shop.allowedHosts,
      customerTexts: customerTextsOf(input),
    }),
  );
}
