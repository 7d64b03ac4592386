/**
 * Attribution on every storefront link an email carries: UTM parameters (source, medium, the agent
 * as campaign, the template id or variant as content) and the signed decision token (`am_d`), so a
 * visit or order that follows can be traced to the decision that sent it. The URL's own query
 * parameters and fragment are kept; our parameters replace any of the same name (an email's
 * attribution is ours). Pure: the token is computed by the caller (it needs a secret and a MAC).
 */
export const UTM_SOURCE = "autonomous-marketing";
export const UTM_MEDIUM = "email";
export const DECISION_TOKEN_PARAM = "am_d";

export type LinkTagging = {
  /** utm_campaign: the agent that decided the message ("replenishment"). */
  campaign: string;
  /** utm_content: the template id, else the variant, else the engine ("llm"). */
  content: string;
  /** The signed decision token (decisionToken.server.ts). */
  decisionToken: string;
};

export type TagLink = (url: string) => string;

export function tagUrl(url: string, tagging: LinkTagging): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(`a link must be http(s): ${JSON.stringify(url)}`);
  parsed.searchParams.set("utm_source", UTM_SOURCE);
  parsed.searchParams.set("utm_medium", UTM_MEDIUM);
  parsed.searchParams.set("utm_campaign", tagging.campaign);
  parsed.searchParams.set("utm_content", tagging.content);
  parsed.searchParams.set(DECISION_TOKEN_PARAM, tagging.decisionToken);
  return parsed.toString();
}

export function createLinkTagger(tagging: LinkTagging): TagLink {
  return (url) => tagUrl(url, tagging);
}
