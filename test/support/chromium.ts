import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

/**
 * Headless Chromium from Debian (`apt-get install -y chromium`), driven by playwright-core; a
 * browser download is impossible here, so the executable path is fixed (CHROMIUM_PATH overrides).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install it with apt-get install -y chromium`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    // Playwright gives each launch a fresh temporary profile and removes it on close.
    close: () => browser.close(),
  };
}

/** Where tests leave screenshots for people to look at (ignored by git). */
export function screenshotPath(name: string): string {
  const directory = path.resolve(import.meta.dirname, "..", "..", ".scratch", "screenshots");
  fs.mkdirSync(directory, { recursive: true });
  return path.join(directory, name);
}
