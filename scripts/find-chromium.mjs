// Locates a Chromium binary for the end-to-end tests.
// Order: $CHROMIUM_PATH, the Debian/Ubuntu system packages, then Playwright's own download.
// Run directly (`node scripts/find-chromium.mjs`) to print the path, or exit 1 if none is found.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const NOT_FOUND_MESSAGE =
  'No Chromium found: install one (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    // Playwright not installed or its browser was never downloaded.
    return null;
  }
}

/** @returns {Promise<string | null>} */
export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const system = SYSTEM_PATHS.find((path) => existsSync(path));
  if (system) return system;
  return playwrightChromium();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = await findChromium();
  if (path) {
    console.log(path);
  } else {
    console.error(NOT_FOUND_MESSAGE);
    process.exit(1);
  }
}
