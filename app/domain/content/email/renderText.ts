import type { EmailContent } from "./emailContent";

/**
 * The plain-text part: the same copy, facts and products as the HTML, every link written out in
 * full (tagged, like the HTML's), and the footer with the unsubscribe link.
 */
export function renderEmailText(content: EmailContent): string {
  const blocks: string[] = [content.greeting, ...content.paragraphs];
  if (content.facts.length > 0) blocks.push(content.facts.map((fact) => `- ${fact.label}: ${fact.value}`).join("\n"));
  for (const card of content.cards) blocks.push([card.price === null ? card.title : `${card.title} (${card.price})`, card.url].join("\n"));
  blocks.push(`${content.cta.label}: ${content.cta.url}`);
  blocks.push(content.signOff);
  const f = content.footer;
  blocks.push(["--", f.shopName, ...f.addressLines, f.sentTo, `${f.unsubscribeLabel}: ${f.unsubscribeUrl}`].join("\n"));
  return `${blocks.filter((block) => block !== "").join("\n\n")}\n`;
}
