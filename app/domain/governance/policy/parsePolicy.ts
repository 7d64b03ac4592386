import type { z } from "zod";
import { findContradictions, type PolicyError } from "./policyContradictions";
import { PolicyDocument } from "./policyDocument";
import { migratePolicyJson } from "./policyVersion";

/**
 * Policy text from the admin's editor to a PolicyDocument, or every error found, each with a path
 * into the document ("margin.rules[1].maxDiscount") and a sentence the merchant can act on. Three
 * stages, each only when the one before passed: JSON syntax (with line and column), the schema
 * (after upgrading an older version), then contradictions. On error the caller keeps the policy
 * it had; nothing here stores anything.
 */
export type ParsePolicyResult = { ok: true; policy: PolicyDocument } | { ok: false; errors: PolicyError[] };

export function parsePolicy(text: string): ParsePolicyResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: "", message: jsonErrorMessage(text, error) }] };
  }
  const upgraded = migratePolicyJson(raw);
  if (!upgraded.ok) return { ok: false, errors: [{ path: "version", message: upgraded.message }] };
  const parsed = PolicyDocument.safeParse(upgraded.document);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap(issueErrors) };
  const contradictions = findContradictions(parsed.data);
  return contradictions.length > 0 ? { ok: false, errors: contradictions } : { ok: true, policy: parsed.data };
}

/** ["margin", "rules", 1, "maxDiscount"] -> "margin.rules[1].maxDiscount"; odd keys are quoted: objectiveBudgets["*"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/u.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function issueErrors(issue: z.core.$ZodIssue): PolicyError[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: `Unknown field "${key}": check its spelling, or remove it.` }));
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

/**
 * JSON.parse reports a character position in most of its messages ("... in JSON at position 42");
 * newer runtimes add the line and column themselves. Both become "line 3, column 5" here. When
 * the runtime gives no position (an unexpected token in some versions), the message goes as is.
 */
function jsonErrorMessage(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (text.trim() === "") return "The policy is empty; it should be a JSON object such as {\"version\": 1}.";
  const base = message.replace(/\s*\(line \d+ column \d+\)/u, "").replace(/ in JSON at position \d+/u, "");
  const position = /at position (\d+)/u.exec(message)?.[1];
  const offset = position !== undefined ? Number(position) : /Unexpected end of JSON input/u.test(message) ? text.length : null;
  if (offset === null) return `Invalid JSON: ${base}.`;
  const { line, column } = lineAndColumn(text, offset);
  return `Invalid JSON at line ${line}, column ${column}: ${base}.`;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}
