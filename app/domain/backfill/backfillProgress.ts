import {
  BACKFILL_RESOURCES,
  isActiveRunStatus,
  isBackfillRunStatus,
  parseBackfillRunId,
  type BackfillResource,
  type BackfillRunStatus,
} from "./backfillPlan";

/** The BackfillRun columns progress is computed from. */
export type BackfillRunRow = {
  id: string;
  status: string;
  objectCount: number;
  linesApplied: number;
  error: string | null;
  requestedBy: string;
  createdAt: Date;
  completedAt: Date | null;
  appliedAt: Date | null;
};

export type BackfillStage = {
  runId: string;
  resource: BackfillResource;
  status: BackfillRunStatus;
  /** JSONL records (objects and their children) imported, and how many the export holds (0 until known). */
  done: number;
  total: number;
  /** 0..1, null while the total is unknown. */
  fraction: number | null;
  error: string | null;
};

export type BackfillSummary = {
  backfillId: string;
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  status: "active" | "applied" | "failed";
  stages: BackfillStage[];
};

/** Groups run rows into backfills (newest first), their stages in the order they run. */
export function summarizeBackfills(rows: readonly BackfillRunRow[]): BackfillSummary[] {
  const groups = new Map<string, Array<{ row: BackfillRunRow; resource: BackfillResource }>>();
  for (const row of rows) {
    const parsed = parseBackfillRunId(row.id);
    if (!parsed) continue;
    const group = groups.get(parsed.backfillId) ?? [];
    group.push({ row, resource: parsed.resource });
    groups.set(parsed.backfillId, group);
  }
  const summaries = [...groups.entries()].map(([backfillId, members]) => {
    const stages = members
      .sort((a, b) => BACKFILL_RESOURCES.indexOf(a.resource) - BACKFILL_RESOURCES.indexOf(b.resource))
      .map(({ row, resource }) => stageOf(row, resource));
    const startedAt = new Date(Math.min(...members.map((m) => m.row.createdAt.getTime())));
    const status = overallStatus(stages);
    const finishTimes = members.map((m) => m.row.appliedAt ?? m.row.completedAt).filter((d): d is Date => d !== null);
    const finishedAt = status === "active" || finishTimes.length === 0 ? null : new Date(Math.max(...finishTimes.map((d) => d.getTime())));
    return { backfillId, requestedBy: members[0]?.row.requestedBy ?? "", startedAt, finishedAt, status, stages };
  });
  return summaries.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}

function stageOf(row: BackfillRunRow, resource: BackfillResource): BackfillStage {
  const status: BackfillRunStatus = isBackfillRunStatus(row.status) ? row.status : "failed";
  const total = Math.max(row.objectCount, 0);
  const done = status === "applied" ? Math.max(row.linesApplied, total) : Math.max(row.linesApplied, 0);
  const fraction = status === "applied" ? 1 : total > 0 ? Math.min(done / total, 1) : null;
  return { runId: row.id, resource, status, done, total, fraction, error: row.error };
}

function overallStatus(stages: readonly BackfillStage[]): BackfillSummary["status"] {
  if (stages.some((stage) => isActiveRunStatus(stage.status))) return "active";
  if (stages.some((stage) => stage.status === "failed")) return "failed";
  return "applied";
}
