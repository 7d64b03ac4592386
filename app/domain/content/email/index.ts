/** Rendering a message's copy as one shopper's email (HTML and plain text). Pure. */
export { renderEmail, type EmailBodies } from "./renderEmail";
export { buildEmailContent, type EmailCard, type EmailContent, type EmailFact, type EmailInput, type EmailProduct } from "./emailContent";
export { renderEmailHtml } from "./renderHtml";
export { renderEmailText } from "./renderText";
export { createLinkTagger, tagUrl, DECISION_TOKEN_PARAM, UTM_MEDIUM, UTM_SOURCE, type LinkTagging, type TagLink } from "./linkTagging";
