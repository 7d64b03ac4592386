import { allMatches, blank } from "./textScan";

/**
 * Finding links in plain text. Email clients turn "evil.io" and "www.evil.io" into links on their
 * own, so a bare domain counts as a link. Where a link goes is decided by the WHATWG URL parser (the
 * global `URL`, as browsers parse it), never by string matching: "https://shop.com@evil.io" goes to
 * evil.io, "https://shöp.com" to xn--shp-tna.com, "https://shop.com.evil.io" to evil.io's subdomain.
 *
 * Limits: defanged ("evil[.]io"), spelled-out ("evil dot io") and bare IP addresses are not found;
 * a sentence missing its space ("Ms.Jones") reads as a domain (it fails closed).
 */

/** A URL with a scheme and an authority, or protocol-relative ("//evil.io/x"). */
export const SCHEME_URL = /(?<![\p{L}\p{N}+.-])(?:[a-z][a-z0-9+.-]*:)?\/\/[^\s<>"'`]+/giu;

/** Schemes that run code or inline content when clicked; they need no "//". */
export const SCRIPT_SCHEME = /\b(?:java|vb|live)script\s*:|\bdata\s*:\s*[a-z]+\/[a-z0-9.+-]+\s*[;,]/giu;

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`;
/** "shop.com", "www.shop.com/x", "shöp.com", "xn--shp-tna.com"; "24.00" is not (the last label has letters only). */
export const BARE_DOMAIN = new RegExp(
  String.raw`(?<![\p{L}\p{N}._/-])(?:${LABEL}\.)+(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{N}_-])(?::\d{1,5})?(?:[/?#][^\s<>"'\x60]*)?`,
  "giu",
);

export type LinkCandidate = { raw: string; kind: "url" | "domain" | "script" };

export function findLinks(text: string): LinkCandidate[] {
  const found: LinkCandidate[] = [];
  for (const m of allMatches(SCRIPT_SCHEME, text)) found.push({ raw: m[0], kind: "script" });
  for (const m of allMatches(SCHEME_URL, text)) found.push({ raw: m[0], kind: "url" });
  // Full URLs are blanked first so their hosts and paths are not read a second time as bare domains.
  const rest = blank(text, SCHEME_URL);
  for (const m of allMatches(BARE_DOMAIN, rest)) found.push({ raw: m[0], kind: "domain" });
  return found;
}

export type ParsedLink = { protocol: string; host: string; userinfo: boolean };

/** Parses a link as a browser would; a bare domain is read as https. Null when it is not a URL at all. */
export function parseLink(raw: string, kind: "url" | "domain"): ParsedLink | null {
  const candidate = kind === "domain" ? `https://${raw}` : raw.startsWith("//") ? `https:${raw}` : raw;
  try {
    const url = new URL(candidate);
    return { protocol: url.protocol, host: url.hostname.replace(/\.$/, "").toLowerCase(), userinfo: url.username !== "" || url.password !== "" };
  } catch {
    return null;
  }
}

/** The allowed hostnames in the parser's form (lower case, punycode, no trailing dot); "https://Shop.com/" -> "shop.com". */
export function normalizeHosts(hosts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const host of hosts) {
    const parsed = parseLink(host.trim(), host.includes("://") ? "url" : "domain");
    if (parsed?.host) out.add(parsed.host);
  }
  return out;
}

/**
 * Exact hostnames only, plus the "www." twin. Subdomains are not trusted: "x.myshopify.com" is
 * another merchant's shop, and "shop.com.evil.io" merely starts with an allowed name.
 */
export function isAllowedHost(host: string, allowed: ReadonlySet<string>): boolean {
  if (allowed.has(host)) return true;
  return host.startsWith("www.") ? allowed.has(host.slice(4)) : allowed.has(`www.${host}`);
}
