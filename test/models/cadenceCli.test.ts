import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** The real command line, as `npm run models -- cadence-backtest ...` runs it. */
function models(...args: string[]) {
  const result = spawnSync("npx", ["tsx", "app/models/cli.ts", ...args], { encoding: "utf8", timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "cadence-cli-"));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const target = path.join(directory, name);
  fs.writeFileSync(target, text);
  return target;
}

describe("npm run models -- cadence-backtest", () => {
  it("on the BTYDplus grocery log prints JSON: hit rate over all and answered, abstentions, both baselines", () => {
    const run = models("cadence-backtest", "test/fixtures/BTYDplus_groceryElog.csv");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ command: "cadence-backtest", events: 10483, evaluation: { predictions: 7209, minHistory: 3, toleranceDays: 7 } });
    expect(report.cadence.hitRateAnswered).toBeGreaterThanOrEqual(0.62);
    expect(report.cadence.hitRateAll).toBeGreaterThan(report.baselines.bestFixedWindowInHindsight.all.hitRate);
    expect(report.baselines.fixedWindow.all.hitRate).toBeLessThan(0.25);
    expect(report.evaluation.abstained.share).toBeGreaterThan(0);
  });

  it("takes --min-history and --tolerance-days", () => {
    const log = file("small.csv", "customer_id,date\na,2026-01-01\na,2026-01-11\na,2026-01-21\nb,2026-01-01\nb,2026-01-15\n");
    const report = JSON.parse(models("cadence-backtest", log, "--min-history", "1", "--tolerance-days=3").stdout);
    expect(report.evaluation).toMatchObject({ minHistory: 1, toleranceDays: 3, predictions: 3 });
  });

  it.each([
    { name: "an empty file", text: "", error: "line 1: the file is empty" },
    { name: "a missing date column", text: "customer_id,amount\na,3\n", error: "line 1: missing column date" },
    { name: "an unparseable date", text: "customer_id,date\na,2026-01-01\nb,01/02/2026\n", error: 'line 3: cannot read the date "01/02/2026"' },
    { name: "one customer", text: "customer_id,date\na,2026-01-01\na,2026-02-01\na,2026-03-01\n", error: "line 4: every event (lines 2-4) belongs to one customer" },
    { name: "too short a history to backtest", text: "customer_id,date\na,2026-01-01\nb,2026-02-01\n", error: "no customer has more than 3 purchase occasions" },
  ])("fails clearly on $name", ({ name, text, error }) => {
    const run = models("cadence-backtest", file(`${name.replace(/\W+/g, "-")}.csv`, text));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(error);
  });

  it.each([
    { args: [], error: "expected one event-log file" },
    { args: ["missing.csv"], error: "cannot read missing.csv: ENOENT" },
    { args: ["x.csv", "--min-history", "0"], error: "--min-history needs a whole number from 1 to 100" },
    { args: ["x.csv", "--window"], error: "unknown option --window" },
  ])("fails clearly on arguments $args", ({ args, error }) => {
    const run = models("cadence-backtest", ...args);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(error);
  });
});
