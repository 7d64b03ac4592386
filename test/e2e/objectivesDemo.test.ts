import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AGENT_NAMES } from "~/domain/agents/contract";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** `npm run demo` plans the demo store toward its default objective and prints what it decided. */
describe("npm run demo plans the store", () => {
  it("prints decisions per agent, drops, three reasoning traces, governance outcomes and the emails it delivered", () => {
    const cleanEnvironment = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !["DEMO_MODE", "NODE_ENV", "HOST", "DATABASE_URL", "PORT", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"].includes(key)),
    );
    const databaseUrl = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "demo-plan-")), "demo.sqlite")}`;
    const environment: Record<string, string> = { PORT: "0", DATABASE_URL: databaseUrl };
    const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["app/demo/main.ts", "--once", "--customers", "150", "--seed", "8", "--now", "2026-11-25T12:00:00Z"], {
      cwd: ROOT,
      env: { ...cleanEnvironment, ...environment } as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 170_000,
    });
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout.slice(result.stdout.indexOf("{\n"))) as {
      planning: {
        shoppers: number;
        proposals: number;
        planned: number;
        plannedByAgent: Record<string, number>;
        droppedByBudget: { messages: number; discount: number };
        droppedByConsent: { notSubscribed: number; suppressed: number };
        examples: string[];
        reviewed: { ready: number; awaitingApproval: number; blocked: number };
      };
      delivery: {
        email: { sent: number; failed: number };
        receivedByAgent: Record<string, number>;
        flowAndMetafields: number;
        example: { messageId: string; flow: { handle: string; payload: Record<string, unknown> } | null; metafields: { metafields: { key: string }[] } | null } | null;
      };
    };
    const { planning } = summary;
    expect(planning.shoppers).toBe(150);
    expect(Object.keys(planning.plannedByAgent).sort()).toEqual([...AGENT_NAMES].sort());
    expect(planning.planned).toBe(Object.values(planning.plannedByAgent).reduce((a, b) => a + b, 0));
    expect(planning.planned).toBeGreaterThan(20);
    expect(planning.droppedByConsent.notSubscribed).toBeGreaterThan(0);
    expect(planning.droppedByBudget.messages).toBeGreaterThan(0);
    expect(planning.examples).toHaveLength(3);
    expect(new Set(planning.examples.map((id) => id.split(":")[0])).size).toBe(3);

    for (const label of ["planned per agent:", "dropped by budget:", "dropped by consent:"]) expect(result.stderr).toContain(label);
    for (let i = 1; i <= 3; i++) expect(result.stderr).toContain(`Reasoning trace ${i} of 3`);
    for (const id of planning.examples) expect(result.stderr).toContain(`Decision ${id} (planned)`);
    expect(result.stderr.match(/^ {2}reasoning:$/gm)).toHaveLength(3);
    expect(result.stderr.match(/^ {2}planner: send /gm)).toHaveLength(3);

    // Governance, supervised: some messages cleared, some waiting for approval, some blocked, each
    // shown with its reason.
    const { reviewed } = planning;
    expect(reviewed.ready).toBeGreaterThan(0);
    expect(reviewed.awaitingApproval).toBeGreaterThan(0);
    expect(reviewed.blocked).toBeGreaterThan(0);
    expect(reviewed.ready + reviewed.awaitingApproval + reviewed.blocked).toBe(planning.planned);
    expect(result.stderr).toMatch(/^ {2}cleared: .+ - Sent without review/m);
    expect(result.stderr).toMatch(/^ {2}waiting: .+ - .*(above|review)/m);
    expect(result.stderr).toMatch(/^ {2}blocked: .+ \[rules: [a-z.-]+/m);

    // Delivery: real emails for every agent that planned anything, with their Flow trigger and metafields.
    const { delivery } = summary;
    expect(delivery.email.sent).toBeGreaterThan(0);
    expect(delivery.email.failed).toBe(0);
    for (const agent of AGENT_NAMES) if (planning.plannedByAgent[agent]! > 0) expect(delivery.receivedByAgent[agent], agent).toBeGreaterThan(0);
    expect(Object.values(delivery.receivedByAgent).reduce((a, b) => a + b, 0)).toBe(delivery.email.sent);
    expect(result.stderr).toContain(`the local SMTP server received ${delivery.email.sent}:`);
    expect(delivery.flowAndMetafields).toBe(delivery.email.sent);
    expect(delivery.example?.flow?.payload.customer_id).toEqual(expect.any(Number));
    expect(delivery.example?.metafields?.metafields.map((m) => m.key)).toContain("latest_message");
  }, 180_000);
});
