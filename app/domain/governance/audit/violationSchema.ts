import { z } from "zod";
import type { CheckResult, Violation } from "../violation";

/**
 * Zod forms of the shared Violation and CheckResult types (violation.ts is plain TypeScript), so an
 * audit record read back from the database is validated down to each finding. The assignments at
 * the bottom fail to compile if the two ever drift apart.
 */
export const ViolationSchema = z.object({
  rule: z.string().min(1),
  kind: z.enum(["policy", "fact", "safety", "suppression"]),
  remedy: z.enum(["rewrite", "template", "block"]),
  message: z.string(),
  evidence: z.string().optional(),
});

export const CheckResultSchema = z.object({ checked: z.array(z.string()), violations: z.array(ViolationSchema) });

const _toSchema: z.input<typeof ViolationSchema> = {} as Violation;
const _fromSchema: Violation = {} as z.output<typeof ViolationSchema>;
const _checkFromSchema: CheckResult = {} as z.output<typeof CheckResultSchema>;
void [_toSchema, _fromSchema, _checkFromSchema];
