import { z } from "zod";

/**
 * How the shop sounds, as the merchant sets it in the admin panel. Small on purpose: each setting
 * changes something a shopper can see, and every combination still yields valid copy.
 *
 * - tone: warm (a friendly closing line), direct (no pleasantries), playful (lighter greeting and
 *   sign-off; exclamation marks only in casual copy).
 * - formality: formal copy has no contractions and no exclamation marks, and addresses the shopper
 *   with the polite form where the language has one (German "Sie"); casual uses "du".
 * - useFirstName: greet by first name when the shop knows one (false: always the generic greeting).
 * - signOffName: who signs ("Lena from Demo Store"); null signs as the shop's team.
 */
export const TONES = ["warm", "direct", "playful"] as const;
export const FORMALITIES = ["formal", "casual"] as const;
export const MAX_SIGN_OFF_NAME = 60;

export const BrandVoice = z.object({
  tone: z.enum(TONES).default("warm"),
  formality: z.enum(FORMALITIES).default("casual"),
  useFirstName: z.boolean().default(true),
  signOffName: z
    .string()
    .trim()
    .max(MAX_SIGN_OFF_NAME)
    .nullable()
    .default(null)
    .transform((value) => (value === "" ? null : value)),
});
export type BrandVoice = z.output<typeof BrandVoice>;
export type BrandVoiceInput = z.input<typeof BrandVoice>;
export type Tone = BrandVoice["tone"];

export const DEFAULT_BRAND_VOICE: BrandVoice = Object.freeze(BrandVoice.parse({}));
