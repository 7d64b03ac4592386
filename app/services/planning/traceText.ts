import { formatMoney } from "~/domain/money/money";
import type { DecisionDetail } from "./decisionsView.server";

/** A decision's full reasoning trace as plain text, for the demo's printout and logs. */
export function traceText(decision: DecisionDetail, currencyCode: string): string {
  const money = (minor: number) => formatMoney({ amountMinor: minor, currencyCode }, "en-US");
  const { trace, brief } = decision;
  const planner = trace.planner;
  const lines = [
    `Decision ${decision.id} (${decision.status})`,
    `  shopper ${decision.customerId}, agent ${decision.agent}, ${decision.messageType} about ${decision.subject}`,
    "  inputs:",
    ...Object.entries(trace.inputs).map(([name, value]) => `    ${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`),
    "  reasoning:",
    ...trace.reasoning.map((line, i) => `    ${i + 1}. ${line}`),
    `  action: ${trace.action}`,
    `  expected impact: ${trace.expectedImpact} (${money(decision.expectedValueMinor)}, ${decision.method})`,
    `  brief: ${brief.products.map((product) => `${product.title} at ${money(product.priceMinor)}`).join(", ") || "no products"}` +
      `${Object.keys(brief.numbers).length ? `; ${Object.entries(brief.numbers).map(([k, v]) => `${k} ${v}`).join(", ")}` : ""}` +
      `${brief.leadAttribute ? `; leads with ${brief.leadAttribute}` : ""}${brief.discount ? `; ${Math.round(brief.discount * 100)}% off` : ""}`,
  ];
  if (planner.outcome === "planned") {
    lines.push(
      `  planner: send ${String(planner.localSendAt)} ${String(planner.timeZone)} (${String(planner.sendAt)}), objective ${String(planner.objectiveId)}, weight ${String(planner.weight)}, weighted value ${String(planner.score)}; ` +
        `budget ${String(planner.limitPerWeek)} a week, ${String(planner.alreadySentThisWeek)} already in the last 7 days`,
    );
  } else if (planner.outcome === "dropped") {
    lines.push(`  planner: ${String(planner.explanation)}`);
  }
  if (decision.cancelReason) lines.push(`  cancelled: ${decision.cancelReason}`);
  return lines.join("\n");
}
