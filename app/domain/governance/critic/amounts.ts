/**
 * Reading a number the way shoppers in different locales write it. "2,400" is two thousand four
 * hundred in en-US and 2.4 in de-DE; without knowing the writer's locale both readings are kept,
 * and a check passes when either matches a fact. (Leniency is bounded: the copy still has to hit a
 * real price with one of its readings.)
 */

/** A number as written in copy: "24", "24.00", "24,00", "2,400", "1 234,50", "1'234.50", "1.234.567". */
export const NUMBER = String.raw`\d{1,3}(?:[ ,.'’]\d{3})+(?:[.,]\d{1,3})?(?!\d)|\d+(?:[.,]\d{1,3})?`;

/** The decimal readings of a written number, as plain strings ("1234.50"); empty when none is coherent. */
export function numberReadings(written: string): string[] {
  const text = written.replace(/’/g, "'");
  const separators = [...text.matchAll(/[ ,.']/g)].map((m) => m[0]);
  const groups = text.split(/[ ,.']/);
  if (separators.length === 0) return [text];
  const readings = new Set<string>();
  const grouped = (parts: readonly string[]) => parts.length > 0 && (parts[0] ?? "").length <= 3 && parts.slice(1).every((g) => g.length === 3);
  // Every separator groups thousands: "2,400", "1.234.567", "1 234".
  if (new Set(separators).size === 1 && grouped(groups)) readings.add(groups.join(""));
  // The last separator is the decimal point: "24,00", "1.234,50", "2,400" read as 2.4.
  const last = separators[separators.length - 1] as string;
  const head = groups.slice(0, -1);
  const headSeparators = separators.slice(0, -1);
  if ((last === "." || last === ",") && !headSeparators.includes(last) && new Set(headSeparators).size <= 1 && (head.length === 1 || grouped(head))) {
    readings.add(`${head.join("")}.${groups[groups.length - 1]}`);
  }
  return [...readings];
}

/**
 * A decimal reading in minor units of a currency with `exponent` decimals; null when the reading
 * has more significant decimals than the currency ("24.005" dollars is not a price).
 */
export function readingToMinor(reading: string, exponent: number): number | null {
  const [whole = "0", fraction = ""] = reading.split(".");
  if (fraction.slice(exponent).replace(/0/g, "") !== "") return null;
  const kept = fraction.slice(0, exponent).padEnd(exponent, "0");
  return Number(whole) * 10 ** exponent + Number(kept || "0");
}
