import { PolicyDocument } from "./policyDocument";

/**
 * The policy a shop has before its merchant edits anything: the schema's defaults (policyDefaults.ts),
 * frozen so no caller can loosen it in place for everyone else.
 */
export const DEFAULT_POLICY: PolicyDocument = deepFreeze(PolicyDocument.parse({ version: 1 }));

/** Pretty JSON for the admin's editor and its "reset to defaults". */
export function defaultPolicyText(): string {
  return JSON.stringify(DEFAULT_POLICY, null, 2);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
