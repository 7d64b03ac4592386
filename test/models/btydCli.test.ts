import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cdnowCsv } from "../domain/models/btyd/cdnowFixture";

/** `npm run models -- btyd ...` as a user runs it: the real entry point in a child process. */
const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

type Run = { code: number; stdout: string; stderr: string };
function models(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(TSX, ["app/models/cli.ts", ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("npm run models -- btyd", () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const target = path.join(dir, name);
    fs.writeFileSync(target, text);
    return target;
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "btyd-cli-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fits the CDNOW sample and compares the holdout, printing JSON", async () => {
    const elog = file("cdnow.csv", cdnowCsv());
    const run = await models("btyd", elog, "--calibration-end", "1997-09-30", "--holdout-end=1998-06-30");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ command: "btyd", events: 6919, customers: 2357, repeatPurchases: 2457, calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30" });
    expect(report.bgnbd.parameters.r).toBeCloseTo(0.2426, 3);
    expect(report.bgnbd.parameters.alpha).toBeCloseTo(4.4137, 2);
    expect(report.bgnbd.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(report.paretoNbd.parameters.s).toBeCloseTo(0.606, 2);
    expect(report.paretoNbd.logLikelihood).toBeCloseTo(-9595.0, 0);
    expect(report.gammaGamma.parameters.p).toBeCloseTo(6.25, 1);
    expect(report.gammaGamma.logLikelihood).toBeCloseTo(-4055.92, 1);
    expect(report.holdout).toMatchObject({ weeks: 39, actual: 1882 });
    expect(report.holdout.predicted.bgnbd).toBeGreaterThan(1882 * 0.85);
  }, 60_000);

  it("skips the spend model when the log has no amounts, and has no holdout without --holdout-end", async () => {
    const noAmounts = cdnowCsv()
      .split("\n")
      .map((line) => line.split(",").slice(0, 2).join(","))
      .join("\n");
    const run = await models("btyd", file("dates.csv", noAmounts), "--calibration-end", "1997-09-30");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.gammaGamma).toEqual({ skipped: "the event log has no amount column" });
    expect(report.holdout).toBeNull();
  });

  it("rejects bad input with a message naming the file and line, and exit code 1", async () => {
    const cases: Array<[string[], RegExp]> = [
      [[file("empty.csv", ""), "--calibration-end", "2024-01-31"], /empty\.csv: line 1: the file is empty/],
      [[file("columns.csv", "customer,amount\nc1,3\n"), "--calibration-end", "2024-01-31"], /columns\.csv: line 1: missing column date/],
      [[file("date.csv", "customer_id,date\nc1,2024-01-01\nc2,31/01/2024\n"), "--calibration-end", "2024-01-31"], /date\.csv: line 3: cannot read the date "31\/01\/2024"/],
      [[file("negative.csv", "customer_id,date,amount\nc1,2024-01-01,4\nc2,2024-01-02,-4\n"), "--calibration-end", "2024-01-31"], /negative\.csv: line 3: the amount -4 is negative/],
      [[file("one.csv", "customer_id,date\nc1,2024-01-01\nc1,2024-01-09\n"), "--calibration-end", "2024-01-31"], /one\.csv: line 3: .*one customer/],
      [[file("late.csv", "customer_id,date\nc1,2024-01-01\nc2,2024-03-09\n"), "--calibration-end", "2024-01-31"], /1 customer\(s\) bought on or before --calibration-end 2024-01-31/],
      [[file("ok.csv", "customer_id,date\nc1,2024-01-01\nc2,2024-01-09\n")], /--calibration-end is required/],
      [[path.join(dir, "ok.csv"), "--calibration-end", "Jan 31"], /cannot read --calibration-end "Jan 31"/],
      [[path.join(dir, "ok.csv"), "--calibration-end", "2024-01-31", "--holdout-end", "2024-01-01"], /--holdout-end 2024-01-01 must fall after/],
      [[path.join(dir, "missing.csv"), "--calibration-end", "2024-01-31"], /cannot read .*missing\.csv: ENOENT/],
      [[path.join(dir, "ok.csv"), "--calibration-end", "2024-01-31", "--horizon", "3"], /unknown option --horizon/],
    ];
    const runs: Run[] = [];
    for (let i = 0; i < cases.length; i += 3) runs.push(...(await Promise.all(cases.slice(i, i + 3).map(([args]) => models("btyd", ...args)))));
    runs.forEach((run, i) => {
      expect(run.code, cases[i]![1].source).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^error: /);
      expect(run.stderr).toMatch(cases[i]![1]);
    });
  }, 120_000);

  it("lists the commands for an unknown one", async () => {
    const run = await models("nonsense");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unknown command "nonsense"[\s\S]*cadence-backtest[\s\S]*intent-eval/);
  });
});
