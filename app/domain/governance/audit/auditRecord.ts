import { z } from "zod";
import { AGENT_NAMES } from "../../agents/contract";
import type { PlannedMessage } from "../../planner/planner";
import { AUTONOMY_LEVELS } from "../autonomy/level";
import type { CopyEngine, RoutingDecision } from "../autonomy/route";
import { initialStatus, MessageStatus } from "../autonomy/status";
import type { CheckResult } from "../violation";
import { AuditActor, StatusChange } from "./statusChange";
import { CheckResultSchema } from "./violationSchema";

/**
 * The audit record of one planned message: everything needed to answer "why did this shopper get
 * this, who let it go, and what did it check" months later, without the code that decided it.
 *
 * Inputs, reasoning, action and expected impact come from the agent's trace; the routing from the
 * autonomy rules; every round of checks (first draft, rewrite, template, a person's edit) with
 * what was checked and what failed; who wrote the copy, and for an LLM the model, its version and
 * the SHA-256 of the exact prompt (computed by a service: the domain has no crypto), so a
 * disputed message can be traced to its prompt without storing prompts that hold personal data;
 * and every state change with its time and actor.
 *
 * `status` and `approval` repeat what the history says (the last change, the last human
 * decision) so lists and exports need not replay the history; the schema refuses a record where
 * they disagree, and the builder and recordStatusChange derive them, never take them.
 */
export const CHECK_STAGES = ["first-draft", "rewrite", "template", "edit"] as const;

export const AuditCheck = CheckResultSchema.extend({ stage: z.enum(CHECK_STAGES), at: z.coerce.date() });
export type AuditCheck = z.infer<typeof AuditCheck>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const CopyProvenance = z
  .object({
    engine: z.enum(["llm", "template"]),
    model: z.string().min(1).nullable().default(null),
    modelVersion: z.string().min(1).nullable().default(null),
    promptSha256: z.string().regex(SHA256_HEX, "a SHA-256 hash as 64 lowercase hex digits").nullable().default(null),
  })
  .superRefine((copy, ctx) => {
    if (copy.engine !== "llm") return;
    // Without these an LLM-written message cannot be traced; refuse the record rather than keep a gap.
    for (const field of ["model", "modelVersion", "promptSha256"] as const) {
      if (copy[field] === null) ctx.addIssue({ code: "custom", path: [field], message: `LLM-written copy needs its ${field}.` });
    }
  });
export type CopyProvenance = z.infer<typeof CopyProvenance>;

export const ApprovalSummary = z.object({
  decision: z.enum(["approved", "edited-approved", "rejected"]),
  by: AuditActor,
  at: z.coerce.date(),
  /** The rejection reason. */
  reason: z.string().nullable(),
});
export type ApprovalSummary = z.infer<typeof ApprovalSummary>;

export const AuditRecordShape = z.object({
  /** The planned message's id (the proposal id): one record per message. */
  id: z.string().min(1),
  shopId: z.string().min(1),
  customerId: z.string().min(1),
  agent: z.enum(AGENT_NAMES),
  objectiveId: z.string().nullable(),
  subject: z.string(),
  messageType: z.string(),
  /** When the decision was made (planning time). */
  createdAt: z.coerce.date(),
  sendAt: z.coerce.date().nullable(),
  status: MessageStatus,
  inputs: z.record(z.string(), z.unknown()),
  reasoning: z.array(z.string()),
  action: z.string(),
  expectedImpact: z.object({
    summary: z.string(),
    incrementalRevenueMinor: z.number(),
    currencyCode: z.string().min(3).max(3),
    method: z.string(),
    probabilityUplift: z.number(),
    discount: z.number().nullable(),
    discountCostMinor: z.number(),
  }),
  routing: z.object({
    route: z.enum(["send", "await-approval", "block"]),
    level: z.enum(AUTONOMY_LEVELS),
    levelSource: z.enum(["objective", "agent", "objective-and-agent", "default"]),
    reasons: z.array(z.string()),
  }),
  checks: z.array(AuditCheck),
  copy: CopyProvenance,
  approval: ApprovalSummary.nullable(),
  history: z.array(StatusChange).min(1),
});

