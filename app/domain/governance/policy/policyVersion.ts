import { POLICY_VERSION } from "./policyDocument";

/**
 * Stored documents carry `version`, so a later schema can read an older document by migrating it
 * step by step (1 -> 2 -> 3) before validation, instead of rejecting every stored policy. There is
 * only version 1 so far; a migration from n to n + 1 goes in MIGRATIONS under key n.
 */
type Json = Record<string, unknown>;
const MIGRATIONS: Readonly<Record<number, (document: Json) => Json>> = {};

export type VersionResult = { ok: true; document: unknown } | { ok: false; message: string };

export function migratePolicyJson(document: unknown): VersionResult {
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    return { ok: false, message: `A policy is a JSON object such as {"version": ${POLICY_VERSION}}.` };
  }
  let current = document as Json;
  const version = current.version;
  if (version === undefined) return { ok: false, message: `Add "version": ${POLICY_VERSION} so the policy can be upgraded later.` };
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: `"version" is a whole number from 1; this app writes ${POLICY_VERSION}.` };
  }
  if (version > POLICY_VERSION) {
    return { ok: false, message: `This policy is version ${version}, newer than this app understands (${POLICY_VERSION}).` };
  }
  for (let from = version; from < POLICY_VERSION; from++) {
    const step = MIGRATIONS[from];
    if (!step) return { ok: false, message: `No upgrade from policy version ${from}.` };
    current = { ...step(current), version: from + 1 };
  }
  return { ok: true, document: current };
}
