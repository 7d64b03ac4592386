import { z } from "zod";

/**
 * The copy of one message before it is rendered to email HTML and text: what a copywriter (the
 * deterministic templates or the LLM) produces, what the critic checks, what the approver edits.
 * Plain text only: rendering escapes it, so copy can never inject markup, and the critic can read
 * every word the shopper will see. Links are whole URLs; rendering adds UTM parameters and the
 * signed decision token.
 */
export const MessageDraft = z.object({
  subject: z.string().min(1).max(150),
  /** The preview line inboxes show after the subject. */
  preheader: z.string().max(200),
  greeting: z.string().max(200),
  /** The body, one paragraph per entry. */
  paragraphs: z.array(z.string().min(1).max(1200)).min(1).max(8),
  // http(s) only: z's url() accepts javascript: and data: URLs, which a button must never carry.
  callToAction: z.object({ label: z.string().min(1).max(60), url: z.string().url().regex(/^https?:\/\//iu, "a link must be http(s)") }),
  /** The products the decision names, in the order the copy presents them. */
  productIds: z.array(z.string()).max(12),
  signOff: z.string().max(200),
});
export type MessageDraft = z.infer<typeof MessageDraft>;

/** Every piece of text in a draft the shopper will read, with where it sits (for findings). */
export function draftTexts(draft: MessageDraft): Array<{ field: string; text: string }> {
  return [
    { field: "subject", text: draft.subject },
    { field: "preheader", text: draft.preheader },
    { field: "greeting", text: draft.greeting },
    ...draft.paragraphs.map((text, i) => ({ field: `paragraphs[${i}]`, text })),
    { field: "callToAction.label", text: draft.callToAction.label },
    { field: "signOff", text: draft.signOff },
  ];
}
