import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** The real command line, as `npm run models -- intent-eval ...` runs it. */
function models(...args: string[]) {
  const result = spawnSync("npx", ["tsx", "app/models/cli.ts", ...args], { encoding: "utf8", timeout: 180_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "intent-cli-"));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const target = path.join(directory, name);
  fs.writeFileSync(target, text);
  return target;
}

describe("npm run models -- intent-eval", () => {
  it("reaches a 5-fold cross-validated AUC of at least 0.93 on the UCI online shoppers sessions", { timeout: 180_000 }, () => {
    const run = models("intent-eval", "test/fixtures/uci_online_shoppers_intention.csv");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ command: "intent-eval", label: "Revenue", folds: 5, sessions: 12330, converted: 1908, seed: 1 });
    expect(report.aucByFold).toHaveLength(5);
    expect(report.meanAuc).toBeGreaterThanOrEqual(0.93);
    expect(report.pooledAuc).toBeGreaterThanOrEqual(0.93);
    expect(report.bestSingleFeature.feature).toBe("PageValues");
    expect(report.meanAuc).toBeGreaterThan(report.bestSingleFeature.auc + 0.05);
    expect(report.encodings).toMatchObject({ Month: "month", VisitorType: "category", Weekend: "boolean", PageValues: "number" });
  });

  it("prints the same numbers for the same seed", () => {
    const rows = ["pages,cart,Revenue"];
    for (let i = 0; i < 200; i++) rows.push(`${i % 13},${i % 7 === 0 ? 1 : 0},${i % 7 === 0 || i % 11 === 0 ? "TRUE" : "FALSE"}`);
    const sessions = file("small.csv", `${rows.join("\n")}\n`);
    const first = models("intent-eval", sessions, "--folds", "3", "--seed", "9");
    expect(first.status).toBe(0);
    expect(models("intent-eval", sessions, "--folds", "3", "--seed", "9").stdout).toBe(first.stdout);
    expect(JSON.parse(first.stdout)).toMatchObject({ folds: 3, seed: 9 });
  });

  it.each([
    { name: "an empty file", text: "", error: "line 1: the file is empty" },
    { name: "no outcome column", text: "pages,month\n1,Feb\n", error: "line 1: missing the outcome column Revenue" },
    { name: "a bad row", text: "pages,Revenue\n1,TRUE\n2,FALSE\nthree,four,FALSE\n", error: "line 4: expected 2 fields" },
    { name: "one outcome only", text: "pages,Revenue\n1,FALSE\n2,FALSE\n", error: "line 3: every session has the same outcome" },
    { name: "too few of an outcome for the folds", text: "pages,Revenue\n1,TRUE\n2,FALSE\n3,FALSE\n", error: "only 1 session(s) have the rarer outcome" },
  ])("fails clearly on $name", ({ name, text, error }) => {
    const run = models("intent-eval", file(`${name.replace(/\W+/g, "-")}.csv`, text));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(error);
  });

  it.each([
    { args: [], error: "expected one sessions file" },
    { args: ["x.csv", "--folds", "1"], error: "--folds needs a whole number from 2 to 20" },
    { args: ["x.csv", "--depth", "3"], error: "unknown option --depth" },
  ])("fails clearly on arguments $args", ({ args, error }) => {
    const run = models("intent-eval", ...args);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(error);
  });
});
