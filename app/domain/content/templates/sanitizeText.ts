/**
 * Customer- and merchant-provided text (a first name, a cart line's title, the shop's name) is
 * data: it goes into the copy verbatim, as text, never as an instruction or markup (rendering
 * escapes it). Cleaning only removes what cannot be shown in a line of text: control characters
 * (line breaks and tabs become spaces) and the invisible bidi embedding/override/isolate controls that could
 * reorder the copy around it, unpaired surrogates, and runs of whitespace. Lengths are counted in
 * graphemes (what a reader sees as one character: an emoji with its modifiers, a letter with its
 * accents), with a cap in UTF-16 units as well so no field can overflow the draft's limits.
 * Right-to-left letters, emoji, zero-width joiners and the LRM/RLM marks are kept.
 */
export const MAX_FIRST_NAME = 40;
export const MAX_TITLE = 120;
export const MAX_SHORT_TITLE = 60;
export const MAX_SHOP_NAME = 80;

/** Line breaks and tabs separate words: they become spaces. Other control characters are dropped. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;
const CONTROL = /\p{Cc}/gu;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const WHITESPACE_RUN = /\s+/gu;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Control characters out, whitespace collapsed, trimmed; nothing else changes. */
export function flattenText(raw: string): string {
  return raw.replace(LONE_SURROGATE, "").replace(BIDI_CONTROLS, "").replace(BREAKS, " ").replace(CONTROL, "").replace(WHITESPACE_RUN, " ").trim();
}

/** At most `maxGraphemes` graphemes and `maxUnits` UTF-16 units, cut between graphemes. */
export function takeGraphemes(text: string, maxGraphemes: number, maxUnits = maxGraphemes * 4): { text: string; cut: boolean } {
  let out = "";
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (count === maxGraphemes || out.length + segment.length > maxUnits) return { text: out, cut: true };
    out += segment;
    count++;
  }
  return { text: out, cut: false };
}

/** A first name as the greeting may use it; null when nothing printable is left. */
export function cleanFirstName(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const name = takeGraphemes(flattenText(raw), MAX_FIRST_NAME, MAX_FIRST_NAME * 2).text.trim();
  return name === "" ? null : name;
}

/** A product, shop or sign-off name: flattened and capped (with an ellipsis when cut). */
export function cleanLabel(raw: string, maxGraphemes: number): string {
  return clip(flattenText(raw), maxGraphemes);
}

/** Cut to `maxGraphemes` (and twice that in UTF-16 units), marking a cut with an ellipsis. */
export function clip(text: string, maxGraphemes: number, maxUnits = maxGraphemes * 2): string {
  const { text: kept, cut } = takeGraphemes(text, maxGraphemes, maxUnits);
  if (!cut) return text;
  const room = takeGraphemes(kept, maxGraphemes - 1, maxUnits - 1).text.trimEnd();
  return `${room}…`;
}
