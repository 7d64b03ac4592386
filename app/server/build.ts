import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const SERVER_BUILD = path.join(ROOT, "build", "server", "index.js");
export const CLIENT_BUILD = path.join(ROOT, "build", "client");

/** Inputs of the production build; when any is newer than the build, it is rebuilt. */
const BUILD_INPUTS = ["app", "vite.config.ts", "package-lock.json", "tsconfig.json"];
const NOT_BUILD_INPUTS = new Set(["demo", "generated"]);

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (NOT_BUILD_INPUTS.has(entry)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function buildIsStale(): boolean {
  const built = fs.statSync(SERVER_BUILD, { throwIfNoEntry: false });
  if (!built) return true;
  return BUILD_INPUTS.some((input) => newestMtime(path.join(ROOT, input)) > built.mtimeMs);
}

/** Runs `remix vite:build` when the build is missing or older than its sources. */
export function ensureBuild(log: (message: string) => void = () => undefined): void {
  if (!buildIsStale()) return;
  log("building the admin panel (remix vite:build)...");
  execFileSync(path.join(ROOT, "node_modules", ".bin", "remix"), ["vite:build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

export async function loadServerBuild(): Promise<ServerBuild> {
  // A query string per load would defeat the module cache; one build per process is what we want.
  return (await import(SERVER_BUILD)) as ServerBuild;
}
