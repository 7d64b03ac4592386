import type { ContentBrief } from "../../agents/contract";
import type { ProductFact } from "./facts";
import type { Formatter, Count } from "./formatting";
import type { CtaTarget } from "./links";
import type { Phrasebook, Voice } from "./phrasebook";

/**
 * The shape every agent's templates share. A template reads its facts from the brief, then
 * composes the message for one variant: which subject, which sentences in which order. The
 * variants are the same two for every message, so results compare across agents:
 * "a" leads with the product, "b" leads with the timing or the number (days, points, total).
 */
export const VARIANTS = ["a", "b"] as const;
export type Variant = (typeof VARIANTS)[number];

export const MAX_PARAGRAPHS = 8;

export type ComposeContext = {
  brief: ContentBrief;
  fmt: Formatter;
  say: Phrasebook;
  voice: Voice;
  /** The brief's products, cleaned and priced, in the brief's order. */
  products: ProductFact[];
};

export type Composition = {
  subject: string;
  preheader: string;
  /** Null entries are sentences whose facts the brief lacks; they are dropped. */
  paragraphs: ReadonlyArray<string | null>;
  cta: { label: string; target: CtaTarget };
  /** The products the copy names, in the order it names them. */
  presented: ProductFact[];
};

export type MessageTemplate = {
  variants: readonly string[];
  compose(ctx: ComposeContext, variant: string): Composition;
};

/** One agent's templates, by message type. */
export type TemplateSet = Readonly<Record<string, MessageTemplate>>;

/** A brief that cannot carry the message (no product for a product reminder), or an unknown message type. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

export function firstProduct(ctx: ComposeContext, what: string): ProductFact {
  const product = ctx.products[0];
  if (!product) throw new TemplateError(`${what} needs a product in the brief`);
  return product;
}

/** A count of at least one (a "0-day rhythm" or "0 points needed" is not a sentence). */
export function positive(count: Count | null): Count | null {
  return count && count.n >= 1 ? count : null;
}

/** The brief's discount sentence, or nothing when the brief offers none. */
export function discountSentence(percent: string | null, phrase: (percent: string) => string): string | null {
  return percent === null ? null : phrase(percent);
}
