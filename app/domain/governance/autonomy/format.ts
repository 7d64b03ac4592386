import { formatMoney } from "../../money/money";

/**
 * Numbers as the merchant reads them in a reason. Shares print as percents with at most one
 * decimal (0.15 -> "15%", not "15.000000000000002%"). Money prints in the shop currency when the
 * caller knows it; without it, as plain minor units, which is honest if not pretty.
 */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

export type MoneyFormat = { currencyCode?: string; locale?: string };

export function money(amountMinor: number, format: MoneyFormat): string {
  if (format.currencyCode === undefined) return `${amountMinor.toLocaleString("en-US")} (minor units)`;
  return formatMoney({ amountMinor, currencyCode: format.currencyCode }, format.locale ?? "en-US");
}
