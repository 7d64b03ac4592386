import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Runs the demo entry point as `npm run demo` does, in its own process with its own environment. */
function runDemo(args: string[], environment: Record<string, string>) {
  const cleanEnvironment = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !["DEMO_MODE", "NODE_ENV", "HOST", "DATABASE_URL", "PORT", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"].includes(key)),
  );
  return spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["app/demo/main.ts", ...args], {
    cwd: ROOT,
    env: { ...cleanEnvironment, ...environment } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 120_000,
  });
}

function temporaryDatabaseUrl(): string {
  return `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "demo-")), "demo.sqlite")}`;
}

describe("npm run demo", () => {
  it("--once creates and migrates the database, loads the store, serves the admin panel, prints the summary and exits", () => {
    const databaseUrl = temporaryDatabaseUrl();
    const result = runDemo(["--once", "--customers", "40", "--seed", "5"], { PORT: "0", DATABASE_URL: databaseUrl });
    expect(result.stderr).toContain("admin panel answered 200");
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout.slice(result.stdout.indexOf("{\n"))) as {
      loaded: Record<string, number>;
      adminPanel: string;
      database: { kind: string; megabytes: number };
    };
    expect(summary.loaded.customers).toBe(40);
    expect(summary.loaded.products).toBeGreaterThanOrEqual(60);
    expect(summary.loaded.orders).toBeGreaterThan(40);
    expect(summary.adminPanel).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app$/);
    expect(summary.database.kind).toBe("sqlite");
    expect(fs.existsSync(databaseUrl.slice("file:".length))).toBe(true);
  }, 120_000);

  it.each([
    [{ NODE_ENV: "production" }, "NODE_ENV=production"],
    [{ HOST: "0.0.0.0" }, "loopback only"],
  ])("refuses to start demo mode with %o, writing nothing", (environment, message) => {
    const databaseUrl = temporaryDatabaseUrl();
    const result = runDemo(["--once", "--customers", "5"], { PORT: "0", DATABASE_URL: databaseUrl, ...environment });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("refused to start");
    expect(result.stderr).toContain(message);
    expect(fs.existsSync(databaseUrl.slice("file:".length))).toBe(false);
  }, 60_000);

  it("the production server refuses DEMO_MODE too", () => {
    const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["app/server/start.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", DEMO_MODE: "true", PORT: "0" } as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("NODE_ENV=production");
  }, 60_000);
});
