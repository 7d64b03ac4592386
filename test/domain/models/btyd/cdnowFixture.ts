import fs from "node:fs";
import path from "node:path";
import { type PurchaseEvent } from "~/domain/models/eventLog";

/**
 * The CDNOW 1/10 sample (test/fixtures/lifetimes_CDNOW_sample.txt, see SOURCE.md): whitespace
 * separated master_id, sample_id, YYYYMMDD, cds, dollars, no header.
 */
const FIXTURES = path.resolve(import.meta.dirname, "../../../fixtures");

export const CDNOW_CALIBRATION_END = new Date("1997-09-30T00:00:00Z");
export const CDNOW_HOLDOUT_END = new Date("1998-06-30T00:00:00Z");

export function cdnowEvents(): PurchaseEvent[] {
  const text = fs.readFileSync(path.join(FIXTURES, "lifetimes_CDNOW_sample.txt"), "utf8");
  const events: PurchaseEvent[] = [];
  text.split("\n").forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields.length < 5) return;
    const [customerId, , ymd, , dollars] = fields as [string, string, string, string, string];
    const date = new Date(Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))));
    events.push({ customerId, date, amount: Number(dollars), category: null, line: index + 1 });
  });
  return events;
}

/** The same sample as an event-log CSV (customer_id,date,amount), the format `npm run models` reads. */
export function cdnowCsv(): string {
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  return ["customer_id,date,amount", ...cdnowEvents().map((event) => `${event.customerId},${iso(event.date)},${event.amount}`)].join("\n") + "\n";
}

/** lifetimes' weeks 1-39 summary with mean repeat spend: ID, x, t_x, T, zbar. */
export function cdnowSummary(): Array<{ id: string; x: number; tx: number; T: number; zbar: number }> {
  const text = fs.readFileSync(path.join(FIXTURES, "lifetimes_cdnow_customers_summary_with_transactions.csv"), "utf8");
  return text
    .trim()
    .split("\n")
    .slice(1)
    .map((row) => {
      const [id = "", x = "", tx = "", T = "", zbar = ""] = row.split(",");
      return { id, x: Number(x), tx: Number(tx), T: Number(T), zbar: Number(zbar) };
    });
}
