import type { Db } from "~/db.server";
import { DEFAULT_POLICY, parsePolicy, type PolicyDocument } from "~/domain/governance/policy";

/**
 * The shop's policy document, one PolicyVersion row per save. The newest row is in force; a shop
 * that never saved one runs on DEFAULT_POLICY. Saving parses first: a document that does not parse
 * or contradicts itself is refused with its errors and the policy in force stays as it was.
 */
export type PolicyInForce = { version: number | null; policy: PolicyDocument; savedBy: string | null; savedAt: Date | null };

export async function policyInForce(store: Db, shopId: string): Promise<PolicyInForce> {
  const row = await store.policyVersion.findFirst({ where: { shopId }, orderBy: { version: "desc" } });
  if (!row) return { version: null, policy: DEFAULT_POLICY, savedBy: null, savedAt: null };
  const parsed = parsePolicy(row.document);
  // A stored version always parsed when it was saved; if a later schema refuses it, fail loudly
  // rather than run a shop's marketing on rules the merchant did not write.
  if (!parsed.ok) throw new Error(`policy version ${row.version} of ${shopId} no longer parses: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  return { version: row.version, policy: parsed.policy, savedBy: row.savedBy, savedAt: row.createdAt };
}

export type SavePolicyResult = { ok: true; version: number } | { ok: false; errors: Array<{ path: string; message: string }> };

export async function savePolicy(store: Db, shopId: string, text: string, savedBy: string): Promise<SavePolicyResult> {
  const parsed = parsePolicy(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const document = JSON.stringify(parsed.policy, null, 2);
  // Version numbers come from the newest row; two admins saving at once collide on the key and the
  // second retries once with the next number.
  for (let attempt = 0; ; attempt++) {
    const latest = await store.policyVersion.findFirst({ where: { shopId }, orderBy: { version: "desc" }, select: { version: true, document: true } });
    if (latest?.document === document) return { ok: true, version: latest.version };
    const version = (latest?.version ?? 0) + 1;
    try {
      await store.policyVersion.create({ data: { shopId, version, document, savedBy } });
      return { ok: true, version };
    } catch (error) {
      if (attempt >= 1) throw error;
    }
  }
}

export async function policyHistory(store: Db, shopId: string, take = 20): Promise<Array<{ version: number; savedBy: string; createdAt: Date }>> {
  return store.policyVersion.findMany({ where: { shopId }, orderBy: { version: "desc" }, take, select: { version: true, savedBy: true, createdAt: true } });
}
