/**
 * Which copy variant a decision gets: a pure hash of the decision id (FNV-1a, 32-bit, over the
 * UTF-16 code units), so planning, re-rendering and measurement agree without storing a coin
 * flip. The variants are taken in the order given; the same id and list always give the same one.
 */
export function chooseVariant<V extends string>(decisionId: string, variants: readonly V[]): V {
  if (variants.length === 0) throw new Error("chooseVariant needs at least one variant");
  return variants[fnv1a(decisionId) % variants.length] as V;
}

/** FNV-1a 32-bit, unsigned. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