export const AuditRecord = AuditRecordShape.superRefine((record, ctx) => {
  const last = record.history[record.history.length - 1];
  if (last !== undefined && last.to !== record.status) {
    ctx.addIssue({ code: "custom", path: ["status"], message: `status ${record.status} disagrees with the history, which ends at ${last.to}.` });
  }
  if (JSON.stringify(approvalFrom(record.history)) !== JSON.stringify(record.approval)) {
    ctx.addIssue({ code: "custom", path: ["approval"], message: "approval disagrees with the history's last human decision." });
  }
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/** The columns of a record in a fixed order, for exports. */
export const AUDIT_RECORD_KEYS = Object.keys(AuditRecordShape.shape) as Array<keyof AuditRecord>;

export type AuditPieces = {
  shopId: string;
  planned: PlannedMessage;
  currencyCode: string;
  routing: RoutingDecision;
  checks: ReadonlyArray<{ stage: AuditCheck["stage"]; at: Date; result: CheckResult }>;
  copy: { engine: CopyEngine; model?: string | null; modelVersion?: string | null; promptSha256?: string | null };
  createdAt: Date;
  /** Defaults to the one entry routing creates (status from the route, at createdAt, by the system). */
  history?: readonly StatusChange[];
};

/** Assemble and validate a record; throws (a service bug) if the pieces do not make a valid one. */
export function buildAuditRecord(pieces: AuditPieces): AuditRecord {
  const { planned, routing } = pieces;
  const { proposal } = planned;
  const history = pieces.history ?? [
    { at: pieces.createdAt, from: null, to: initialStatus(routing.route), action: "route" as const, by: null, note: routing.reasons.join(" "), changedFields: [] },
  ];
  const last = history[history.length - 1];
  return AuditRecord.parse({
    id: proposal.id,
    shopId: pieces.shopId,
    customerId: proposal.customerId,
    agent: proposal.agent,
    objectiveId: planned.objectiveId,
    subject: proposal.subject,
    messageType: proposal.action.messageType,
    createdAt: pieces.createdAt,
    sendAt: planned.sendAt,
    status: last?.to,
    inputs: { ...proposal.trace.inputs },
    reasoning: [...proposal.trace.reasoning],
    action: proposal.trace.action,
    expectedImpact: {
      summary: proposal.trace.expectedImpact,
      incrementalRevenueMinor: proposal.expectedValue.incrementalRevenueMinor,
      currencyCode: pieces.currencyCode,
      method: proposal.expectedValue.method,
      probabilityUplift: proposal.expectedValue.probabilityUplift,
      discount: proposal.brief.discount,
      discountCostMinor: planned.discountCostMinor,
    },
    routing: { route: routing.route, level: routing.level, levelSource: routing.levelSource, reasons: [...routing.reasons] },
    checks: pieces.checks.map((c) => ({ stage: c.stage, at: c.at, checked: [...c.result.checked], violations: [...c.result.violations] })),
    copy: pieces.copy,
    approval: approvalFrom(history),
    history: [...history],
  });
}

/** Append a state change (from the approval machine or a system transition). Throws if it does not start where the record is. */
export function recordStatusChange(record: AuditRecord, change: StatusChange): AuditRecord {
  if (change.from !== record.status) throw new Error(`status change from ${change.from} does not follow ${record.status} (message ${record.id})`);
  const history = [...record.history, change];
  return { ...record, status: change.to, history, approval: approvalFrom(history) };
}

/** Append a round of checks (the critic re-checking a person's edit, say). */
export function recordCheck(record: AuditRecord, stage: AuditCheck["stage"], at: Date, result: CheckResult): AuditRecord {
  return { ...record, checks: [...record.checks, { stage, at, checked: [...result.checked], violations: [...result.violations] }] };
}

/** The last decision a person made, from the history (null: no person has decided). */
function approvalFrom(history: readonly StatusChange[]): ApprovalSummary | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const change = history[i] as StatusChange;
    if (change.by === null) continue;
    if (change.to === "approved" || change.to === "edited-approved" || change.to === "rejected") {
      return { decision: change.to, by: change.by, at: change.at, reason: change.to === "rejected" ? change.note : null };
    }
  }
  return null;
}
