import { buildEmailContent, type EmailContent, type EmailInput } from "./emailContent";
import { renderEmailHtml } from "./renderHtml";
import { renderEmailText } from "./renderText";

export type EmailBodies = { subject: string; html: string; text: string; links: string[]; content: EmailContent };

/** One shopper's email: the HTML and plain-text parts from the same content. Pure. */
export function renderEmail(input: EmailInput): EmailBodies {
  const content = buildEmailContent(input);
  return { subject: content.subject, html: renderEmailHtml(content), text: renderEmailText(content), links: content.links, content };
}
