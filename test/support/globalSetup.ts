import { ensureBuild } from "~/server/build";

// Route and end-to-end tests serve the production build; build it once, before any test file runs.
// SKIP_APP_BUILD=1 skips it when running only tests that need no server.
export default function setup(): void {
  if (process.env.SKIP_APP_BUILD === "1") return;
  ensureBuild((message) => console.log(message));
}
