import { ensureBuild } from "~/server/build";

// Route and end-to-end tests serve the production build; build it once, before any test file runs.
export default function setup(): void {
  ensureBuild((message) => console.log(message));
}
